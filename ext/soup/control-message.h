// SPDX-License-Identifier: LGPL-2.1-or-later
// JSON control messages (WebSocket text messages), both ways: docs/protocol.md, "Control
// messages". Parsing validates everything a client sends, so the glue only sees well-formed
// messages; anything else comes back with the close code and reason to send to that client.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

typedef struct _JsonBuilder JsonBuilder;

namespace webdesk {

enum class ClientMessageType {
  kHello,            // {"type":"hello","protocol":1,"decodes_444":true,"decodes_lossless":true,...}
  kAck,              // {"type":"ack","sequence":N}
  kKeyframeRequest,  // {"type":"keyframe-request","reason":"decode-error"}
  kPing,             // {"type":"ping","id":N}
  kStats,            // {"type":"stats","fps":F,"latency_ms":F}
  kPointerMove,      // {"type":"pointer-move","x":X,"y":Y}
  kPointerDown,      // {"type":"pointer-down","x":X,"y":Y,"button":B}
  kPointerUp,        // {"type":"pointer-up","x":X,"y":Y,"button":B}
  kWheel,            // {"type":"wheel","x":X,"y":Y,"dx":DX,"dy":DY}
  kKeyDown,          // {"type":"key-down","key":"a","code":30,"text":"a"}
  kKeyUp,            // {"type":"key-up","key":"a","code":30}
  kResize,           // {"type":"resize","width":W,"height":H,"scale":S}
  kClipboard,        // {"type":"clipboard","text":"..."}
  kText,             // {"type":"text","text":"..."}
  kPreedit,          // {"type":"preedit","text":"...","cursor":N}
  kControl,          // {"type":"control","action":"take"} / {"action":"give","client_id":N}
  kAudio,            // {"type":"audio","play":true}: send me the desktop's sound (or stop)
};

struct ClientMessage {
  ClientMessageType type = ClientMessageType::kHello;
  // hello
  int64_t protocol = 0;  // as sent (a number past int is still not 1)
  bool decodes_444 = false;
  bool decodes_lossless = false;  // lossless frames in a 4:4:4 stream, in full range, exactly
  std::string agent;
  // ack
  uint32_t sequence = 0;
  // ping
  int64_t ping_id = 0;
  // stats
  double fps = 0, latency_ms = 0;
  // pointer, wheel: buffer pixels
  double x = 0, y = 0, dx = 0, dy = 0;
  int button = 0;
  // keys: X keysym name, evdev code, produced text; clipboard, text, preedit: text; keyframe:
  // reason
  std::string key;
  uint32_t code = 0;
  std::string text;
  // preedit: the input method's cursor, in characters; -1: none
  int cursor = -1;
  // resize
  int width = 0, height = 0;
  double scale = 1.0;
  // control: "take" or "give"; give: to whom
  std::string action;
  uint64_t client_id = 0;
  // audio
  bool play = false;
};

struct ParsedClientMessage {
  bool ok = false;
  ClientMessage message;
  uint16_t close_code = 0;  // when !ok: protocol::kClose*
  std::string reason;       // when !ok: for the client and the log (<= 123 bytes, as RFC 6455 wants)
};

ParsedClientMessage ParseClientMessage (const char *text, size_t length);

// Server -> client messages, as JSON text.
std::string JsonText (JsonBuilder *builder);  // what a builder holds, compact
std::string ServerHelloJson (uint64_t client_id, const std::string &codec, int width, int height);
std::string PongJson (int64_t id, int64_t server_time_us);
std::string ClipboardJson (const std::string &text);
// {"type":"role","role":"control"|"view","can_control":B,"controller":N|null,"clients":N}
std::string RoleJson (bool in_control, bool can_control, uint64_t controller, int clients);

}  // namespace webdesk
