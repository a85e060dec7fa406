// SPDX-License-Identifier: LGPL-2.1-or-later
#include "test_client.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace webdesk::testing {

void
ShmBuffer::Fill (uint32_t colour)
{
  FillRect (0, 0, width, height, colour);
}

void
ShmBuffer::FillRect (int x, int y, int w, int h, uint32_t colour)
{
  for (int row = y; row < y + h; row++)
    for (int col = x; col < x + w; col++)
      pixels[row * width + col] = colour;
}

namespace {

void
BufferRelease (void *data, wl_buffer *)
{
  static_cast<ShmBuffer *> (data)->released = true;
}
const wl_buffer_listener kBufferListener = {BufferRelease};

void
WmBasePing (void *, xdg_wm_base *wm, uint32_t serial)
{
  xdg_wm_base_pong (wm, serial);
}
const xdg_wm_base_listener kWmBaseListener = {WmBasePing};

void
XdgSurfaceConfigure (void *data, xdg_surface *xdg, uint32_t serial)
{
  auto *w = static_cast<Window *> (data);
  w->configure_serial = serial;
  w->configured = true;
  xdg_surface_ack_configure (xdg, serial);
}
const xdg_surface_listener kXdgSurfaceListener = {XdgSurfaceConfigure};

void
ToplevelConfigure (void *data, xdg_toplevel *, int32_t width, int32_t height, wl_array *states)
{
  auto *w = static_cast<Window *> (data);
  w->configured_width = width;
  w->configured_height = height;
  w->states.clear ();
  for (uint32_t *s = static_cast<uint32_t *> (states->data);
       reinterpret_cast<char *> (s) < static_cast<char *> (states->data) + states->size; s++)
    w->states.push_back (*s);
}
void ToplevelClose (void *, xdg_toplevel *) {}
void ToplevelBounds (void *, xdg_toplevel *, int32_t, int32_t) {}
void ToplevelCapabilities (void *, xdg_toplevel *, wl_array *) {}
const xdg_toplevel_listener kToplevelListener = {ToplevelConfigure, ToplevelClose, ToplevelBounds,
  ToplevelCapabilities};

void
PopupConfigure (void *data, xdg_popup *, int32_t x, int32_t y, int32_t w, int32_t h)
{
  auto *win = static_cast<Window *> (data);
  win->popup_x = x;
  win->popup_y = y;
  win->configured_width = w;
  win->configured_height = h;
}
void
PopupDone (void *data, xdg_popup *)
{
  static_cast<Window *> (data)->popup_done = true;
}
void PopupRepositioned (void *, xdg_popup *, uint32_t) {}
const xdg_popup_listener kPopupListener = {PopupConfigure, PopupDone, PopupRepositioned};

InputLog &
Log (void *data)
{
  return static_cast<TestClient *> (data)->input;
}

void
PointerEnter (void *data, wl_pointer *, uint32_t serial, wl_surface *s, wl_fixed_t x, wl_fixed_t y)
{
  Log (data).pointer_focus = s;
  Log (data).pointer_x = wl_fixed_to_double (x);
  Log (data).pointer_y = wl_fixed_to_double (y);
  Log (data).last_serial = serial;
  Log (data).enter_serial = serial;
}
void
PointerLeave (void *data, wl_pointer *, uint32_t, wl_surface *)
{
  Log (data).pointer_focus = nullptr;
}
void
PointerMotion (void *data, wl_pointer *, uint32_t, wl_fixed_t x, wl_fixed_t y)
{
  Log (data).pointer_x = wl_fixed_to_double (x);
  Log (data).pointer_y = wl_fixed_to_double (y);
}
void
PointerButton (void *data, wl_pointer *, uint32_t serial, uint32_t, uint32_t button, uint32_t state)
{
  if (state == WL_POINTER_BUTTON_STATE_PRESSED)
    Log (data).buttons_pressed.push_back (button);
  Log (data).last_serial = serial;
}
void
PointerAxis (void *data, wl_pointer *, uint32_t, uint32_t axis, wl_fixed_t value)
{
  if (axis == WL_POINTER_AXIS_VERTICAL_SCROLL)
    Log (data).axis_values.push_back (value);
}
void PointerFrame (void *, wl_pointer *) {}
void PointerAxisSource (void *, wl_pointer *, uint32_t) {}
void PointerAxisStop (void *, wl_pointer *, uint32_t, uint32_t) {}
void PointerAxisDiscrete (void *, wl_pointer *, uint32_t, int32_t) {}
const wl_pointer_listener kPointerListener = {PointerEnter, PointerLeave, PointerMotion,
  PointerButton, PointerAxis, PointerFrame, PointerAxisSource, PointerAxisStop,
  PointerAxisDiscrete, nullptr};

void
KeyboardKeymap (void *data, wl_keyboard *, uint32_t format, int32_t fd, uint32_t size)
{
  Log (data).got_keymap = format == WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1;
  Log (data).keymap_size = size;
  if (format == WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1 && size > 0) {
    void *map = mmap (nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      Log (data).keymaps.emplace_back (static_cast<const char *> (map), size - 1);
      munmap (map, size);
    }
  }
  close (fd);
}
void
KeyboardEnter (void *data, wl_keyboard *, uint32_t serial, wl_surface *s, wl_array *)
{
  Log (data).keyboard_focus = s;
  Log (data).last_serial = serial;  // as toolkits do: a copy made now uses it
}
void
KeyboardLeave (void *data, wl_keyboard *, uint32_t, wl_surface *)
{
  Log (data).keyboard_focus = nullptr;
}
void
KeyboardKey (void *data, wl_keyboard *, uint32_t serial, uint32_t, uint32_t key, uint32_t state)
{
  (state == WL_KEYBOARD_KEY_STATE_PRESSED ? Log (data).keys_pressed : Log (data).keys_released)
      .push_back (key);
  if (state == WL_KEYBOARD_KEY_STATE_PRESSED)
    Log (data).keymap_of_press.push_back (Log (data).keymaps.size () - 1);
  Log (data).last_serial = serial;
}
void
KeyboardModifiers (void *data, wl_keyboard *, uint32_t, uint32_t depressed, uint32_t, uint32_t,
    uint32_t)
{
  Log (data).mods_depressed = depressed;
}
void
KeyboardRepeatInfo (void *data, wl_keyboard *, int32_t rate, int32_t)
{
  Log (data).repeat_rate = rate;
}
const wl_keyboard_listener kKeyboardListener = {KeyboardKeymap, KeyboardEnter, KeyboardLeave,
  KeyboardKey, KeyboardModifiers, KeyboardRepeatInfo};

void
TouchDown (void *data, wl_touch *, uint32_t serial, uint32_t, wl_surface *s, int32_t id,
    wl_fixed_t x, wl_fixed_t y)
{
  Log (data).touch_downs.push_back ({id, wl_fixed_to_double (x), wl_fixed_to_double (y)});
  Log (data).touch_surface = s;
  Log (data).last_serial = serial;
}
void
TouchUp (void *data, wl_touch *, uint32_t, uint32_t, int32_t id)
{
  Log (data).touch_ups.push_back (id);
}
void
TouchMotion (void *data, wl_touch *, uint32_t, int32_t id, wl_fixed_t x, wl_fixed_t y)
{
  Log (data).touch_motions.push_back ({id, wl_fixed_to_double (x), wl_fixed_to_double (y)});
}
void
TouchFrame (void *data, wl_touch *)
{
  Log (data).touch_frames++;
}
void
TouchCancel (void *data, wl_touch *)
{
  Log (data).touch_cancels++;
}
void TouchShape (void *, wl_touch *, int32_t, wl_fixed_t, wl_fixed_t) {}
void TouchOrientation (void *, wl_touch *, int32_t, wl_fixed_t) {}
const wl_touch_listener kTouchListener = {TouchDown, TouchUp, TouchMotion, TouchFrame, TouchCancel,
  TouchShape, TouchOrientation};

void
SeatCapabilities (void *data, wl_seat *seat, uint32_t caps)
{
  auto *c = static_cast<TestClient *> (data);
  if ((caps & WL_SEAT_CAPABILITY_POINTER) && !c->pointer_) {
    c->pointer_ = wl_seat_get_pointer (seat);
    wl_pointer_add_listener (c->pointer_, &kPointerListener, c);
  }
  if ((caps & WL_SEAT_CAPABILITY_TOUCH) && !c->touch_) {
    c->touch_ = wl_seat_get_touch (seat);
    wl_touch_add_listener (c->touch_, &kTouchListener, c);
  }
  if ((caps & WL_SEAT_CAPABILITY_KEYBOARD) && !c->keyboard_) {
    c->keyboard_ = wl_seat_get_keyboard (seat);
    wl_keyboard_add_listener (c->keyboard_, &kKeyboardListener, c);
  }
}
void SeatName (void *, wl_seat *, const char *) {}
const wl_seat_listener kSeatListener = {SeatCapabilities, SeatName};

void OutputGeometry (void *, wl_output *, int32_t, int32_t, int32_t, int32_t, int32_t,
    const char *, const char *, int32_t) {}
void
OutputMode (void *data, wl_output *, uint32_t, int32_t w, int32_t h, int32_t)
{
  static_cast<TestClient *> (data)->output_width = w;
  static_cast<TestClient *> (data)->output_height = h;
}
void OutputDone (void *, wl_output *) {}
void
OutputScale (void *data, wl_output *, int32_t scale)
{
  static_cast<TestClient *> (data)->output_scale = scale;
}
void OutputName (void *, wl_output *, const char *) {}
void OutputDescription (void *, wl_output *, const char *) {}
const wl_output_listener kOutputListener = {OutputGeometry, OutputMode, OutputDone, OutputScale,
  OutputName, OutputDescription};

// Data source: writes the selection text when asked.
void DataSourceTarget (void *, wl_data_source *, const char *) {}
void
DataSourceSend (void *data, wl_data_source *, const char *mime, int32_t fd)
{
  auto *c = static_cast<TestClient *> (data);
  c->selection_text_offered = mime;
  (void) !write (fd, c->selection_.data (), c->selection_.size ());
  close (fd);
}
void
DataSourceCancelled (void *, wl_data_source *source)
{
  wl_data_source_destroy (source);
}
const wl_data_source_listener kDataSourceListener = {DataSourceTarget, DataSourceSend,
  DataSourceCancelled, nullptr, nullptr, nullptr};

void
OfferOffer (void *, wl_data_offer *, const char *)
{
}
void OfferSourceActions (void *, wl_data_offer *, uint32_t) {}
void OfferAction (void *, wl_data_offer *, uint32_t) {}
const wl_data_offer_listener kOfferListener = {OfferOffer, OfferSourceActions, OfferAction};

void
DeviceDataOffer (void *data, wl_data_device *, wl_data_offer *offer)
{
  static_cast<TestClient *> (data)->pending_offer_ = offer;
  wl_data_offer_add_listener (offer, &kOfferListener, data);
}
void DeviceEnter (void *, wl_data_device *, uint32_t, wl_surface *, wl_fixed_t, wl_fixed_t,
    wl_data_offer *) {}
void DeviceLeave (void *, wl_data_device *) {}
void DeviceMotion (void *, wl_data_device *, uint32_t, wl_fixed_t, wl_fixed_t) {}
void DeviceDrop (void *, wl_data_device *) {}
void
DeviceSelection (void *data, wl_data_device *, wl_data_offer *offer)
{
  auto *c = static_cast<TestClient *> (data);
  if (c->selection_offer_ && c->selection_offer_ != offer)
    wl_data_offer_destroy (c->selection_offer_);
  c->selection_offer_ = offer;
}
const wl_data_device_listener kDeviceListener = {DeviceDataOffer, DeviceEnter, DeviceLeave,
  DeviceMotion, DeviceDrop, DeviceSelection};

void
RegistryGlobal (void *data, wl_registry *registry, uint32_t name, const char *interface,
    uint32_t version)
{
  auto *c = static_cast<TestClient *> (data);
  auto bind = [&] (const wl_interface *iface, uint32_t max) {
    return wl_registry_bind (registry, name, iface, std::min (version, max));
  };
  if (!strcmp (interface, wl_compositor_interface.name))
    c->compositor_ = static_cast<wl_compositor *> (bind (&wl_compositor_interface, 4));
  else if (!strcmp (interface, wl_subcompositor_interface.name))
    c->subcompositor_ = static_cast<wl_subcompositor *> (bind (&wl_subcompositor_interface, 1));
  else if (!strcmp (interface, wl_shm_interface.name))
    c->shm_ = static_cast<wl_shm *> (bind (&wl_shm_interface, 1));
  else if (!strcmp (interface, xdg_wm_base_interface.name)) {
    c->wm_base_ = static_cast<xdg_wm_base *> (bind (&xdg_wm_base_interface, 3));
    xdg_wm_base_add_listener (c->wm_base_, &kWmBaseListener, c);
  } else if (!strcmp (interface, wl_seat_interface.name)) {
    c->seat_ = static_cast<wl_seat *> (bind (&wl_seat_interface, 7));
    wl_seat_add_listener (c->seat_, &kSeatListener, c);
  } else if (!strcmp (interface, wl_output_interface.name)) {
    c->output_ = static_cast<wl_output *> (bind (&wl_output_interface, 4));
    wl_output_add_listener (c->output_, &kOutputListener, c);
  } else if (!strcmp (interface, wp_viewporter_interface.name))
    c->viewporter_ = static_cast<wp_viewporter *> (bind (&wp_viewporter_interface, 1));
  else if (!strcmp (interface, wl_data_device_manager_interface.name))
    c->data_manager_ = static_cast<wl_data_device_manager *> (
        bind (&wl_data_device_manager_interface, 3));
}
void RegistryGlobalRemove (void *, wl_registry *, uint32_t) {}
const wl_registry_listener kRegistryListener = {RegistryGlobal, RegistryGlobalRemove};

}  // namespace

