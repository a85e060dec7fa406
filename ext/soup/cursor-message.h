// SPDX-License-Identifier: LGPL-2.1-or-later
// The server -> client `cursor` message (docs/protocol.md): the application's pointer cursor as
// the browser needs it for a CSS cursor. Pixels come in premultiplied BGRA (as in the
// `webdesk-cursor` event) and go out as straight-alpha RGBA (canvas ImageData order), base64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace webdesk {

struct CursorFacts {
  enum class Kind { kDefault, kHidden, kImage };
  Kind kind = Kind::kDefault;
  int width = 0, height = 0;
  int hotspot_x = 0, hotspot_y = 0;
  double scale = 1;                      // image pixels per frame pixel
  const uint8_t *bgra_premultiplied = nullptr;  // width * height * 4 bytes (kImage)
};

// Straight-alpha RGBA from premultiplied BGRA (a pixel of alpha 0 becomes all zero).
std::vector<uint8_t> StraightRgbaFromPremultipliedBgra (const uint8_t *bgra, size_t pixels);

// {"type":"cursor","hidden":false,"width":W,"height":H,"hotspot_x":X,"hotspot_y":Y,"scale":S,
//  "rgba":"<base64>"}; {"type":"cursor","hidden":true}; {"type":"cursor","hidden":false} for the
// browser's default cursor.
std::string CursorJson (const CursorFacts &cursor);

}  // namespace webdesk
