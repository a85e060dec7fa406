// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cursor-message.h"

#include <json-glib/json-glib.h>

namespace webdesk {

std::vector<uint8_t>
StraightRgbaFromPremultipliedBgra (const uint8_t *bgra, size_t pixels)
{
  std::vector<uint8_t> rgba (pixels * 4);
  for (size_t i = 0; i < pixels; i++) {
    const uint8_t *s = bgra + i * 4;
    uint8_t *d = rgba.data () + i * 4;
    const unsigned a = s[3];
    if (a == 0)
      continue;  // already zero
    auto straight = [a] (unsigned c) {
      const unsigned v = (c * 255 + a / 2) / a;
      return uint8_t (v > 255 ? 255 : v);
    };
    d[0] = straight (s[2]);
    d[1] = straight (s[1]);
    d[2] = straight (s[0]);
    d[3] = uint8_t (a);
  }
  return rgba;
}

std::string
CursorJson (const CursorFacts &cursor)
{
  const bool image = cursor.kind == CursorFacts::Kind::kImage && cursor.bgra_premultiplied &&
      cursor.width > 0 && cursor.height > 0;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "cursor");
  json_builder_set_member_name (b, "hidden");
  json_builder_add_boolean_value (b, cursor.kind == CursorFacts::Kind::kHidden);
  if (image) {
    const std::vector<uint8_t> rgba = StraightRgbaFromPremultipliedBgra (
        cursor.bgra_premultiplied, size_t (cursor.width) * cursor.height);
    g_autofree gchar *base64 = g_base64_encode (rgba.data (), rgba.size ());
    json_builder_set_member_name (b, "width");
    json_builder_add_int_value (b, cursor.width);
    json_builder_set_member_name (b, "height");
    json_builder_add_int_value (b, cursor.height);
    json_builder_set_member_name (b, "hotspot_x");
    json_builder_add_int_value (b, cursor.hotspot_x);
    json_builder_set_member_name (b, "hotspot_y");
    json_builder_add_int_value (b, cursor.hotspot_y);
    json_builder_set_member_name (b, "scale");
    json_builder_add_double_value (b, cursor.scale);
    json_builder_set_member_name (b, "rgba");
    json_builder_add_string_value (b, base64);
  }
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree gchar *text = json_to_string (root, FALSE);
  return text;
}

}  // namespace webdesk
