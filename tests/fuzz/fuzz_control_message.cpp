// SPDX-License-Identifier: LGPL-2.1-or-later
// libFuzzer target: the control-message parser, which every client reaches with any text it
// likes (ext/soup/control-message.cpp, json-glib underneath). Whatever the input: no crash, no
// hang, and either a message within the documented ranges or a refusal with a documented close
// code and a reason that fits a close frame.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "control-message.h"
#include "protocol.h"

namespace {

void
Check (bool condition)
{
  if (!condition)
    std::abort ();
}

}  // namespace

extern "C" int
LLVMFuzzerInitialize (int *, char ***)
{
  // json-glib registers its types once, on first use: not a leak of any one input.
  webdesk::ParseClientMessage ("{\"type\":\"ping\",\"id\":1}", 22);
  return 0;
}

extern "C" int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  namespace p = webdesk::protocol;
  const webdesk::ParsedClientMessage r =
      webdesk::ParseClientMessage (reinterpret_cast<const char *> (data), size);
  if (!r.ok) {
    Check (r.close_code == p::kCloseInvalidPayload || r.close_code == p::kCloseUnknownType ||
           r.close_code == p::kCloseBadField);
    Check (!r.reason.empty () && r.reason.size () <= 123);
    return 0;
  }
  const webdesk::ClientMessage &m = r.message;
  switch (m.type) {
    case webdesk::ClientMessageType::kKeyDown:
    case webdesk::ClientMessageType::kKeyUp:
      Check (!m.key.empty () && m.key.size () <= 64 && m.code <= 0x2ff);
      break;
    case webdesk::ClientMessageType::kResize:
      Check (m.width >= 1 && m.width <= 16384 && m.height >= 1 && m.height <= 16384);
      Check (m.scale >= 0.25 && m.scale <= 8);
      break;
    case webdesk::ClientMessageType::kPointerDown:
    case webdesk::ClientMessageType::kPointerUp:
      Check (m.button >= 1 && m.button <= 5);
      [[fallthrough]];
    case webdesk::ClientMessageType::kPointerMove:
    case webdesk::ClientMessageType::kWheel:
      Check (std::isfinite (m.x) && std::isfinite (m.y) && std::isfinite (m.dx) &&
             std::isfinite (m.dy));
      break;
    case webdesk::ClientMessageType::kStats:
      Check (m.fps >= 0 && std::isfinite (m.fps) && std::isfinite (m.latency_ms));
      break;
    case webdesk::ClientMessageType::kControl:
      Check (m.action == "take" || (m.action == "give" && m.client_id >= 1));
      break;
    default:
      break;
  }
  return 0;
}
