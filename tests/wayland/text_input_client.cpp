// SPDX-License-Identifier: LGPL-2.1-or-later
#include "text_input_client.h"

#include <cstring>

namespace webdesk::testing {

namespace {

TextInputClient &
Of (void *data)
{
  return *static_cast<TextInputClient *> (data);
}

void
Enter (void *data, zwp_text_input_v3 *, wl_surface *surface)
{
  Of (data).entered = surface;
}

void
Leave (void *data, zwp_text_input_v3 *, wl_surface *)
{
  Of (data).entered = nullptr;
}

void
PreeditString (void *data, zwp_text_input_v3 *, const char *text, int32_t begin, int32_t)
{
  Of (data).pending_preedit = text ? text : "";
  Of (data).pending_cursor = begin;
}

void
CommitString (void *data, zwp_text_input_v3 *, const char *text)
{
  Of (data).pending_commit = text ? text : "";
  Of (data).pending_has_commit = true;
}

void
DeleteSurroundingText (void *, zwp_text_input_v3 *, uint32_t, uint32_t)
{
}

void
Done (void *data, zwp_text_input_v3 *, uint32_t serial)
{
  TextInputClient &c = Of (data);
  // As the protocol says: the state is applied whatever the serial.
  c.preedit = c.pending_preedit;
  c.preedit_cursor = c.pending_cursor;
  if (c.pending_has_commit)
    c.commits.push_back (c.pending_commit);
  c.pending_preedit.clear ();
  c.pending_cursor = -1;
  c.pending_has_commit = false;
  c.last_done_serial = serial;
  c.done_count++;
}

const zwp_text_input_v3_listener kListener = {Enter, Leave, PreeditString, CommitString,
  DeleteSurroundingText, Done};

void
Global (void *data, wl_registry *registry, uint32_t name, const char *interface, uint32_t)
{
  if (!strcmp (interface, zwp_text_input_manager_v3_interface.name))
    *static_cast<zwp_text_input_manager_v3 **> (data) = static_cast<zwp_text_input_manager_v3 *> (
        wl_registry_bind (registry, name, &zwp_text_input_manager_v3_interface, 1));
}

void
GlobalRemove (void *, wl_registry *, uint32_t)
{
}

const wl_registry_listener kRegistryListener = {Global, GlobalRemove};

}  // namespace

TextInputClient::TextInputClient (wl_display *display, wl_seat *seat) : display_ (display)
{
  registry_ = wl_display_get_registry (display);
  wl_registry_add_listener (registry_, &kRegistryListener, &manager_);
  wl_display_roundtrip (display);
  if (!manager_)
    return;
  input_ = zwp_text_input_manager_v3_get_text_input (manager_, seat);
  zwp_text_input_v3_add_listener (input_, &kListener, this);
  wl_display_roundtrip (display);
}

TextInputClient::~TextInputClient ()
{
  if (input_)
    zwp_text_input_v3_destroy (input_);
  if (manager_)
    zwp_text_input_manager_v3_destroy (manager_);
  wl_registry_destroy (registry_);
  wl_display_flush (display_);
}

void
TextInputClient::Enable ()
{
  zwp_text_input_v3_enable (input_);
  zwp_text_input_v3_commit (input_);
  commit_requests++;
  wl_display_roundtrip (display_);
}

}  // namespace webdesk::testing
