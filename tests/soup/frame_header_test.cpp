// SPDX-License-Identifier: LGPL-2.1-or-later
// The binary frame header: what a reader refuses, and that it skips fields it does not know.
#include <gtest/gtest.h>

#include "frame-header.h"
#include "protocol.h"

namespace {

std::vector<uint8_t>
Message (const webdesk::FrameHeader &h, size_t payload)
{
  std::vector<uint8_t> m;
  webdesk::WriteFrameHeader (h, &m);
  m.resize (m.size () + payload, 0xAB);
  return m;
}

}  // namespace

TEST (FrameHeader, IsTwentyFourBytesInVersionOne)
{
  std::vector<uint8_t> m;
  webdesk::WriteFrameHeader ({}, &m);
  EXPECT_EQ (m.size (), 24u);
  EXPECT_EQ (m[0], webdesk::protocol::kMessageVideoFrame);
  EXPECT_EQ (m[1], 1);
  EXPECT_EQ (m[3], 24);
}

TEST (FrameHeader, TruncatedOrInconsistentMessagesAreRefused)
{
  webdesk::FrameHeader h;
  h.payload_bytes = 10;
  std::vector<uint8_t> m = Message (h, 10);
  webdesk::FrameHeader out;
  EXPECT_TRUE (webdesk::ReadFrameHeader (m.data (), m.size (), &out, nullptr));
  EXPECT_FALSE (webdesk::ReadFrameHeader (m.data (), 23, &out, nullptr));      // short header
  EXPECT_FALSE (webdesk::ReadFrameHeader (m.data (), m.size () - 1, &out, nullptr));  // short payload
  std::vector<uint8_t> other_version = m;
  other_version[1] = 2;
  EXPECT_FALSE (webdesk::ReadFrameHeader (other_version.data (), other_version.size (), &out,
      nullptr));
  std::vector<uint8_t> other_type = m;
  other_type[0] = 0x02;
  EXPECT_FALSE (webdesk::ReadFrameHeader (other_type.data (), other_type.size (), &out, nullptr));
}

TEST (FrameHeader, ALongerHeaderFromALaterRevisionIsSkipped)
{
  webdesk::FrameHeader h;
  h.sequence = 5;
  h.payload_bytes = 3;
  std::vector<uint8_t> m;
  webdesk::WriteFrameHeader (h, &m);
  m[3] = 28;                                   // four more header bytes
  m.insert (m.end (), {0xEE, 0xEE, 0xEE, 0xEE});
  m.insert (m.end (), {1, 2, 3});
  webdesk::FrameHeader out;
  size_t offset = 0;
  ASSERT_TRUE (webdesk::ReadFrameHeader (m.data (), m.size (), &out, &offset));
  EXPECT_EQ (offset, 28u);
  EXPECT_EQ (out.sequence, 5u);
  EXPECT_EQ (m[offset], 1);
}