TestClient::TestClient (const std::string &socket_name)
{
  display_ = wl_display_connect (socket_name.c_str ());
  if (!display_)
    return;
  registry_ = wl_display_get_registry (display_);
  wl_registry_add_listener (registry_, &kRegistryListener, this);
  Roundtrip ();
  Roundtrip ();  // seat capabilities, output mode
  Roundtrip ();  // keymap
  globals_ok_ = compositor_ && shm_ && wm_base_ && subcompositor_;
  if (data_manager_ && seat_) {
    data_device_ = wl_data_device_manager_get_data_device (data_manager_, seat_);
    wl_data_device_add_listener (data_device_, &kDeviceListener, this);
    Roundtrip ();
  }
}

std::string
TestClient::ReadSelection ()
{
  if (!selection_offer_)
    return "";
  int fds[2];
  if (pipe (fds) != 0)
    return "";
  wl_data_offer_receive (selection_offer_, "text/plain;charset=utf-8", fds[1]);
  close (fds[1]);
  wl_display_flush (display_);
  std::string text;
  char chunk[1024];
  ssize_t n;
  while ((n = read (fds[0], chunk, sizeof chunk)) > 0)
    text.append (chunk, size_t (n));
  close (fds[0]);
  return text;
}

TestClient::~TestClient ()
{
  for (ShmBuffer *b : buffers_) {
    munmap (b->pixels, b->size);
    delete b;
  }
  for (Window *w : windows_)
    delete w;
  if (display_)
    wl_display_disconnect (display_);
}

