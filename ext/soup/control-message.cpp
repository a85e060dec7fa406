// SPDX-License-Identifier: LGPL-2.1-or-later
// See control-message.h. JSON goes through json-glib; nothing here parses text by hand.
#include "control-message.h"

#include <json-glib/json-glib.h>

#include <cmath>
#include <map>

#include "protocol.h"

namespace webdesk {

namespace {

constexpr size_t kMaxKeyNameBytes = 64;
// Deepest nesting of arrays and objects a client message may have. Ours are flat; the margin
// is for unknown fields (ignored) that a later client might send.
constexpr int kMaxNestingDepth = 32;
constexpr int kMaxResizePixels = 16384;
constexpr uint32_t kMaxEvdevCode = 0x2ff;  // KEY_MAX in linux/input-event-codes.h

ParsedClientMessage
Refuse (uint16_t code, std::string reason)
{
  ParsedClientMessage r;
  r.close_code = code;
  r.reason = std::move (reason);
  return r;
}

bool
GetNumber (JsonObject *object, const char *name, double *out)
{
  JsonNode *node = json_object_get_member (object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE (node))
    return false;
  const GType type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return false;
  *out = json_node_get_double (node);
  return std::isfinite (*out);
}

bool
GetInteger (JsonObject *object, const char *name, int64_t *out)
{
  JsonNode *node = json_object_get_member (object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return false;
  *out = json_node_get_int (node);
  return true;
}

bool
GetString (JsonObject *object, const char *name, std::string *out)
{
  JsonNode *node = json_object_get_member (object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return false;
  *out = json_node_get_string (node);
  return true;
}

bool
GetBool (JsonObject *object, const char *name, bool *out)
{
  JsonNode *node = json_object_get_member (object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return false;
  *out = json_node_get_boolean (node);
  return true;
}

enum class Shape { kFine, kTooDeep, kNotJson };

// Looks at the text before json-glib does. json-glib 1.6 parses nested arrays and objects by
// recursion, so a 200 KB message of nested brackets overflows the server thread's stack before
// it could be refused; this counts the nesting without recursing. It is not a JSON parser: it
// only needs to know where strings are, as json-glib will. json-glib also reads single-quoted
// strings and comments, which standard JSON does not have and would hide brackets from (or
// show brackets to) a scan that only knows double quotes, so those are refused here as not
// JSON, and what remains is tokenised the same way by both.
Shape
ScanShape (const char *text, size_t length)
{
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < length; i++) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        i++;  // the escaped character, whatever it is, does not end the string
      else if (c == '"')
        in_string = false;
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > kMaxNestingDepth)
          return Shape::kTooDeep;
        break;
      case ']':
      case '}':
        // Unbalanced closing brackets are json-glib's to refuse; never counted below zero, so
        // they cannot hide an opening one.
        if (depth > 0)
          depth--;
        break;
      case '\'':
      case '/':
      case '#':
        return Shape::kNotJson;
      default:
        break;
    }
  }
  return Shape::kFine;
}

const std::map<std::string, ClientMessageType> &
TypeNames ()
{
  static const std::map<std::string, ClientMessageType> names = {
      {"hello", ClientMessageType::kHello},
      {"ack", ClientMessageType::kAck},
      {"keyframe-request", ClientMessageType::kKeyframeRequest},
      {"ping", ClientMessageType::kPing},
      {"stats", ClientMessageType::kStats},
      {"pointer-move", ClientMessageType::kPointerMove},
      {"pointer-down", ClientMessageType::kPointerDown},
      {"pointer-up", ClientMessageType::kPointerUp},
      {"wheel", ClientMessageType::kWheel},
      {"key-down", ClientMessageType::kKeyDown},
      {"key-up", ClientMessageType::kKeyUp},
      {"resize", ClientMessageType::kResize},
      {"clipboard", ClientMessageType::kClipboard},
      {"text", ClientMessageType::kText},
      {"preedit", ClientMessageType::kPreedit},
      {"control", ClientMessageType::kControl},
      {"audio", ClientMessageType::kAudio},
  };
  return names;
}

// Fills the fields of a message whose type is known; false means a missing or bad field.
bool
ReadFields (JsonObject *o, ClientMessage *m, std::string *bad)
{
  int64_t n = 0;
  switch (m->type) {
    case ClientMessageType::kHello:
      *bad = "protocol";
      if (!GetInteger (o, "protocol", &n))
        return false;
      m->protocol = n;
      *bad = "decodes_444";
      if (json_object_has_member (o, "decodes_444") && !GetBool (o, "decodes_444", &m->decodes_444))
        return false;
      *bad = "decodes_lossless";
      if (json_object_has_member (o, "decodes_lossless") &&
          !GetBool (o, "decodes_lossless", &m->decodes_lossless))
        return false;
      *bad = "agent";
      if (json_object_has_member (o, "agent") && !GetString (o, "agent", &m->agent))
        return false;
      return true;
    case ClientMessageType::kAck:
      *bad = "sequence";
      if (!GetInteger (o, "sequence", &n) || n < 0 || n > int64_t (UINT32_MAX))
        return false;
      m->sequence = uint32_t (n);
      return true;
    case ClientMessageType::kKeyframeRequest:
      *bad = "reason";
      return !json_object_has_member (o, "reason") || GetString (o, "reason", &m->text);
    case ClientMessageType::kPing:
      *bad = "id";
      return GetInteger (o, "id", &m->ping_id);
    case ClientMessageType::kStats:
      *bad = "fps";
      if (!GetNumber (o, "fps", &m->fps) || m->fps < 0)
        return false;
      *bad = "latency_ms";
      return GetNumber (o, "latency_ms", &m->latency_ms);
    case ClientMessageType::kPointerMove:
    case ClientMessageType::kPointerDown:
    case ClientMessageType::kPointerUp:
    case ClientMessageType::kWheel:
      *bad = "x";
      if (!GetNumber (o, "x", &m->x))
        return false;
      *bad = "y";
      if (!GetNumber (o, "y", &m->y))
        return false;
      if (m->type == ClientMessageType::kWheel) {
        *bad = "dx";
        if (!GetNumber (o, "dx", &m->dx))
          return false;
        *bad = "dy";
        return GetNumber (o, "dy", &m->dy);
      }
      if (m->type != ClientMessageType::kPointerMove) {
        *bad = "button";
        if (!GetInteger (o, "button", &n) || n < 1 || n > 5)
          return false;
        m->button = int (n);
      }
      return true;
    case ClientMessageType::kKeyDown:
    case ClientMessageType::kKeyUp:
      *bad = "key";
      if (!GetString (o, "key", &m->key) || m->key.empty () || m->key.size () > kMaxKeyNameBytes)
        return false;
      *bad = "code";
      if (!GetInteger (o, "code", &n) || n < 0 || n > kMaxEvdevCode)
        return false;
      m->code = uint32_t (n);
      *bad = "text";
      return !json_object_has_member (o, "text") || GetString (o, "text", &m->text);
    case ClientMessageType::kResize:
      *bad = "width";
      if (!GetInteger (o, "width", &n) || n < 1 || n > kMaxResizePixels)
        return false;
      m->width = int (n);
      *bad = "height";
      if (!GetInteger (o, "height", &n) || n < 1 || n > kMaxResizePixels)
        return false;
      m->height = int (n);
      *bad = "scale";
      if (json_object_has_member (o, "scale") &&
          (!GetNumber (o, "scale", &m->scale) || m->scale < 0.25 || m->scale > 8))
        return false;
      return true;
    case ClientMessageType::kClipboard:
    case ClientMessageType::kText:
      *bad = "text";
      return GetString (o, "text", &m->text);
    case ClientMessageType::kPreedit:
      *bad = "text";
      if (!GetString (o, "text", &m->text))
        return false;
      *bad = "cursor";
      if (json_object_has_member (o, "cursor")) {
        if (!GetInteger (o, "cursor", &n) || n < -1 ||
            n > int64_t (g_utf8_strlen (m->text.c_str (), -1)))
          return false;
        m->cursor = int (n);
      }
      return true;
    case ClientMessageType::kControl:
      *bad = "action";
      if (!GetString (o, "action", &m->action) || (m->action != "take" && m->action != "give"))
        return false;
      if (m->action == "give") {
        *bad = "client_id";
        if (!GetInteger (o, "client_id", &n) || n < 1)
          return false;
        m->client_id = uint64_t (n);
      }
      return true;
    case ClientMessageType::kAudio:
      *bad = "play";
      return GetBool (o, "play", &m->play);
  }
  return false;
}

std::string
ToJson (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree gchar *text = json_to_string (root, FALSE);
  return text;
}

}  // namespace

