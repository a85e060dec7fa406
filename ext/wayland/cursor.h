// SPDX-License-Identifier: LGPL-2.1-or-later
// The pointer cursor: what an application asks for with wl_pointer.set_cursor, turned into the
// image a viewer should show instead of a cursor painted into the frames (the browser moves it
// with no round trip).
//
// CursorTracker is the policy, free of Wayland: only the client that has the pointer focus sets
// the cursor, and only with the serial of its latest enter (older requests are ignored); when
// the focus moves to another client (or to no window) the viewer's default cursor shows until
// that client sets one; identical images are not reported twice.
//
// PointerCursor is the Wayland side, owned by the Seat: it reads the cursor surfaces' committed
// shm buffers (ARGB8888 / XRGB8888), follows hotspot changes made by attach offsets, and feeds
// CursorTracker. Wayland thread only.
#pragma once

#include <wayland-server-core.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

struct CursorImage {
  enum class Type { kDefault, kHidden, kImage };
  Type type = Type::kDefault;
  int width = 0, height = 0;        // image pixels
  int hotspot_x = 0, hotspot_y = 0;  // image pixels
  double scale = 1;                 // image pixels per output pixel
  std::vector<uint8_t> pixels;      // premultiplied BGRA, rows of width * 4 bytes
  bool operator== (const CursorImage &o) const;
  bool operator!= (const CursorImage &o) const { return !(*this == o); }
};

// Images larger than this (either side, image pixels) are shown as the default cursor: browsers
// refuse cursors above 128 CSS pixels anyway.
constexpr int kMaxCursorSize = 256;

class CursorTracker {
 public:
  using Listener = std::function<void (const CursorImage &)>;
  explicit CursorTracker (Listener listener) : listener_ (std::move (listener)) {}

  // The pointer entered a surface of `client` (nullptr: no window under it) with `serial`.
  // A change of client resets the cursor to the default.
  void FocusChanged (const void *client, uint32_t enter_serial);
  // Whether a set_cursor from `client` with `serial` applies (the focused client, a serial not
  // older than its enter).
  bool Accepts (const void *client, uint32_t serial) const;
  // The cursor the focused client set (an image, hidden, or default for an unusable buffer).
  void Show (const CursorImage &image);
  const CursorImage &current () const { return current_; }

 private:
  Listener listener_;
  const void *focus_client_ = nullptr;
  uint32_t enter_serial_ = 0;
  CursorImage current_;
};

class Server;

class PointerCursor {
 public:
  PointerCursor (Server *server, CursorTracker::Listener listener);
  ~PointerCursor ();
  PointerCursor (const PointerCursor &) = delete;
  PointerCursor &operator= (const PointerCursor &) = delete;

  // The seat's pointer focus changed (after the enter was sent with `serial`).
  void FocusChanged (wl_client *client, uint32_t serial);
  // wl_pointer.set_cursor (wlroots has given `surface` the cursor role); `surface` may be null
  // (hide the cursor).
  void SetCursor (wl_client *client, uint32_t serial, wlr_surface *surface, int32_t hotspot_x,
      int32_t hotspot_y);
  // The cursor image's scale against output pixels follows the output's.
  void OutputScaleChanged ();
  const CursorImage &current () const { return tracker_.current (); }

 private:
  CursorImage ImageOf (wlr_surface *surface) const;
  void Watch (wlr_surface *surface);
  void ShowSurfaceSoon ();
  Server *server_;
  CursorTracker tracker_;
  wlr_surface *surface_ = nullptr;  // the focused client's cursor surface, if any
  int hotspot_x_ = 0, hotspot_y_ = 0;  // surface coordinates
  wl_event_source *idle_ = nullptr;  // ShowSurfaceSoon's
  Listener commit_, destroy_;
};

}  // namespace webdesk::wayland