bool
TestClient::Roundtrip ()
{
  return display_ && wl_display_roundtrip (display_) >= 0;
}

ShmBuffer *
TestClient::CreateBuffer (int width, int height, uint32_t colour, bool alpha)
{
  auto *b = new ShmBuffer;
  b->width = width;
  b->height = height;
  b->size = size_t (width) * height * 4;
  int fd = memfd_create ("test-buffer", MFD_CLOEXEC);
  (void) !ftruncate (fd, off_t (b->size));
  b->pixels = static_cast<uint32_t *> (mmap (nullptr, b->size, PROT_READ | PROT_WRITE,
      MAP_SHARED, fd, 0));
  wl_shm_pool *pool = wl_shm_create_pool (shm_, fd, int32_t (b->size));
  b->buffer = wl_shm_pool_create_buffer (pool, 0, width, height, width * 4,
      alpha ? WL_SHM_FORMAT_ARGB8888 : WL_SHM_FORMAT_XRGB8888);
  wl_buffer_add_listener (b->buffer, &kBufferListener, b);
  wl_shm_pool_destroy (pool);
  close (fd);
  b->Fill (colour);
  buffers_.push_back (b);
  return b;
}

wl_surface *
TestClient::CreateSurface ()
{
  return wl_compositor_create_surface (compositor_);
}

