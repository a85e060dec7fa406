// SPDX-License-Identifier: LGPL-2.1-or-later
// The viewer's input method and applications with text-input v3: a composition is shown inside
// the application as preedit and ends as its commit; without a composition, and for
// applications without text-input, text is typed as keys.
#include <gtest/gtest.h>

#include <string>

#include "compositor_fixture.h"
#include "text_input_client.h"

using webdesk::testing::CompositorTest;
using webdesk::testing::TextInputClient;
using webdesk::testing::Window;

namespace {

using TextInputTest = CompositorTest;

}  // namespace

TEST_F (TextInputTest, ACompositionIsShownAsPreeditAndEndsAsTheApplicationsCommit)
{
  auto c = Connect ();
  TextInputClient ti (c->display (), c->seat_);
  ASSERT_TRUE (ti.Valid ()) << "zwp_text_input_manager_v3 is not offered";
  Window *w = ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  EXPECT_EQ (ti.entered, w->surface);  // the keyboard's window: its text input entered
  ti.Enable ();

  // "にほん" being composed, cursor after 2 characters: 6 bytes of UTF-8 in.
  compositor_.Preedit ("にほん", 6);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (ti.preedit, "にほん");
  EXPECT_EQ (ti.preedit_cursor, 6);
  EXPECT_TRUE (ti.commits.empty ());
  EXPECT_EQ (ti.last_done_serial, ti.commit_requests);

  // The composition ends: its text is committed (not typed as keys) and the preedit goes.
  const size_t keys_before = c->input.keys_pressed.size ();
  compositor_.TypeText ("日本");
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  ASSERT_EQ (ti.commits.size (), 1u);
  EXPECT_EQ (ti.commits[0], "日本");
  EXPECT_EQ (ti.preedit, "");
  EXPECT_EQ (c->input.keys_pressed.size (), keys_before);
}

TEST_F (TextInputTest, TextWithoutACompositionIsTypedAsKeysEvenWithTextInput)
{
  auto c = Connect ();
  TextInputClient ti (c->display (), c->seat_);
  ASSERT_TRUE (ti.Valid ());
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  ti.Enable ();
  compositor_.TypeText ("ab");
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_TRUE (ti.commits.empty ());
  EXPECT_EQ (c->input.keys_pressed.size (), 2u);
}

TEST_F (TextInputTest, APreeditForAnApplicationWithoutTextInputChangesNothing)
{
  auto c = Connect ();
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  compositor_.Preedit ("にほん", -1);
  compositor_.TypeText ("x");  // no composition there: typed as a key
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (c->input.keys_pressed.size (), 1u);
}

TEST_F (TextInputTest, TheTextInputLeavesWithTheKeyboard)
{
  auto c = Connect ();
  TextInputClient ti (c->display (), c->seat_);
  ASSERT_TRUE (ti.Valid ());
  Window *first = ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  EXPECT_EQ (ti.entered, first->surface);
  auto other = Connect ();
  ShowWindow (*other, 0x202020);  // the newest window takes the keyboard
  other->Roundtrip ();
  c->Roundtrip ();
  EXPECT_EQ (ti.entered, nullptr);
}
