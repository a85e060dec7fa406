// SPDX-License-Identifier: LGPL-2.1-or-later
// The golden vectors of docs/protocol.md, read from the document itself, so the specification,
// the C++ server and the JavaScript client (tests/browser/protocol.test.mjs) cannot drift apart.
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <string>
#include <vector>

#include "audio-message.h"
#include "control-message.h"
#include "frame-header.h"
#include "h264-info.h"
#include "protocol-doc.h"

using webdesk::testing::DocBlock;
using webdesk::testing::FromHex;
using webdesk::testing::ReadProtocolDocBlocks;

TEST (GoldenVectors, FrameHeadersMatchTheSpecificationBothWays)
{
  int checked = 0;
  for (const DocBlock &b : ReadProtocolDocBlocks ()) {
    if (b.kind != "golden-frame")
      continue;
    SCOPED_TRACE (b.name);
    ASSERT_EQ (b.lines.size (), 2u);
    const std::vector<uint8_t> message = FromHex (b.lines[0]);
    g_autoptr (JsonParser) parser = json_parser_new ();
    ASSERT_TRUE (json_parser_load_from_data (parser, b.lines[1].c_str (), -1, nullptr));
    JsonObject *f = json_node_get_object (json_parser_get_root (parser));
    webdesk::FrameHeader expected;
    expected.flags = uint8_t (json_object_get_int_member (f, "flags"));
    expected.sequence = uint32_t (json_object_get_int_member (f, "sequence"));
    expected.capture_time_us = uint64_t (json_object_get_int_member (f, "capture_time_us"));
    expected.width = uint16_t (json_object_get_int_member (f, "width"));
    expected.height = uint16_t (json_object_get_int_member (f, "height"));
    const std::vector<uint8_t> payload = FromHex (json_object_get_string_member (f, "payload"));
    expected.payload_bytes = uint32_t (payload.size ());

    // Writing the fields gives the documented bytes.
    std::vector<uint8_t> written;
    webdesk::WriteFrameHeader (expected, &written);
    written.insert (written.end (), payload.begin (), payload.end ());
    EXPECT_EQ (written, message);

    // Reading the documented bytes gives the fields.
    webdesk::FrameHeader read;
    size_t offset = 0;
    ASSERT_TRUE (webdesk::ReadFrameHeader (message.data (), message.size (), &read, &offset));
    EXPECT_EQ (read.flags, expected.flags);
    EXPECT_EQ (read.sequence, expected.sequence);
    EXPECT_EQ (read.capture_time_us, expected.capture_time_us);
    EXPECT_EQ (read.width, expected.width);
    EXPECT_EQ (read.height, expected.height);
    EXPECT_EQ (std::vector<uint8_t> (message.begin () + offset, message.end ()), payload);
    checked++;
  }
  EXPECT_GE (checked, 2);
}

TEST (GoldenVectors, AudioHeadersMatchTheSpecificationBothWays)
{
  int checked = 0;
  for (const DocBlock &b : ReadProtocolDocBlocks ()) {
    if (b.kind != "golden-audio")
      continue;
    SCOPED_TRACE (b.name);
    ASSERT_EQ (b.lines.size (), 2u);
    const std::vector<uint8_t> message = FromHex (b.lines[0]);
    g_autoptr (JsonParser) parser = json_parser_new ();
    ASSERT_TRUE (json_parser_load_from_data (parser, b.lines[1].c_str (), -1, nullptr));
    JsonObject *f = json_node_get_object (json_parser_get_root (parser));
    webdesk::AudioHeader expected;
    expected.flags = uint8_t (json_object_get_int_member (f, "flags"));
    expected.sequence = uint32_t (json_object_get_int_member (f, "sequence"));
    expected.capture_time_us = uint64_t (json_object_get_int_member (f, "capture_time_us"));
    const std::vector<uint8_t> payload = FromHex (json_object_get_string_member (f, "payload"));

    std::vector<uint8_t> written;
    webdesk::WriteAudioHeader (expected, &written);
    written.insert (written.end (), payload.begin (), payload.end ());
    EXPECT_EQ (written, message);

    webdesk::AudioHeader read;
    size_t offset = 0;
    ASSERT_TRUE (webdesk::ReadAudioHeader (message.data (), message.size (), &read, &offset));
    EXPECT_EQ (read.flags, expected.flags);
    EXPECT_EQ (read.sequence, expected.sequence);
    EXPECT_EQ (read.capture_time_us, expected.capture_time_us);
    EXPECT_EQ (std::vector<uint8_t> (message.begin () + offset, message.end ()), payload);
    checked++;
  }
  EXPECT_GE (checked, 2);
}

