// SPDX-License-Identifier: LGPL-2.1-or-later
// A small in-process Wayland client for the compositor's unit tests: shm buffers of one colour,
// xdg toplevels and popups, subsurfaces, a seat that records what it receives.
#pragma once

#include <wayland-client.h>

#include <cstdint>
#include <string>
#include <vector>

#include "viewporter-client-protocol.h"
#include "xdg-shell-client-protocol.h"

namespace webdesk::testing {

// One shm buffer filled with a colour (0xAARRGGBB, XRGB8888 unless alpha is wanted).
struct ShmBuffer {
  wl_buffer *buffer = nullptr;
  uint32_t *pixels = nullptr;
  int width = 0, height = 0;
  size_t size = 0;
  bool released = false;
  void Fill (uint32_t colour);
  void FillRect (int x, int y, int w, int h, uint32_t colour);
};

struct Window {
  wl_surface *surface = nullptr;
  xdg_surface *xdg = nullptr;
  xdg_toplevel *toplevel = nullptr;
  xdg_popup *popup = nullptr;
  int configured_width = -1, configured_height = -1;
  std::vector<uint32_t> states;
  uint32_t configure_serial = 0;
  bool configured = false;
  int popup_x = 0, popup_y = 0;
  bool popup_done = false;
};

struct InputLog {
  wl_surface *pointer_focus = nullptr;
  double pointer_x = -1, pointer_y = -1;
  std::vector<uint32_t> buttons_pressed;
  wl_surface *keyboard_focus = nullptr;
  bool got_keymap = false;
  uint32_t keymap_size = 0;
  int repeat_rate = -1;
  std::vector<uint32_t> keys_pressed, keys_released;
  std::vector<std::string> keymaps;      // every keymap received, in order
  std::vector<size_t> keymap_of_press;   // per key press: index into keymaps then in effect
  uint32_t mods_depressed = 0;
  std::vector<int> axis_values;  // wl_fixed of vertical scroll
  uint32_t last_serial = 0;
  uint32_t enter_serial = 0;  // of the latest wl_pointer.enter (for set_cursor)
  struct Touch {
    int32_t id;
    double x, y;
  };
  std::vector<Touch> touch_downs, touch_motions;
  std::vector<int32_t> touch_ups;
  int touch_frames = 0, touch_cancels = 0;
  wl_surface *touch_surface = nullptr;
};

class TestClient {
 public:
  explicit TestClient (const std::string &socket_name);
  ~TestClient ();
  bool Connected () const { return display_ != nullptr && globals_ok_; }
  // Round trip; false once the connection failed (for instance after a protocol error).
  bool Roundtrip ();
  int Error () const { return display_ ? wl_display_get_error (display_) : -1; }

  ShmBuffer *CreateBuffer (int width, int height, uint32_t colour, bool alpha = false);
  // A toplevel that has acked its first configure (not yet mapped: attach + commit for that).
  // With a fixed size (min = max) it cannot be resized: a dialog-like window.
  Window *CreateToplevel (int fixed_width = 0, int fixed_height = 0);
  // A popup; with `grab`, a menu that grabs the input (with the serial of the latest event).
  Window *CreatePopup (Window *parent, int anchor_x, int anchor_y, int width, int height,
      bool grab = false);
  void Show (Window *w, ShmBuffer *b);  // attach, damage everything, commit
  wl_surface *CreateSurface ();
  wl_subsurface *CreateSubsurface (wl_surface *surface, wl_surface *parent);
  wl_callback *RequestFrame (wl_surface *surface, bool *done);
  void SetSelection (const std::string &text);
  // Reads the current selection offered to this client as text ("" if none).
  std::string ReadSelection ();
  bool HasSelectionOffer () const { return selection_offer_ != nullptr; }
  wp_viewport *Viewport (wl_surface *surface);

  wl_display *display () { return display_; }
  wl_compositor *compositor () { return compositor_; }
  xdg_wm_base *wm_base () { return wm_base_; }
  InputLog input;
  std::string selection_text_offered;  // what a data source was asked for
  int output_width = 0, output_height = 0, output_scale = 0;

  // Registry and event plumbing (public for the C listeners).
  wl_compositor *compositor_ = nullptr;
  wl_subcompositor *subcompositor_ = nullptr;
  wl_shm *shm_ = nullptr;
  xdg_wm_base *wm_base_ = nullptr;
  wl_seat *seat_ = nullptr;
  wl_output *output_ = nullptr;
  wp_viewporter *viewporter_ = nullptr;
  wl_data_device_manager *data_manager_ = nullptr;
  wl_pointer *pointer_ = nullptr;
  wl_keyboard *keyboard_ = nullptr;
  wl_touch *touch_ = nullptr;
  wl_data_device *data_device_ = nullptr;
  std::string selection_;
  wl_data_offer *pending_offer_ = nullptr;
  wl_data_offer *selection_offer_ = nullptr;

 private:
  wl_display *display_ = nullptr;
  wl_registry *registry_ = nullptr;
  bool globals_ok_ = false;
  std::vector<ShmBuffer *> buffers_;
  std::vector<Window *> windows_;
};

}  // namespace webdesk::testing
