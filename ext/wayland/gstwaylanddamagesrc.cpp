// SPDX-License-Identifier: LGPL-2.1-or-later
/**
 * SECTION:element-waylanddamagesrc
 * @title: waylanddamagesrc
 *
 * A live source that is a Wayland compositor. It opens a Wayland display socket
 * (#GstWaylandDamageSrc:socket-name, in XDG_RUNTIME_DIR) and applications that connect to it
 * draw into one fullscreen output. A frame is produced only when an application changes
 * something, at most #GstWaylandDamageSrc:max-framerate per second; each buffer carries a
 * #GstWebdeskDamageMeta with the changed rectangles and the capture time, and only those
 * rectangles are composed into the (pooled) output buffer. Frame callbacks go back to the
 * applications when downstream has taken the frame, so a slow encoder slows the application
 * down instead of adding latency.
 *
 * Input: upstream GstNavigation events (pointer motion, buttons, scroll, keys with webdesk's
 * evdev `code` field) go to the applications through a wl_seat. A `webdesk-resize` upstream
 * event resizes the output (new caps follow); `webdesk-clipboard` events carry clipboard text
 * both ways (downstream also as an element message named `webdesk-clipboard`). The cursor
 * the application under the pointer sets goes downstream as a `webdesk-cursor` event.
 *
 * With #GstWaylandDamageSrc:command the element starts one application inside the display
 * once it is up; the stream ends (EOS) when it exits, or with an error if it fails or crashes.
 * An application that is a desktop of its own (sway, kwin_wayland) has its clipboard joined
 * with the viewer's (`waylanddamagesrc-nested-display` says so).
 * With #GstWaylandDamageSrc:size-from-first-viewer it starts once the first resize event has
 * set the size, which then stays (for applications that cannot follow a size change).
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 waylanddamagesrc command="foot" ! videoconvert ! autovideosink
 * gst-launch-1.0 waylanddamagesrc socket-name=wayland-5 width=1920 height=1080 ! \
 *     paintoverscheduler ! h264qualityenc ! websocketframesink
 * gst-launch-1.0 waylanddamagesrc shell=desktop \
 *     command="sh -c 'swaybg -c \#3b4252 & foot & exec waybar'" ! videoconvert ! autovideosink
 * ]| The second waits for applications started with WAYLAND_DISPLAY=wayland-5; the third is a
 * desktop of many windows with a panel (#GstWaylandDamageSrc:shell).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwaylanddamagesrc.h"

#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <chrono>
#include <string>

#include "cursor_event.h"
#include "gstwaylanddamagesrc-private.h"
#include "navigation.h"

GST_DEBUG_CATEGORY (gst_wayland_damage_src_debug);
GST_DEBUG_CATEGORY_STATIC (wlroots_debug);
#define GST_CAT_DEFAULT gst_wayland_damage_src_debug

using namespace webdesk::wayland;

namespace {

constexpr int kDefaultWidth = 1280;
constexpr int kDefaultHeight = 720;

enum {
  PROP_0,
  PROP_SOCKET_NAME,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_MAX_FRAMERATE,
  PROP_COMMAND,
  PROP_SIZE_FROM_FIRST_VIEWER,
  PROP_XWAYLAND,
  PROP_SHELL,
  PROP_X_DISPLAY,
};

#define GST_TYPE_WAYLAND_DAMAGE_SRC_SHELL (gst_wayland_damage_src_shell_get_type ())
GType
gst_wayland_damage_src_shell_get_type ()
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {int (Shell::kApplication), "One application: its windows maximized (dialogs over them), no "
      "title bars of ours", "app"},
    {int (Shell::kDesktop), "A desktop of many windows: placed, moved and resized, title bars "
      "for those that ask, a panel's layers (wlr-layer-shell) and window list "
      "(foreign-toplevel)", "desktop"},
    {0, nullptr, nullptr},
  };
  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWaylandDamageSrcShell", values));
  return type;
}

GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-raw, format = (string) { BGRx, BGRA }, "
                     "width = (int) [ 16, 16384 ], height = (int) [ 16, 16384 ], "
                     "framerate = (fraction) 0/1, pixel-aspect-ratio = (fraction) 1/1"));

}  // namespace

G_DEFINE_TYPE (GstWaylandDamageSrc, gst_wayland_damage_src, GST_TYPE_PUSH_SRC);
GST_ELEMENT_REGISTER_DEFINE_WITH_CODE (waylanddamagesrc, "waylanddamagesrc", GST_RANK_NONE,
    GST_TYPE_WAYLAND_DAMAGE_SRC,
    GST_DEBUG_CATEGORY_INIT (gst_wayland_damage_src_debug, "waylanddamagesrc", 0,
        "Wayland compositor source");
    GST_DEBUG_CATEGORY_INIT (wlroots_debug, "wlroots", 0,
        "wlroots, the compositor library under waylanddamagesrc"));

// wlroots logs through GStreamer's debug system, category "wlroots" (GST_DEBUG=wlroots:6).
static void
log_wlroots (int level, const char *message)
{
  switch (level) {
    case 1:  // WLR_ERROR
      GST_CAT_WARNING (wlroots_debug, "%s", message);
      break;
    case 2:  // WLR_INFO
      GST_CAT_INFO (wlroots_debug, "%s", message);
      break;
    default:
      GST_CAT_LOG (wlroots_debug, "%s", message);
  }
}

static void
gst_wayland_damage_src_init (GstWaylandDamageSrc *self)
{
  self->state = new State;
  gst_base_src_set_live (GST_BASE_SRC (self), TRUE);
  gst_base_src_set_format (GST_BASE_SRC (self), GST_FORMAT_TIME);
  gst_base_src_set_automatic_eos (GST_BASE_SRC (self), FALSE);
}

static void
gst_wayland_damage_src_finalize (GObject *object)
{
  delete GST_WAYLAND_DAMAGE_SRC (object)->state;
  G_OBJECT_CLASS (gst_wayland_damage_src_parent_class)->finalize (object);
}

static void
gst_wayland_damage_src_set_property (GObject *object, guint prop_id, const GValue *value,
    GParamSpec *pspec)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (object);
  State *s = self->state;
  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_SOCKET_NAME: {
      const gchar *name = g_value_get_string (value);
      s->socket_name = name ? name : "";
      break;
    }
    case PROP_WIDTH:
      s->width = s->want_width = g_value_get_int (value);
      break;
    case PROP_HEIGHT:
      s->height = s->want_height = g_value_get_int (value);
      break;
    case PROP_MAX_FRAMERATE:
      s->max_framerate = g_value_get_int (value);
      s->compositor.SetFrameInterval (std::chrono::nanoseconds (1000000000 / s->max_framerate));
      break;
    case PROP_COMMAND: {
      const gchar *command = g_value_get_string (value);
      s->command = command ? command : "";
      break;
    }
    case PROP_SIZE_FROM_FIRST_VIEWER:
      s->size_from_first_viewer = g_value_get_boolean (value);
      break;
    case PROP_XWAYLAND:
      s->xwayland = g_value_get_boolean (value);
      break;
    case PROP_SHELL:
      s->shell = Shell (g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_wayland_damage_src_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (object);
  State *s = self->state;
  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_SOCKET_NAME: {
      const std::string &name = s->active_socket_name.empty () ? s->socket_name : s->active_socket_name;
      g_value_set_string (value, name.empty () ? nullptr : name.c_str ());
      break;
    }
    case PROP_WIDTH:
      g_value_set_int (value, s->width);
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, s->height);
      break;
    case PROP_MAX_FRAMERATE:
      g_value_set_int (value, s->max_framerate);
      break;
    case PROP_COMMAND:
      g_value_set_string (value, s->command.empty () ? nullptr : s->command.c_str ());
      break;
    case PROP_SIZE_FROM_FIRST_VIEWER:
      g_value_set_boolean (value, s->size_from_first_viewer);
      break;
    case PROP_XWAYLAND:
      g_value_set_boolean (value, s->xwayland);
      break;
    case PROP_SHELL:
      g_value_set_enum (value, int (s->shell));
      break;
    case PROP_X_DISPLAY:
      g_value_set_string (value, s->active_x_display.empty () ? nullptr : s->active_x_display.c_str ());
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
  GST_OBJECT_UNLOCK (self);
}

// --- caps ---

static GstCaps *
gst_wayland_damage_src_get_caps (GstBaseSrc *src, GstCaps *filter)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  GstCaps *caps = gst_pad_get_pad_template_caps (GST_BASE_SRC_PAD (src));
  GST_OBJECT_LOCK (self);
  const int w = self->state->want_width, h = self->state->want_height;
  GST_OBJECT_UNLOCK (self);
  // A size set by property or by a resize request is the only size offered.
  if (w > 0 && h > 0) {
    caps = gst_caps_make_writable (caps);
    gst_caps_set_simple (caps, "width", G_TYPE_INT, w, "height", G_TYPE_INT, h, nullptr);
  }
  if (filter) {
    GstCaps *tmp = gst_caps_intersect_full (filter, caps, GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref (caps);
    caps = tmp;
  }
  return caps;
}

static GstCaps *
gst_wayland_damage_src_fixate (GstBaseSrc *src, GstCaps *caps)
{
  caps = gst_caps_make_writable (caps);
  GstStructure *st = gst_caps_get_structure (caps, 0);
  gst_structure_fixate_field_nearest_int (st, "width", kDefaultWidth);
  gst_structure_fixate_field_nearest_int (st, "height", kDefaultHeight);
  gst_structure_fixate_field_string (st, "format", "BGRx");
  return GST_BASE_SRC_CLASS (gst_wayland_damage_src_parent_class)->fixate (src, caps);
}

// The output takes the negotiated size and the scale asked for; applications are reconfigured
// before the next frame is taken.
void
gst_wayland_damage_src_apply_output (GstWaylandDamageSrc *self)
{
  State *s = self->state;
  GST_OBJECT_LOCK (self);
  const int scale = s->want_scale;
  GST_OBJECT_UNLOCK (self);
  s->compositor.InvokeSync ([] {});
  OutputSize size{GST_VIDEO_INFO_WIDTH (&s->info), GST_VIDEO_INFO_HEIGHT (&s->info), scale};
  if (s->compositor.GetOutputSize () == size)
    return;
  s->compositor.Resize (size);
  s->compositor.InvokeSync ([] {});
  s->history.Reset (size.width, size.height);
}

static gboolean
gst_wayland_damage_src_set_caps (GstBaseSrc *src, GstCaps *caps)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  State *s = self->state;
  GstVideoInfo info;
  if (!gst_video_info_from_caps (&info, caps))
    return FALSE;
  GST_DEBUG_OBJECT (self, "caps %" GST_PTR_FORMAT, caps);
  s->info = info;
  s->have_info = true;
  gst_wayland_damage_src_apply_output (self);
  s->history.Reset (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info));
  return TRUE;
}

// --- start / stop ---

static void
on_clipboard (GstWaylandDamageSrc *self, const std::string &text)
{
  // Out of band, so an encoder does not hold it back until the next frame.
  gst_pad_push_event (GST_BASE_SRC_PAD (self),
      gst_webdesk_event_new_clipboard_downstream (text.c_str ()));
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self),
          gst_structure_new (GST_WEBDESK_CLIPBOARD_EVENT_NAME, "text", G_TYPE_STRING,
              text.c_str (), nullptr)));
}

static gboolean
gst_wayland_damage_src_start (GstBaseSrc *src)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  State *s = self->state;
  GST_OBJECT_LOCK (self);
  const std::string socket_name = s->socket_name;
  const std::string command = s->command;
  const bool size_from_viewer = s->size_from_first_viewer;
  CompositorOptions options;
  options.xwayland = s->xwayland;
  options.shell = s->shell;
  OutputSize size{s->want_width > 0 ? s->want_width : kDefaultWidth,
    s->want_height > 0 ? s->want_height : kDefaultHeight, s->want_scale};
  s->compositor.SetFrameInterval (std::chrono::nanoseconds (1000000000 / s->max_framerate));
  GST_OBJECT_UNLOCK (self);

  std::string error;
  if (!s->compositor.Start (socket_name, size, &error, options)) {
    GST_ELEMENT_ERROR (self, RESOURCE, OPEN_READ_WRITE,
        ("Could not open the Wayland display socket: %s", error.c_str ()),
        ("Choose another socket-name, or leave it unset to pick a free one"));
    return FALSE;
  }
  s->compositor.SetClipboardListener ([self] (const std::string &text) { on_clipboard (self, text); });
  s->compositor.SetCursorListener ([self] (const CursorImage &image) {
    gst_pad_push_event (GST_BASE_SRC_PAD (self), CursorEvent (image));  // out of band
  });
  s->compositor.SetActiveWindowListener ([self] (const ActiveWindow &window) {
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self),
            gst_structure_new ("waylanddamagesrc-window", "present", G_TYPE_BOOLEAN,
                window.present, "title", G_TYPE_STRING, window.title.c_str (), "fullscreen",
                G_TYPE_BOOLEAN, window.fullscreen, nullptr)));
  });
  GST_OBJECT_LOCK (self);
  s->active_socket_name = s->compositor.SocketName ();
  s->active_x_display = s->compositor.XDisplay ();
  GST_OBJECT_UNLOCK (self);
  GST_INFO_OBJECT (self, "Wayland display %s is up (X11: %s)", s->compositor.SocketName ().c_str (),
      s->active_x_display.empty () ? "none" : s->active_x_display.c_str ());
  g_object_notify (G_OBJECT (self), "socket-name");
  g_object_notify (G_OBJECT (self), "x-display");

  s->frame_out = false;
  s->last_frame = {};
  s->command_done = false;
  s->have_info = false;
  s->resized_by_viewer = false;
  s->command_waiting = false;
  if (!command.empty ()) {
    if (size_from_viewer) {
      GST_INFO_OBJECT (self, "the command starts once the first viewer has said its size");
      s->command_waiting = true;
    } else if (!gst_wayland_damage_src_start_command (self)) {
      s->compositor.Stop ();
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
gst_wayland_damage_src_stop (GstBaseSrc *src)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  State *s = self->state;
  gst_wayland_damage_src_command_cancel (self);
  s->child.Stop ();
  s->compositor.SetClipboardListener (nullptr);
  s->compositor.SetCursorListener (nullptr);
  s->compositor.SetActiveWindowListener (nullptr);
  s->compositor.SetNestedDisplayListener (nullptr);
  s->compositor.Stop ();
  s->compositor.SetInterrupted (false);
  GST_OBJECT_LOCK (self);
  s->active_socket_name.clear ();
  s->active_x_display.clear ();
  GST_OBJECT_UNLOCK (self);
  return TRUE;
}

static gboolean
gst_wayland_damage_src_unlock (GstBaseSrc *src)
{
  GST_WAYLAND_DAMAGE_SRC (src)->state->compositor.SetInterrupted (true);
  return TRUE;
}

static gboolean
gst_wayland_damage_src_unlock_stop (GstBaseSrc *src)
{
  GST_WAYLAND_DAMAGE_SRC (src)->state->compositor.SetInterrupted (false);
  return TRUE;
}

// --- events and queries ---

static gboolean
gst_wayland_damage_src_event (GstBaseSrc *src, GstEvent *event)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  State *s = self->state;
  if (GST_EVENT_TYPE (event) == GST_EVENT_NAVIGATION) {
    if (!ForwardNavigation (s->compositor, event))
      GST_LOG_OBJECT (self, "ignoring navigation event %" GST_PTR_FORMAT, event);
    return TRUE;
  }
  if (ForwardViewerText (s->compositor, event))
    return TRUE;
  if (gst_wayland_damage_src_size_event (self, event))
    return TRUE;
  return GST_BASE_SRC_CLASS (gst_wayland_damage_src_parent_class)->event (src, event);
}

static gboolean
gst_wayland_damage_src_query (GstBaseSrc *src, GstQuery *query)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  if (GST_QUERY_TYPE (query) == GST_QUERY_LATENCY) {
    GST_OBJECT_LOCK (self);
    const int fps = self->state->max_framerate;
    GST_OBJECT_UNLOCK (self);
    // Buffers are stamped with their capture time and pushed at most a frame interval later.
    gst_query_set_latency (query, TRUE, gst_util_uint64_scale_int (GST_SECOND, 1, fps),
        GST_CLOCK_TIME_NONE);
    return TRUE;
  }
  return GST_BASE_SRC_CLASS (gst_wayland_damage_src_parent_class)->query (src, query);
}

static void
gst_wayland_damage_src_class_init (GstWaylandDamageSrcClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSrcClass *basesrc_class = GST_BASE_SRC_CLASS (klass);
  GstPushSrcClass *pushsrc_class = GST_PUSH_SRC_CLASS (klass);

  gobject_class->finalize = gst_wayland_damage_src_finalize;
  gobject_class->set_property = gst_wayland_damage_src_set_property;
  gobject_class->get_property = gst_wayland_damage_src_get_property;

  /**
   * GstWaylandDamageSrc:socket-name:
   *
   * The Wayland display socket applications connect to (WAYLAND_DISPLAY), in XDG_RUNTIME_DIR.
   */
  g_object_class_install_property (gobject_class, PROP_SOCKET_NAME,
      g_param_spec_string ("socket-name", "Socket name",
          "Wayland display socket name in XDG_RUNTIME_DIR for applications to connect to "
          "(WAYLAND_DISPLAY). Unset: the first free wayland-N is used; read the property "
          "after the element started to learn it",
          nullptr, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  /**
   * GstWaylandDamageSrc:width:
   *
   * Output width in pixels; 0 takes it from downstream caps (1280 if they leave it open).
   */
  g_object_class_install_property (gobject_class, PROP_WIDTH,
      g_param_spec_int ("width", "Width",
          "Output width in pixels; 0 = from downstream caps, else 1280. A webdesk-resize "
          "event from a viewer overrides it",
          0, 16384, 0, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  /**
   * GstWaylandDamageSrc:height:
   *
   * Output height in pixels; 0 takes it from downstream caps (720 if they leave it open).
   */
  g_object_class_install_property (gobject_class, PROP_HEIGHT,
      g_param_spec_int ("height", "Height",
          "Output height in pixels; 0 = from downstream caps, else 720. A webdesk-resize "
          "event from a viewer overrides it",
          0, 16384, 0, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  /**
   * GstWaylandDamageSrc:max-framerate:
   *
   * Frames are produced only on damage, and at most this many per second.
   */
  g_object_class_install_property (gobject_class, PROP_MAX_FRAMERATE,
      g_param_spec_int ("max-framerate", "Maximum framerate",
          "At most this many frames per second (frames are produced only when something "
          "changed); applications are paced to it through their frame callbacks",
          1, 240, kDefaultMaxFramerate,
          GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING)));
  /**
   * GstWaylandDamageSrc:command:
   *
   * An application to start inside the display once it is up. The stream ends when it exits.
   */
  g_object_class_install_property (gobject_class, PROP_COMMAND,
      g_param_spec_string ("command", "Command",
          "Application to start inside the display (shell-style quoting, no expansion), with "
          "WAYLAND_DISPLAY and XDG_RUNTIME_DIR set. EOS when it exits; an error if it fails "
          "or crashes. A desktop of its own (sway, kwin_wayland) gets its clipboard joined with "
          "ours. Unset: wait for applications started by the user",
          nullptr, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  g_object_class_install_property (gobject_class, PROP_SIZE_FROM_FIRST_VIEWER,
      g_param_spec_boolean ("size-from-first-viewer", "Size from the first viewer",
          "Start command only once a viewer has said its size (the first webdesk-resize), and "
          "keep that size: later resizes are ignored (viewers scale the picture). For "
          "applications that cannot follow a size change, such as nested weston 10. Off: the "
          "output follows every resize",
          FALSE, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));

  /**
   * GstWaylandDamageSrc:xwayland:
   *
   * Offer X11 applications a display through Xwayland, started when the first one connects.
   */
  g_object_class_install_property (gobject_class, PROP_XWAYLAND,
      g_param_spec_boolean ("xwayland", "Xwayland",
          "Offer X11 applications a display (DISPLAY, set for command): Xwayland starts when "
          "the first X client connects, and its windows are managed like Wayland ones. Needs "
          "the Xwayland program (Debian: xwayland); without it X11 applications cannot start",
          TRUE, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  /**
   * GstWaylandDamageSrc:shell:
   *
   * How windows are managed: one application, or a desktop of many windows.
   */
  g_object_class_install_property (gobject_class, PROP_SHELL,
      g_param_spec_enum ("shell", "Shell",
          "How windows are managed: app (one application, maximized, as `webdesk -- APP` "
          "serves it) or desktop (many windows with title bars, moved and resized with the "
          "mouse, Alt+Tab, and the layers a panel, wallpaper and launcher draw on)",
          GST_TYPE_WAYLAND_DAMAGE_SRC_SHELL, int (Shell::kApplication),
          GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)));
  gst_type_mark_as_plugin_api (GST_TYPE_WAYLAND_DAMAGE_SRC_SHELL, GstPluginAPIFlags (0));
  /**
   * GstWaylandDamageSrc:x-display:
   *
   * The X11 display (DISPLAY) X applications connect to, while the element runs.
   */
  g_object_class_install_property (gobject_class, PROP_X_DISPLAY,
      g_param_spec_string ("x-display", "X11 display",
          "The X11 display (DISPLAY, e.g. \":1\") X applications use, while started with "
          "xwayland=true; unset otherwise",
          nullptr, GParamFlags (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Wayland damage source",
      "Source/Video", "A Wayland compositor: applications draw into it, frames come out "
      "only when something changed, with damage rectangles",
      "webdesk");

  // wlroots' messages, at the level the "wlroots" category asks for when the plugin loads.
  const GstDebugLevel level = gst_debug_category_get_threshold (wlroots_debug);
  Compositor::SetLogHandler (log_wlroots, level >= GST_LEVEL_LOG ? 3 : level >= GST_LEVEL_INFO ? 2 : 1);

  basesrc_class->get_caps = gst_wayland_damage_src_get_caps;
  basesrc_class->fixate = gst_wayland_damage_src_fixate;
  basesrc_class->set_caps = gst_wayland_damage_src_set_caps;
  basesrc_class->start = gst_wayland_damage_src_start;
  basesrc_class->stop = gst_wayland_damage_src_stop;
  basesrc_class->unlock = gst_wayland_damage_src_unlock;
  basesrc_class->unlock_stop = gst_wayland_damage_src_unlock_stop;
  basesrc_class->event = gst_wayland_damage_src_event;
  basesrc_class->query = gst_wayland_damage_src_query;
  basesrc_class->decide_allocation = gst_wayland_damage_src_decide_allocation;
  pushsrc_class->create = gst_wayland_damage_src_create;
}
