// SPDX-License-Identifier: LGPL-2.1-or-later
// The `cursor` message: docs/protocol.md's golden-cursor vectors (the JavaScript client checks the
// same ones in tests/browser/cursor.test.mjs), alpha un-premultiplied, hidden and default.
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <string>
#include <vector>

#include "cursor-message.h"
#include "protocol-doc.h"

namespace {

using webdesk::testing::FromHex;

// The lines of each ```golden-cursor block of docs/protocol.md.
std::vector<std::vector<std::string>>
GoldenCursorBlocks ()
{
  std::vector<std::vector<std::string>> blocks;
  for (const auto &b : webdesk::testing::ReadProtocolDocBlocks ())
    if (b.kind == "golden-cursor")
      blocks.push_back (b.lines);
  return blocks;
}

TEST (CursorMessage, GoldenVectorsGiveTheDocumentedMessage)
{
  int checked = 0;
  for (const auto &lines : GoldenCursorBlocks ()) {
    ASSERT_EQ (lines.size (), 4u);
    g_autoptr (JsonParser) parser = json_parser_new ();
    ASSERT_TRUE (json_parser_load_from_data (parser, lines[0].c_str (), -1, nullptr));
    JsonObject *fields = json_node_get_object (json_parser_get_root (parser));
    const std::vector<uint8_t> bgra = FromHex (lines[1]);
    webdesk::CursorFacts facts;
    facts.kind = webdesk::CursorFacts::Kind::kImage;
    facts.width = int (json_object_get_int_member (fields, "width"));
    facts.height = int (json_object_get_int_member (fields, "height"));
    facts.hotspot_x = int (json_object_get_int_member (fields, "hotspot_x"));
    facts.hotspot_y = int (json_object_get_int_member (fields, "hotspot_y"));
    facts.scale = json_object_get_double_member (fields, "scale");
    facts.bgra_premultiplied = bgra.data ();
    EXPECT_EQ (webdesk::StraightRgbaFromPremultipliedBgra (bgra.data (), bgra.size () / 4),
        FromHex (lines[2]));
    EXPECT_EQ (webdesk::CursorJson (facts), lines[3]);
    checked++;
  }
  EXPECT_GE (checked, 1);
}

TEST (CursorMessage, HiddenAndDefaultCarryNoImage)
{
  webdesk::CursorFacts hidden;
  hidden.kind = webdesk::CursorFacts::Kind::kHidden;
  EXPECT_EQ (webdesk::CursorJson (hidden), "{\"type\":\"cursor\",\"hidden\":true}");
  EXPECT_EQ (webdesk::CursorJson (webdesk::CursorFacts ()),
      "{\"type\":\"cursor\",\"hidden\":false}");
}

TEST (CursorMessage, OpaquePixelsKeepTheirColourAndTransparentOnesBecomeZero)
{
  const uint8_t bgra[] = {0x10, 0x20, 0x30, 0xff, 0x7f, 0x7f, 0x7f, 0x00};
  const std::vector<uint8_t> rgba = webdesk::StraightRgbaFromPremultipliedBgra (bgra, 2);
  const std::vector<uint8_t> expected = {0x30, 0x20, 0x10, 0xff, 0, 0, 0, 0};
  EXPECT_EQ (rgba, expected);
}

}  // namespace
