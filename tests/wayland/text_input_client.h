// SPDX-License-Identifier: LGPL-2.1-or-later
// A client's text-input v3, as an application with input method support has one: it enables
// itself when its surface has the keyboard and records what the input method sends.
#pragma once

#include <wayland-client.h>

#include <string>
#include <vector>

#include "text-input-unstable-v3-client-protocol.h"

namespace webdesk::testing {

class TextInputClient {
 public:
  // Binds the text-input manager of `display` for `seat` (false from Valid() if there is none).
  TextInputClient (wl_display *display, wl_seat *seat);
  ~TextInputClient ();
  bool Valid () const { return input_ != nullptr; }
  // enable + commit, as a focused text field does.
  void Enable ();

  wl_surface *entered = nullptr;
  // The state the last done event applied.
  std::string preedit;
  int preedit_cursor = -2;
  std::vector<std::string> commits;
  int done_count = 0;
  uint32_t commit_requests = 0;  // commits sent (the serial a done should carry)
  uint32_t last_done_serial = 0;

  // Pending until done (public for the C listeners).
  std::string pending_preedit;
  int pending_cursor = -1;
  std::string pending_commit;
  bool pending_has_commit = false;

 private:
  wl_display *display_;
  wl_registry *registry_ = nullptr;
  zwp_text_input_manager_v3 *manager_ = nullptr;
  zwp_text_input_v3 *input_ = nullptr;
};

}  // namespace webdesk::testing
