// SPDX-License-Identifier: LGPL-2.1-or-later
#include "text_input.h"

#include <algorithm>

namespace webdesk::wayland {

TextInput::TextInput (wl_display *display, wlr_seat *seat) : seat_ (seat)
{
  manager_ = wlr_text_input_manager_v3_create (display);
  new_input_.Connect (&manager_->events.text_input,
      [this] (void *data) { Add (static_cast<wlr_text_input_v3 *> (data)); });
}

TextInput::~TextInput ()
{
  new_input_.Disconnect ();
  focus_destroy_.Disconnect ();
  inputs_.clear ();
}

void
TextInput::Add (wlr_text_input_v3 *input)
{
  if (input->seat != seat_)
    return;
  auto entry = std::make_unique<Input> ();
  Input *raw = entry.get ();
  raw->input = input;
  raw->enable.Connect (&input->events.enable, [this] (void *) { preedit_shown_ = false; });
  raw->disable.Connect (&input->events.disable, [this] (void *) { preedit_shown_ = false; });
  raw->destroy.Connect (&input->events.destroy, [this, raw] (void *) {
    inputs_.remove_if ([raw] (const auto &i) { return i.get () == raw; });
  });
  inputs_.push_back (std::move (entry));
  // A text input made while its client has the keyboard enters at once.
  if (focus_ && wl_resource_get_client (input->resource) == wl_resource_get_client (focus_->resource))
    wlr_text_input_v3_send_enter (input, focus_);
}

void
TextInput::FocusChanged (wlr_surface *surface)
{
  if (surface == focus_)
    return;
  for (const auto &i : inputs_) {
    if (i->input->focused_surface)
      wlr_text_input_v3_send_leave (i->input);
    if (surface &&
        wl_resource_get_client (i->input->resource) == wl_resource_get_client (surface->resource))
      wlr_text_input_v3_send_enter (i->input, surface);
  }
  focus_ = surface;
  focus_destroy_.Disconnect ();
  if (surface)
    focus_destroy_.Connect (&surface->events.destroy, [this] (void *) {
      focus_ = nullptr;
      focus_destroy_.Disconnect ();
    });
  preedit_shown_ = false;
}

wlr_text_input_v3 *
TextInput::Enabled () const
{
  for (const auto &i : inputs_)
    if (i->input->current_enabled && i->input->focused_surface && i->input->focused_surface == focus_)
      return i->input;
  return nullptr;
}

bool
TextInput::Commit (const std::string &text)
{
  wlr_text_input_v3 *input = Enabled ();
  if (!input || !preedit_shown_)
    return false;
  wlr_text_input_v3_send_preedit_string (input, nullptr, 0, 0);
  wlr_text_input_v3_send_commit_string (input, text.c_str ());
  wlr_text_input_v3_send_done (input);
  preedit_shown_ = false;
  return true;
}

bool
TextInput::Preedit (const std::string &text, int cursor)
{
  wlr_text_input_v3 *input = Enabled ();
  if (!input)
    return false;
  const int at = cursor < 0 ? -1 : std::min (cursor, int (text.size ()));
  wlr_text_input_v3_send_preedit_string (input, text.empty () ? nullptr : text.c_str (), at, at);
  wlr_text_input_v3_send_done (input);
  preedit_shown_ = !text.empty ();
  return true;
}

}  // namespace webdesk::wayland