TEST (GoldenVectors, CodecStringsComeFromTheSps)
{
  int checked = 0;
  for (const DocBlock &b : ReadProtocolDocBlocks ()) {
    if (b.kind != "golden-codec")
      continue;
    SCOPED_TRACE (b.name);
    ASSERT_EQ (b.lines.size (), 2u);
    const std::vector<uint8_t> au = FromHex (b.lines[0]);
    const webdesk::AccessUnitInfo info = webdesk::InspectAccessUnit (au.data (), au.size ());
    EXPECT_EQ (info.CodecString (), b.lines[1]);
    EXPECT_EQ (info.IsHigh444 (), b.lines[1].rfind ("avc1.F4", 0) == 0);
    checked++;
  }
  EXPECT_GE (checked, 2);
}

TEST (GoldenVectors, TheSpsSaysWhetherLosslessFramesMayFollow)
{
  int checked = 0;
  for (const DocBlock &b : ReadProtocolDocBlocks ()) {
    if (b.kind != "golden-sps")
      continue;
    SCOPED_TRACE (b.name);
    ASSERT_EQ (b.lines.size (), 2u);
    const std::vector<uint8_t> au = FromHex (b.lines[0]);
    const webdesk::AccessUnitInfo info = webdesk::InspectAccessUnit (au.data (), au.size ());
    const std::string want_codec = "\"codec\":\"" + info.CodecString () + "\"";
    EXPECT_NE (b.lines[1].find (want_codec), std::string::npos) << b.lines[1];
    const bool lossless = b.lines[1].find ("\"lossless\":true") != std::string::npos;
    EXPECT_EQ (info.IsLossless (), lossless);
    checked++;
  }
  EXPECT_GE (checked, 3);
}

TEST (GoldenVectors, HellosGiveTheDocumentedCapabilities)
{
  int checked = 0;
  for (const DocBlock &b : ReadProtocolDocBlocks ()) {
    if (b.kind != "golden-hello")
      continue;
    SCOPED_TRACE (b.name);
    ASSERT_EQ (b.lines.size (), 2u);
    const webdesk::ParsedClientMessage parsed =
        webdesk::ParseClientMessage (b.lines[0].data (), b.lines[0].size ());
    ASSERT_TRUE (parsed.ok) << parsed.reason;
    char want[128];
    std::snprintf (want, sizeof want,
        "{\"protocol\":%d,\"decodes_444\":%s,\"decodes_lossless\":%s}", parsed.message.protocol,
        parsed.message.decodes_444 ? "true" : "false",
        parsed.message.decodes_lossless ? "true" : "false");
    EXPECT_EQ (b.lines[1], want);
    checked++;
  }
  EXPECT_GE (checked, 2);
}

TEST (GoldenVectors, EveryDocumentedClientMessageIsAccepted)
{
  int checked = 0;
  for (const DocBlock &b : ReadProtocolDocBlocks ()) {
    if (b.kind != "example" || b.name != "client")
      continue;
    for (const std::string &line : b.lines) {
      SCOPED_TRACE (line);
      const webdesk::ParsedClientMessage parsed =
          webdesk::ParseClientMessage (line.data (), line.size ());
      EXPECT_TRUE (parsed.ok) << parsed.reason;
      checked++;
    }
  }
  EXPECT_GE (checked, 10);
}
