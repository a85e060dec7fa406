// SPDX-License-Identifier: LGPL-2.1-or-later
// The binary audio packet header (both ways): what a reader refuses, that it skips fields a
// later revision adds, and which Opus packets carry no sound worth sending.
#include <gtest/gtest.h>

#include "audio-message.h"
#include "protocol.h"

TEST (AudioHeader, IsSixteenBytesInVersionOne)
{
  std::vector<uint8_t> m;
  webdesk::WriteAudioHeader ({}, &m);
  EXPECT_EQ (m.size (), 16u);
  EXPECT_EQ (m[0], webdesk::protocol::kMessageAudio);
  EXPECT_EQ (m[1], 1);
  EXPECT_EQ (m[3], 16);
}

TEST (AudioHeader, MessagesWithoutAPacketOrOfAnotherKindAreRefused)
{
  webdesk::AudioHeader h;
  h.sequence = 9;
  std::vector<uint8_t> m;
  webdesk::WriteAudioHeader (h, &m);
  webdesk::AudioHeader out;
  EXPECT_FALSE (webdesk::ReadAudioHeader (m.data (), m.size (), &out, nullptr));  // no packet
  m.push_back (0xfc);
  size_t offset = 0;
  ASSERT_TRUE (webdesk::ReadAudioHeader (m.data (), m.size (), &out, &offset));
  EXPECT_EQ (out.sequence, 9u);
  EXPECT_EQ (offset, 16u);
  EXPECT_FALSE (webdesk::ReadAudioHeader (m.data (), 15, &out, nullptr));  // short
  for (int byte : {0, 1, 3}) {
    std::vector<uint8_t> bad = m;
    bad[byte] = byte == 3 ? 8 : 0x07;  // another type, version, or a header shorter than 16
    EXPECT_FALSE (webdesk::ReadAudioHeader (bad.data (), bad.size (), &out, nullptr)) << byte;
  }
}

TEST (AudioHeader, ALongerHeaderFromALaterRevisionIsSkipped)
{
  webdesk::AudioHeader h;
  h.capture_time_us = 42;
  std::vector<uint8_t> m;
  webdesk::WriteAudioHeader (h, &m);
  m[3] = 20;
  m.insert (m.end (), {0, 0, 0, 0, 0xfc, 0xff});
  webdesk::AudioHeader out;
  size_t offset = 0;
  ASSERT_TRUE (webdesk::ReadAudioHeader (m.data (), m.size (), &out, &offset));
  EXPECT_EQ (offset, 20u);
  EXPECT_EQ (out.capture_time_us, 42u);
}

TEST (AudioHeader, DtxFramesAreSilence)
{
  // libopus: "If the return value is 2 bytes or less, then the packet does not need to be
  // transmitted (DTX)".
  EXPECT_TRUE (webdesk::IsSilentOpusPacket (0));
  EXPECT_TRUE (webdesk::IsSilentOpusPacket (1));
  EXPECT_TRUE (webdesk::IsSilentOpusPacket (2));
  EXPECT_FALSE (webdesk::IsSilentOpusPacket (3));
}
