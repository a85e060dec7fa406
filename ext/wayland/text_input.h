// SPDX-License-Identifier: LGPL-2.1-or-later
// text-input v3: the viewer's input method (the browser's IME composition) reaches an
// application that supports it as preedit (shown inside the application while composing) and
// commit, instead of as keys. Applications without it get keys (seat_text.cpp). Wayland
// thread only.
#pragma once

#include <list>
#include <memory>
#include <string>

#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

class TextInput {
 public:
  TextInput (wl_display *display, wlr_seat *seat);
  ~TextInput ();
  TextInput (const TextInput &) = delete;
  TextInput &operator= (const TextInput &) = delete;

  // The keyboard focus moved to `surface` (null: nowhere): its client's text inputs enter it.
  void FocusChanged (wlr_surface *surface);
  // Ends the composition shown with Preedit() with `text` as the application's commit. False
  // when nothing is being composed there: the caller types keys instead. (Text that does not
  // end a composition is typed as keys even for applications with text-input: some of them,
  // foot among them, drop a commit whose serial raced with their own state updates.)
  bool Commit (const std::string &text);
  // Shows `text` as the focused application's preedit (empty: none); `cursor` is a byte offset
  // into it, or -1. False when no text-input is enabled.
  bool Preedit (const std::string &text, int cursor);

 private:
  struct Input {
    wlr_text_input_v3 *input;
    Listener enable, disable, destroy;
  };
  wlr_text_input_v3 *Enabled () const;
  void Add (wlr_text_input_v3 *input);

  wlr_seat *seat_;
  wlr_text_input_manager_v3 *manager_;
  wlr_surface *focus_ = nullptr;
  Listener focus_destroy_;  // forgets focus_ when its surface goes before the focus moves
  std::list<std::unique_ptr<Input>> inputs_;
  bool preedit_shown_ = false;
  Listener new_input_;
};

}  // namespace webdesk::wayland
