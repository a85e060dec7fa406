// SPDX-License-Identifier: LGPL-2.1-or-later
// x11-dialog-client: an X11 application with a main window and a dialog over it (the dialog is
// WM_TRANSIENT_FOR the main window and mapped once the main window is), both drawn by the X
// server in their background colour (x11_dialog_client.h). Runs until its display closes.
// Usage: DISPLAY=:N x11-dialog-client
#include <xcb/xcb.h>
#include <xcb/xcb_icccm.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "x11_dialog_client.h"

using namespace webdesk::testing::x11_dialog;

namespace {

xcb_window_t
CreateWindow (xcb_connection_t *c, xcb_screen_t *screen, int width, int height, uint32_t colour,
    const char *title)
{
  const xcb_window_t w = xcb_generate_id (c);
  const uint32_t values[] = {colour, XCB_EVENT_MASK_STRUCTURE_NOTIFY};
  xcb_create_window (c, XCB_COPY_FROM_PARENT, w, screen->root, 0, 0, uint16_t (width),
      uint16_t (height), 0, XCB_WINDOW_CLASS_INPUT_OUTPUT, screen->root_visual,
      XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, values);
  xcb_icccm_set_wm_name (c, w, XCB_ATOM_STRING, 8, uint32_t (strlen (title)), title);
  return w;
}

}  // namespace

int
main ()
{
  std::unique_ptr<xcb_connection_t, decltype (&xcb_disconnect)> c (
      xcb_connect (nullptr, nullptr), xcb_disconnect);
  if (xcb_connection_has_error (c.get ())) {
    fprintf (stderr, "x11-dialog-client: cannot open the display (DISPLAY=%s)\n",
        getenv ("DISPLAY") ? getenv ("DISPLAY") : "");
    return 1;
  }
  xcb_screen_t *screen = xcb_setup_roots_iterator (xcb_get_setup (c.get ())).data;

  const xcb_window_t main_window = CreateWindow (c.get (), screen, kMainMinWidth, kMainMinHeight,
      kMainColour, kMainTitle);
  xcb_size_hints_t hints = {};
  xcb_icccm_size_hints_set_min_size (&hints, kMainMinWidth, kMainMinHeight);
  xcb_icccm_set_wm_normal_hints (c.get (), main_window, &hints);
  xcb_map_window (c.get (), main_window);
  xcb_flush (c.get ());

  // The dialog comes once its main window is on screen, as an application's dialogs do.
  bool dialog_mapped = false;
  while (xcb_generic_event_t *event = xcb_wait_for_event (c.get ())) {
    const bool main_mapped = (event->response_type & ~0x80) == XCB_MAP_NOTIFY &&
        reinterpret_cast<xcb_map_notify_event_t *> (event)->window == main_window;
    free (event);
    if (main_mapped && !dialog_mapped) {
      const xcb_window_t dialog = CreateWindow (c.get (), screen, kDialogWidth, kDialogHeight,
          kDialogColour, kDialogTitle);
      xcb_icccm_set_wm_transient_for (c.get (), dialog, main_window);
      xcb_map_window (c.get (), dialog);
      xcb_flush (c.get ());
      dialog_mapped = true;
    }
  }
  return 0;  // the display closed
}