std::string
JsonText (JsonBuilder *builder)
{
  return ToJson (builder);
}

ParsedClientMessage
ParseClientMessage (const char *text, size_t length)
{
  switch (ScanShape (text, length)) {
    case Shape::kTooDeep:
      return Refuse (protocol::kCloseInvalidPayload,
          "JSON nested more than " + std::to_string (kMaxNestingDepth) + " levels deep");
    case Shape::kNotJson:
      return Refuse (protocol::kCloseInvalidPayload, "not JSON");
    case Shape::kFine:
      break;
  }
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = nullptr;
  if (!json_parser_load_from_data (parser, text, gssize (length), &error))
    return Refuse (protocol::kCloseInvalidPayload, "not JSON");
  JsonNode *root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root))
    return Refuse (protocol::kCloseInvalidPayload, "not a JSON object");
  JsonObject *object = json_node_get_object (root);
  std::string type;
  if (!GetString (object, "type", &type))
    return Refuse (protocol::kCloseBadField, "no \"type\"");
  const auto &names = TypeNames ();
  const auto found = names.find (type);
  if (found == names.end ()) {
    // Quote at most a little of what the client sent: the reason must stay under 123 bytes.
    return Refuse (protocol::kCloseUnknownType,
        "unknown message type \"" + type.substr (0, 40) + "\"");
  }
  ParsedClientMessage r;
  r.message.type = found->second;
  std::string bad;
  if (!ReadFields (object, &r.message, &bad))
    return Refuse (protocol::kCloseBadField, "bad or missing \"" + bad + "\" in " + type);
  r.ok = true;
  return r;
}