Window *
TestClient::CreateToplevel (int fixed_width, int fixed_height)
{
  auto *w = new Window;
  windows_.push_back (w);
  w->surface = CreateSurface ();
  w->xdg = xdg_wm_base_get_xdg_surface (wm_base_, w->surface);
  xdg_surface_add_listener (w->xdg, &kXdgSurfaceListener, w);
  w->toplevel = xdg_surface_get_toplevel (w->xdg);
  xdg_toplevel_add_listener (w->toplevel, &kToplevelListener, w);
  if (fixed_width > 0 && fixed_height > 0) {
    xdg_toplevel_set_min_size (w->toplevel, fixed_width, fixed_height);
    xdg_toplevel_set_max_size (w->toplevel, fixed_width, fixed_height);
  }
  wl_surface_commit (w->surface);
  Roundtrip ();
  return w;
}

Window *
TestClient::CreatePopup (Window *parent, int anchor_x, int anchor_y, int width, int height,
    bool grab)
{
  auto *w = new Window;
  windows_.push_back (w);
  w->surface = CreateSurface ();
  w->xdg = xdg_wm_base_get_xdg_surface (wm_base_, w->surface);
  xdg_surface_add_listener (w->xdg, &kXdgSurfaceListener, w);
  xdg_positioner *p = xdg_wm_base_create_positioner (wm_base_);
  xdg_positioner_set_size (p, width, height);
  xdg_positioner_set_anchor_rect (p, anchor_x, anchor_y, 1, 1);
  xdg_positioner_set_anchor (p, XDG_POSITIONER_ANCHOR_TOP_LEFT);
  xdg_positioner_set_gravity (p, XDG_POSITIONER_GRAVITY_BOTTOM_RIGHT);
  w->popup = xdg_surface_get_popup (w->xdg, parent->xdg, p);
  xdg_popup_add_listener (w->popup, &kPopupListener, w);
  xdg_positioner_destroy (p);
  if (grab)  // before the popup's first commit, with the serial of the click that opened it
    xdg_popup_grab (w->popup, seat_, input.last_serial);
  wl_surface_commit (w->surface);
  Roundtrip ();
  return w;
}

