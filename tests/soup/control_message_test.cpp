// SPDX-License-Identifier: LGPL-2.1-or-later
// Control messages from clients: what is accepted, and the close code and reason for what is not.
#include <gtest/gtest.h>

#include <string>

#include "control-message.h"
#include "protocol.h"

namespace {

webdesk::ParsedClientMessage
Parse (const std::string &text)
{
  return webdesk::ParseClientMessage (text.data (), text.size ());
}

}  // namespace

TEST (ControlMessage, HelloCarriesVersionAnd444Capability)
{
  auto p = Parse (R"({"type":"hello","protocol":1,"decodes_444":true,"agent":"x"})");
  ASSERT_TRUE (p.ok);
  EXPECT_EQ (p.message.type, webdesk::ClientMessageType::kHello);
  EXPECT_EQ (p.message.protocol, 1);
  EXPECT_TRUE (p.message.decodes_444);
  auto minimal = Parse (R"({"type":"hello","protocol":1})");
  ASSERT_TRUE (minimal.ok);
  EXPECT_FALSE (minimal.message.decodes_444);  // a client that does not say cannot
  EXPECT_FALSE (minimal.message.decodes_lossless);
}

TEST (ControlMessage, HelloCarriesTheLosslessCapability)
{
  auto p = Parse (R"({"type":"hello","protocol":1,"decodes_444":true,"decodes_lossless":true})");
  ASSERT_TRUE (p.ok);
  EXPECT_TRUE (p.message.decodes_lossless);
  auto bad = Parse (R"({"type":"hello","protocol":1,"decodes_lossless":"yes"})");
  EXPECT_FALSE (bad.ok);
  EXPECT_NE (bad.reason.find ("decodes_lossless"), std::string::npos) << bad.reason;
}

TEST (ControlMessage, MalformedTextIsInvalidPayload)
{
  for (const char *text : {"", "{", "not json", "[1,2]", "\"hello\"", "{\"type\":"}) {
    SCOPED_TRACE (text);
    auto p = Parse (text);
    EXPECT_FALSE (p.ok);
    EXPECT_EQ (p.close_code, webdesk::protocol::kCloseInvalidPayload);
    EXPECT_FALSE (p.reason.empty ());
  }
}

TEST (ControlMessage, DeepNestingIsRefusedBeforeTheParserRecursesIntoIt)
{
  // 100,000 brackets (200 KB, under the size limit) overflowed the server thread's stack
  // inside json-glib; now they are refused, whatever they are wrapped in.
  for (const std::string &text : {std::string (100000, '['),
           std::string (50000, '{') + std::string (50000, '}'),
           R"({"type":"ping","id":1,"extra":)" + std::string (100000, '[')}) {
    auto p = Parse (text);
    EXPECT_FALSE (p.ok);
    EXPECT_EQ (p.close_code, webdesk::protocol::kCloseInvalidPayload);
    EXPECT_NE (p.reason.find ("nested"), std::string::npos) << p.reason;
  }
  // 32 levels are fine (ours are flat; unknown fields are ignored), 33 are not.
  auto nested = [] (int levels) {
    return R"({"type":"ping","id":1,"extra":)" + std::string (levels - 1, '[') +
           std::string (levels - 1, ']') + "}";
  };
  EXPECT_TRUE (Parse (nested (32)).ok);
  EXPECT_FALSE (Parse (nested (33)).ok);
}

TEST (ControlMessage, BracketsInsideStringsAreText)
{
  // Clipboard text full of brackets (code, say) is not nesting.
  const std::string brackets (100000, '[');
  auto p = Parse (R"({"type":"clipboard","text":")" + brackets + R"(\"]'/*#"})");
  ASSERT_TRUE (p.ok) << p.reason;
  EXPECT_EQ (p.message.text, brackets + "\"]'/*#");
}

TEST (ControlMessage, OnlyStandardJsonIsRead)
{
  // json-glib 1.6 also reads comments and single-quoted strings; a bracket count that knew only
  // double quotes could be fooled by them (a quote inside a comment), so they are not JSON here.
  for (const std::string &text : {std::string (R"({"type":"ping","id":1} /* " */)") +
           std::string (100000, '['),
           std::string (R"({'type':'ping','id':1})"), std::string ("// \"\n{\"type\":\"ping\"}"),
           std::string (R"({"type":"ping", # comment
             "id":1})")}) {
    SCOPED_TRACE (text.substr (0, 60));
    auto p = Parse (text);
    EXPECT_FALSE (p.ok);
    EXPECT_EQ (p.close_code, webdesk::protocol::kCloseInvalidPayload);
    EXPECT_EQ (p.reason, "not JSON");
  }
}

TEST (ControlMessage, UnknownTypeIsRefusedWithItsName)
{
  auto p = Parse (R"({"type":"format-disk"})");
  EXPECT_FALSE (p.ok);
  EXPECT_EQ (p.close_code, webdesk::protocol::kCloseUnknownType);
  EXPECT_NE (p.reason.find ("format-disk"), std::string::npos);
}

TEST (ControlMessage, CloseReasonsFitInACloseFrame)
{
  // RFC 6455 allows 123 bytes of reason; a long type name must not push it over.
  auto p = Parse ("{\"type\":\"" + std::string (5000, 'x') + "\"}");
  EXPECT_FALSE (p.ok);
  EXPECT_LE (p.reason.size (), 123u);
}

