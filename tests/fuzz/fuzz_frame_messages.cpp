// SPDX-License-Identifier: LGPL-2.1-or-later
// libFuzzer target: what goes into the messages the server builds for its clients. An encoded
// frame comes from whatever encoder is upstream (h264-info.cpp reads its SPS for the codec
// string; frame-header.cpp writes the header a client reads back); a cursor image comes from
// any Wayland client (cursor-message.cpp turns it into JSON). Whatever the input: no crash, a
// header that reads back as written, a codec string a browser can parse, and cursor JSON that is
// JSON, with exactly the pixels given.
#include <glib.h>
#include <json-glib/json-glib.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "cursor-message.h"
#include "frame-header.h"
#include "h264-info.h"

namespace {

void
Check (bool condition)
{
  if (!condition)
    std::abort ();
}

// Reads the next `n` bytes as a little-endian number (0 past the end).
uint64_t
Take (const uint8_t *&data, size_t &size, size_t n)
{
  uint64_t v = 0;
  for (size_t i = 0; i < n && size > 0; i++, size--)
    v |= uint64_t (*data++) << (8 * i);
  return v;
}

void
AccessUnit (const uint8_t *data, size_t size)
{
  const webdesk::AccessUnitInfo info = webdesk::InspectAccessUnit (data, size);
  const std::string codec = info.CodecString ();
  Check (codec.empty () == !info.has_sps);
  if (!codec.empty ()) {
    Check (codec.size () == 11 && codec.compare (0, 5, "avc1.") == 0);
    for (size_t i = 5; i < codec.size (); i++)
      Check (g_ascii_isxdigit (codec[i]) && !g_ascii_islower (codec[i]));
  }
  webdesk::FrameHeader h;
  h.flags = uint8_t (Take (data, size, 1));
  h.sequence = uint32_t (Take (data, size, 4));
  h.capture_time_us = Take (data, size, 8);
  h.width = uint16_t (Take (data, size, 2));
  h.height = uint16_t (Take (data, size, 2));
  h.payload_bytes = uint32_t (size);
  std::vector<uint8_t> message;
  webdesk::WriteFrameHeader (h, &message);
  message.insert (message.end (), data, data + size);
  webdesk::FrameHeader back;
  size_t offset = 0;
  Check (webdesk::ReadFrameHeader (message.data (), message.size (), &back, &offset));
  Check (back.flags == h.flags && back.sequence == h.sequence &&
         back.capture_time_us == h.capture_time_us && back.width == h.width &&
         back.height == h.height && back.payload_bytes == h.payload_bytes);
  Check (offset + size == message.size ());
  // Any prefix of a message reads back as a header or as nothing, never past its end.
  for (size_t cut = 0; cut < message.size () && cut < 64; cut++) {
    if (webdesk::ReadFrameHeader (message.data (), cut, &back, &offset))
      Check (offset + back.payload_bytes <= cut);
  }
}

void
Cursor (const uint8_t *data, size_t size)
{
  // As websocketframesink's cursor event gives them (gst_webdesk_event_parse_cursor): a size
  // with its pixels, any hotspot, a scale above 0.
  webdesk::CursorFacts c;
  const unsigned kind = unsigned (Take (data, size, 1)) % 3;
  c.kind = kind == 0 ? webdesk::CursorFacts::Kind::kDefault
         : kind == 1 ? webdesk::CursorFacts::Kind::kHidden
                     : webdesk::CursorFacts::Kind::kImage;
  c.width = int (Take (data, size, 1)) + 1;
  c.hotspot_x = int (int32_t (Take (data, size, 4)));
  c.hotspot_y = int (int32_t (Take (data, size, 4)));
  const uint64_t scale_bits = Take (data, size, 8);
  memcpy (&c.scale, &scale_bits, sizeof c.scale);
  if (c.kind == webdesk::CursorFacts::Kind::kImage && (!(c.scale > 0) || !std::isfinite (c.scale)))
    return;  // refused before it gets here (a NaN used to pass: found here)
  c.height = int (size / 4 / size_t (c.width));
  if (c.kind == webdesk::CursorFacts::Kind::kImage && c.height == 0)
    return;
  c.bgra_premultiplied = data;
  const std::string json = webdesk::CursorJson (c);
  g_autoptr (JsonParser) parser = json_parser_new ();
  Check (json_parser_load_from_data (parser, json.data (), gssize (json.size ()), nullptr));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  Check (o && json_object_has_member (o, "hidden"));
  if (c.kind == webdesk::CursorFacts::Kind::kImage) {
    gsize decoded = 0;
    g_autofree guchar *rgba = g_base64_decode (json_object_get_string_member (o, "rgba"), &decoded);
    Check (decoded == size_t (c.width) * size_t (c.height) * 4);
  }
}

}  // namespace

extern "C" int
LLVMFuzzerInitialize (int *, char ***)
{
  g_autoptr (JsonParser) parser = json_parser_new ();  // json-glib's types, once
  json_parser_load_from_data (parser, "{}", 2, nullptr);
  webdesk::CursorJson ({});
  return 0;
}

extern "C" int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  if (data[0] & 1)
    Cursor (data + 1, size - 1);
  else
    AccessUnit (data + 1, size - 1);
  return 0;
}