void
TestClient::Show (Window *w, ShmBuffer *b)
{
  wl_surface_attach (w->surface, b->buffer, 0, 0);
  wl_surface_damage_buffer (w->surface, 0, 0, b->width, b->height);
  wl_surface_commit (w->surface);
  Roundtrip ();
}

wl_subsurface *
TestClient::CreateSubsurface (wl_surface *surface, wl_surface *parent)
{
  return wl_subcompositor_get_subsurface (subcompositor_, surface, parent);
}

namespace {
void
FrameDone (void *data, wl_callback *cb, uint32_t)
{
  *static_cast<bool *> (data) = true;
  wl_callback_destroy (cb);
}
const wl_callback_listener kFrameListener = {FrameDone};
}  // namespace

wl_callback *
TestClient::RequestFrame (wl_surface *surface, bool *done)
{
  *done = false;
  wl_callback *cb = wl_surface_frame (surface);
  wl_callback_add_listener (cb, &kFrameListener, done);
  return cb;
}

void
TestClient::SetSelection (const std::string &text)
{
  selection_ = text;
  wl_data_source *source = wl_data_device_manager_create_data_source (data_manager_);
  wl_data_source_add_listener (source, &kDataSourceListener, this);
  wl_data_source_offer (source, "text/plain;charset=utf-8");
  wl_data_device_set_selection (data_device_, source, input.last_serial);
  Roundtrip ();
}

wp_viewport *
TestClient::Viewport (wl_surface *surface)
{
  return wp_viewporter_get_viewport (viewporter_, surface);
}

}  // namespace webdesk::testing