std::string
ServerHelloJson (uint64_t client_id, const std::string &codec, int width, int height)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "hello");
  json_builder_set_member_name (b, "protocol");
  json_builder_add_int_value (b, protocol::kVersion);
  json_builder_set_member_name (b, "client_id");
  json_builder_add_int_value (b, gint64 (client_id));
  json_builder_set_member_name (b, "codec");
  if (codec.empty ())
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, codec.c_str ());
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, height);
  json_builder_set_member_name (b, "max_message_bytes");
  json_builder_add_int_value (b, gint64 (protocol::kMaxClientMessageBytes));
  json_builder_end_object (b);
  return ToJson (b);
}

std::string
PongJson (int64_t id, int64_t server_time_us)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "pong");
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "server_time_us");
  json_builder_add_int_value (b, server_time_us);
  json_builder_end_object (b);
  return ToJson (b);
}

std::string
ClipboardJson (const std::string &text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "clipboard");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text.c_str ());
  json_builder_end_object (b);
  return ToJson (b);
}

std::string
RoleJson (bool in_control, bool can_control, uint64_t controller, int clients)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "role");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, in_control ? "control" : "view");
  json_builder_set_member_name (b, "can_control");
  json_builder_add_boolean_value (b, can_control);
  json_builder_set_member_name (b, "controller");
  if (controller)
    json_builder_add_int_value (b, gint64 (controller));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "clients");
  json_builder_add_int_value (b, clients);
  json_builder_end_object (b);
  return ToJson (b);
}

}  // namespace webdesk
