// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc's output size and application: a viewer's resize request, and the `command`
// property's application, started in the display with WAYLAND_DISPLAY set (at start(), or with
// size-from-first-viewer once the size is settled); when it exits, the element posts
// waylanddamagesrc-command-exited and closes the display (create() then ends the stream: EOS,
// or an error for a crash). A command that is a desktop of its own (sway) has its display's
// clipboard joined with ours, and the element says so (waylanddamagesrc-nested-display).
#include "gstwaylanddamagesrc-private.h"

#include <gst/webdesk/webdesk.h>

#define GST_CAT_DEFAULT gst_wayland_damage_src_debug

using namespace webdesk::wayland;

namespace {

// How long a watching viewer may go without saying its size before the command starts anyway.
constexpr auto kSizeGrace = std::chrono::seconds (2);

}  // namespace

gboolean
gst_wayland_damage_src_start_command (GstWaylandDamageSrc *self)
{
  State *s = self->state;
  GST_OBJECT_LOCK (self);
  const std::string command = s->command;
  GST_OBJECT_UNLOCK (self);
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  std::vector<std::pair<std::string, std::string>> env = {
    {"WAYLAND_DISPLAY", s->compositor.SocketName ()},
    {"XDG_RUNTIME_DIR", runtime_dir ? runtime_dir : ""},
    // Toolkits that choose between X11 and Wayland by the session type (Qt 5, SDL, Electron)
    // choose Wayland: sharp at any scale, clipboard without a bridge.
    {"XDG_SESSION_TYPE", "wayland"},
  };
  // X11 applications (and everything the command starts) find Xwayland, never an X server
  // the pipeline's own environment points to.
  env.emplace_back ("DISPLAY", s->compositor.XDisplay ());
  auto on_exit = [self] (const ExitStatus &status) {
    State *st = self->state;
    GST_INFO_OBJECT (self, "the command %s", status.Describe ().c_str ());
    st->command_status = status;
    st->command_done = true;
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self),
            gst_structure_new ("waylanddamagesrc-command-exited", "exited", G_TYPE_BOOLEAN,
                status.exited, "exit-status", G_TYPE_INT, status.code, "signal", G_TYPE_INT,
                status.signal, nullptr)));
    st->compositor.Close ();
  };
  std::string error;
  if (!s->child.Start (command, env, on_exit, &error)) {
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED,
        ("Could not start the command \"%s\": %s", command.c_str (), error.c_str ()),
        ("Check the command property: the program must exist and be executable"));
    return FALSE;
  }
  GST_INFO_OBJECT (self, "started: %s", command.c_str ());
  // It may be a desktop of its own (sway, kwin_wayland): its clipboard is joined with ours.
  s->compositor.SetNestedDisplayListener ([self] (const NestedDisplay &display) {
    if (display.present)
      GST_INFO_OBJECT (self, "a nested desktop's display %s: its clipboard is %s",
          display.socket_name.c_str (), display.clipboard ? "joined with ours"
          : "apart (the nested compositor offers no wlr-data-control)");
    else
      GST_INFO_OBJECT (self, "the nested desktop's display %s has gone", display.socket_name.c_str ());
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self),
            gst_structure_new ("waylanddamagesrc-nested-display", "socket-name", G_TYPE_STRING,
                display.socket_name.c_str (), "present", G_TYPE_BOOLEAN, display.present,
                "clipboard", G_TYPE_BOOLEAN, display.clipboard, nullptr)));
  });
  s->compositor.WatchNestedDesktops (s->child.Pid ());
  return TRUE;
}

void
gst_wayland_damage_src_command_viewers (GstWaylandDamageSrc *self, guint count)
{
  State *s = self->state;
  if (count == 0 || !s->command_waiting.load ())
    return;
  std::lock_guard<std::mutex> lock (s->grace_mutex);
  if (s->grace_timer.joinable () || s->grace_cancelled)
    return;
  s->grace_timer = std::thread ([s] {
    std::unique_lock<std::mutex> lock (s->grace_mutex);
    if (s->grace_cv.wait_for (lock, kSizeGrace, [s] { return s->grace_cancelled; }))
      return;
    s->command_start_due = true;
    s->compositor.Wake ();
  });
}

gboolean
gst_wayland_damage_src_command_start_if_due (GstWaylandDamageSrc *self)
{
  State *s = self->state;
  if (!s->command_start_due.exchange (false) || !s->command_waiting.exchange (false))
    return TRUE;
  GST_INFO_OBJECT (self, "a viewer watches but has not said its size: starting the command at "
      "the size there is, which stays");
  s->resized_by_viewer = true;
  return gst_wayland_damage_src_start_command (self);
}

void
gst_wayland_damage_src_command_cancel (GstWaylandDamageSrc *self)
{
  State *s = self->state;
  {
    std::lock_guard<std::mutex> lock (s->grace_mutex);
    s->grace_cancelled = true;
  }
  s->grace_cv.notify_all ();
  if (s->grace_timer.joinable ())
    s->grace_timer.join ();
  std::lock_guard<std::mutex> lock (s->grace_mutex);
  s->grace_cancelled = false;  // the next start() may arm it again
  s->command_start_due = false;
}

gboolean
gst_wayland_damage_src_size_event (GstWaylandDamageSrc *self, GstEvent *event)
{
  State *s = self->state;
  guint viewers;
  if (gst_webdesk_event_parse_viewers (event, &viewers)) {
    gst_wayland_damage_src_command_viewers (self, viewers);
    return TRUE;
  }
  gint width, height;
  gdouble scale;
  if (!gst_webdesk_event_parse_resize (event, &width, &height, &scale))
    return FALSE;
  width = CLAMP (width, 16, 16384) & ~1;
  height = CLAMP (height, 16, 16384) & ~1;
  const int int_scale = CLAMP (int (scale + 0.5), 1, 8);
  GST_OBJECT_LOCK (self);
  if (s->size_from_first_viewer && s->resized_by_viewer) {
    GST_OBJECT_UNLOCK (self);
    GST_INFO_OBJECT (self, "size-from-first-viewer: keeping the size, not %dx%d", width, height);
    return TRUE;
  }
  s->resized_by_viewer = true;
  s->want_width = width;
  s->want_height = height;
  s->want_scale = int_scale;
  GST_OBJECT_UNLOCK (self);
  GST_INFO_OBJECT (self, "resize to %dx%d at scale %d", width, height, int_scale);
  // The streaming thread negotiates the new caps (set_caps reconfigures the output and repaints
  // it), even if it is waiting for damage; a waiting command starts once they are set.
  s->resize_pending = true;
  s->compositor.Wake ();
  return TRUE;
}