TEST (ControlMessage, MissingWrongTypedOrOutOfRangeFieldsAreNamed)
{
  const struct {
    const char *text;
    const char *field;
  } cases[] = {
      {R"({"type":"pointer-move","x":1})", "\"y\""},
      {R"({"type":"pointer-move","x":"1","y":2})", "\"x\""},
      {R"({"type":"pointer-down","x":1,"y":2,"button":0})", "\"button\""},
      {R"({"type":"ack","sequence":-1})", "\"sequence\""},
      {R"({"type":"ack","sequence":1.5})", "\"sequence\""},
      {R"({"type":"key-down","key":"","code":30})", "\"key\""},
      {R"({"type":"key-down","key":"a","code":100000})", "\"code\""},
      {R"({"type":"resize","width":0,"height":10})", "\"width\""},
      {R"({"type":"resize","width":10,"height":10,"scale":100})", "\"scale\""},
      {R"({"type":"clipboard","text":5})", "\"text\""},
      {R"({"type":"preedit","cursor":0})", "\"text\""},
      {R"({"type":"preedit","text":"ab","cursor":3})", "\"cursor\""},
      {R"({"type":"preedit","text":"ab","cursor":-2})", "\"cursor\""},
      {R"({"type":"hello"})", "\"protocol\""},
      {R"({"type":5})", "\"type\""},
  };
  for (const auto &c : cases) {
    SCOPED_TRACE (c.text);
    auto p = Parse (c.text);
    EXPECT_FALSE (p.ok);
    EXPECT_EQ (p.close_code, webdesk::protocol::kCloseBadField);
    EXPECT_NE (p.reason.find (c.field), std::string::npos) << p.reason;
  }
}

TEST (ControlMessage, InputFieldsAreRead)
{
  auto key = Parse (R"({"type":"key-down","key":"a","code":30,"text":"a","extra":[1]})");
  ASSERT_TRUE (key.ok);  // unknown fields are ignored
  EXPECT_EQ (key.message.type, webdesk::ClientMessageType::kKeyDown);
  EXPECT_EQ (key.message.key, "a");
  EXPECT_EQ (key.message.code, 30u);
  EXPECT_EQ (key.message.text, "a");
  auto wheel = Parse (R"({"type":"wheel","x":10,"y":20.5,"dx":0,"dy":-2})");
  ASSERT_TRUE (wheel.ok);
  EXPECT_DOUBLE_EQ (wheel.message.y, 20.5);
  EXPECT_DOUBLE_EQ (wheel.message.dy, -2);
  auto preedit = Parse (R"({"type":"preedit","text":"にほん","cursor":3})");
  ASSERT_TRUE (preedit.ok);  // the cursor counts characters, not bytes
  EXPECT_EQ (preedit.message.type, webdesk::ClientMessageType::kPreedit);
  EXPECT_EQ (preedit.message.text, "にほん");
  EXPECT_EQ (preedit.message.cursor, 3);
  auto no_cursor = Parse (R"({"type":"preedit","text":""})");
  ASSERT_TRUE (no_cursor.ok);
  EXPECT_EQ (no_cursor.message.cursor, -1);
  auto ack = Parse (R"({"type":"ack","sequence":4294967295})");
  ASSERT_TRUE (ack.ok);
  EXPECT_EQ (ack.message.sequence, 4294967295u);
}

TEST (ControlMessage, ServerMessagesAreJsonWithTheirFields)
{
  const std::string hello = webdesk::ServerHelloJson (3, "avc1.640028", 1920, 1080);
  EXPECT_NE (hello.find ("\"type\":\"hello\""), std::string::npos);
  EXPECT_NE (hello.find ("\"protocol\":1"), std::string::npos);
  EXPECT_NE (hello.find ("\"codec\":\"avc1.640028\""), std::string::npos);
  EXPECT_NE (webdesk::ServerHelloJson (3, "", 0, 0).find ("\"codec\":null"), std::string::npos);
  // Text with quotes and newlines survives (json-glib escapes it).
  const std::string clip = webdesk::ClipboardJson ("a \"quoted\"\nline");
  auto back = Parse (R"({"type":"clipboard","text":)" + clip.substr (clip.find (":\"a") + 1));
  ASSERT_TRUE (back.ok) << clip;
  EXPECT_EQ (back.message.text, "a \"quoted\"\nline");
}

TEST (ControlMessage, ControlIsTakenOrGivenToAClient)
{
  auto take = Parse (R"({"type":"control","action":"take"})");
  ASSERT_TRUE (take.ok);
  EXPECT_EQ (take.message.type, webdesk::ClientMessageType::kControl);
  EXPECT_EQ (take.message.action, "take");
  auto give = Parse (R"({"type":"control","action":"give","client_id":7})");
  ASSERT_TRUE (give.ok);
  EXPECT_EQ (give.message.client_id, 7u);
  for (const char *bad : {R"({"type":"control"})", R"({"type":"control","action":"steal"})",
           R"({"type":"control","action":"give"})",
           R"({"type":"control","action":"give","client_id":0})"}) {
    SCOPED_TRACE (bad);
    auto p = Parse (bad);
    EXPECT_FALSE (p.ok);
    EXPECT_EQ (p.close_code, webdesk::protocol::kCloseBadField);
  }
}

TEST (ControlMessage, TheRoleMessageSaysWhoControls)
{
  EXPECT_EQ (webdesk::RoleJson (true, true, 3, 2),
      R"({"type":"role","role":"control","can_control":true,"controller":3,"clients":2})");
  EXPECT_EQ (webdesk::RoleJson (false, false, 0, 1),
      R"({"type":"role","role":"view","can_control":false,"controller":null,"clients":1})");
}
