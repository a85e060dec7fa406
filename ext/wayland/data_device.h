// SPDX-License-Identifier: LGPL-2.1-or-later
// wl_data_device_manager: the clipboard (selection), text only, both ways.
//
// An application's selection is read as text (text/plain;charset=utf-8) and handed to the
// compositor's clipboard listener (the element turns it into an event and a bus message); text
// from the viewer becomes a selection that every application can paste. Drag and drop is not
// offered (start_drag is accepted and ignored).
#pragma once

#include <wayland-server-core.h>

#include <string>
#include <vector>

namespace webdesk::wayland {

class Compositor;

class DataDevice {
 public:
  explicit DataDevice (Compositor *compositor);
  ~DataDevice ();

  // Text from the viewer becomes the selection.
  void SetSelectionText (const std::string &text);
  // A client set (or cleared, source == null) the selection.
  void SetSelectionSource (wl_resource *source);
  // The keyboard focus moved: the focused client learns the current selection.
  void SendSelectionTo (wl_client *client);
  void SourceGone (wl_resource *source);
  // A client asked an offer for the data in `mime_type`, to be written to `fd`.
  void Receive (const std::string &mime_type, int fd);

  std::vector<wl_resource *> devices;

 private:
  static void Bind (wl_client *client, void *data, uint32_t version, uint32_t id);
  static int OnReadable (int fd, uint32_t mask, void *data);
  void ReadSourceText ();
  void StopReading ();

  Compositor *compositor_;
  wl_global *global_;
  wl_resource *source_ = nullptr;  // a client's selection, or null
  std::string text_;               // the viewer's selection when source_ is null
  bool has_text_ = false;
  int read_fd_ = -1;
  wl_event_source *read_source_ = nullptr;
  std::string read_buffer_;
};

}  // namespace webdesk::wayland
