// SPDX-License-Identifier: LGPL-2.1-or-later
// The clipboard, text only, between the viewer and the applications: Wayland ones through the
// data device (and data-control, for clipboard managers and nested desktops), X11 ones through
// Xwayland's selection bridge, all of which meet in the seat's selection (wlroots).
//
// Text from the viewer becomes a selection every application can paste. When an application
// sets the selection and offers text, it is read (at most 4 MiB) and handed to the listener.
// Applications' requests to set the selection or the primary selection are granted. Wayland
// thread only.
#pragma once

#include <functional>
#include <string>

#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

class Clipboard {
 public:
  using TextListener = std::function<void (const std::string &text)>;
  Clipboard (wlr_seat *seat, TextListener listener);
  ~Clipboard ();
  Clipboard (const Clipboard &) = delete;
  Clipboard &operator= (const Clipboard &) = delete;

  // Text from the viewer becomes the selection.
  void SetText (const std::string &text);

 private:
  void SelectionChanged ();
  void StopReading ();
  static int OnReadable (int fd, uint32_t mask, void *data);

  wlr_seat *seat_;
  TextListener listener_;
  int read_fd_ = -1;
  wl_event_source *read_source_ = nullptr;
  std::string read_buffer_;
  Listener request_selection_, request_primary_, selection_;
};

}  // namespace webdesk::wayland
