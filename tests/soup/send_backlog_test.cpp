// SPDX-License-Identifier: LGPL-2.1-or-later
// What a viewer's connection holds that the viewer has not taken: bytes handed over minus the
// bytes its TCP acknowledged (here given by hand), read only when the budget looks exceeded.
#include <gtest/gtest.h>

#include "send-backlog.h"

namespace {

struct FakePeer {
  int64_t acked = 1000;  // the handshake's bytes, before the WebSocket opened
  int readings = 0;
  webdesk::SendBacklog::PeerAcked Reader ()
  {
    return [this] {
      readings++;
      return acked;
    };
  }
};

}  // namespace

TEST (SendBacklog, AViewerThatTakesWhatItIsSentIsNeverFullAndCostsNoReadingsBeforeTheBudget)
{
  FakePeer peer;
  webdesk::SendBacklog backlog (peer.acked);
  for (int i = 0; i < 7; i++) {
    ASSERT_TRUE (backlog.HasRoomFor (1000, 8000, peer.Reader ()));
    backlog.Queued (1000);
  }
  EXPECT_EQ (peer.readings, 0);
  // Past the budget, the peer's count is read: it has taken everything.
  peer.acked += 7000;
  EXPECT_TRUE (backlog.HasRoomFor (2000, 8000, peer.Reader ()));
  EXPECT_EQ (peer.readings, 1);
  EXPECT_EQ (backlog.upper_bound (), 0u);
}

TEST (SendBacklog, AViewerThatTakesNothingIsFullAtTheBudget)
{
  FakePeer peer;
  webdesk::SendBacklog backlog (peer.acked);
  size_t handed = 0;
  while (backlog.HasRoomFor (1000, 8000, peer.Reader ())) {
    backlog.Queued (1000);
    handed += 1000;
    ASSERT_LE (handed, 8000u);
  }
  EXPECT_EQ (handed, 8000u);
  // It takes half: room again for what fits.
  peer.acked += 4000;
  EXPECT_TRUE (backlog.HasRoomFor (4000, 8000, peer.Reader ()));
  EXPECT_FALSE (backlog.HasRoomFor (4001, 8000, peer.Reader ()));
}

TEST (SendBacklog, TlsOverheadNeverMakesTheBacklogNegative)
{
  FakePeer peer;
  webdesk::SendBacklog backlog (peer.acked);
  backlog.Queued (8000);
  peer.acked += 8100;  // records' headers and MACs: more acknowledged than handed over
  EXPECT_TRUE (backlog.HasRoomFor (1000, 8000, peer.Reader ()));
  EXPECT_EQ (backlog.upper_bound (), 0u);
  backlog.Queued (8000);
  EXPECT_FALSE (backlog.HasRoomFor (1000, 8000, peer.Reader ()))
      << "the surplus is not credited to later messages";
}

TEST (SendBacklog, AMessageLargerThanTheBudgetStillGoesToAnEmptyConnection)
{
  FakePeer peer;
  webdesk::SendBacklog backlog (peer.acked);
  EXPECT_TRUE (backlog.HasRoomFor (20000, 8000, peer.Reader ()));
  backlog.Queued (20000);
  EXPECT_FALSE (backlog.HasRoomFor (1, 8000, peer.Reader ()));
}

TEST (SendBacklog, NotTcpIsNotBoundedHere)
{
  webdesk::SendBacklog backlog (-1);
  backlog.Queued (1 << 30);
  EXPECT_TRUE (backlog.HasRoomFor (1000, 8000, [] { return int64_t (-1); }));
}
