// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: the custom events that cross the pipeline, for what no standard GStreamer event
 * covers. Their structure names and fields are documented in docs/events.md, because
 * applications may send or read them.
 *
 * Input is standard GstNavigation (upstream); webdesk only adds optional fields to key events
 * (evdev "code" and produced "text") — see gst_webdesk_navigation_add_key_fields (). */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Upstream, from a viewer to the source: make the output this size (device pixels) at this
 * scale (device pixel ratio, e.g. 2.0). */
#define GST_WEBDESK_RESIZE_EVENT_NAME "webdesk-resize"
/* Both ways: clipboard text. Upstream (viewer -> application) it is a custom upstream event;
 * downstream (application -> viewers) it is out of band, so it is not held back until the next
 * frame by encoders. Sources also post it on the bus as an element message. */
#define GST_WEBDESK_CLIPBOARD_EVENT_NAME "webdesk-clipboard"
/* Upstream: text to be typed as it is (an IME composition, or characters the desktop's keymap
 * lacks). */
#define GST_WEBDESK_TEXT_EVENT_NAME "webdesk-text"

GstEvent *gst_webdesk_event_new_resize (gint width, gint height, gdouble scale);
gboolean gst_webdesk_event_parse_resize (GstEvent *event, gint *width, gint *height,
    gdouble *scale);

GstEvent *gst_webdesk_event_new_clipboard_upstream (const gchar *text);
GstEvent *gst_webdesk_event_new_clipboard_downstream (const gchar *text);
/* Returns a copy of the text (g_free it), or NULL when the event is something else. */
gchar *gst_webdesk_event_parse_clipboard (GstEvent *event);

GstEvent *gst_webdesk_event_new_text (const gchar *text);
gchar *gst_webdesk_event_parse_text (GstEvent *event);

/* Upstream: the viewer's input method is composing `text` (empty: the composition was
 * cancelled); `cursor` is where its cursor is, in characters (Unicode code points) from the
 * start, -1 for none. The composition ends with a webdesk-text event carrying what it made.
 * waylanddamagesrc shows it inside an application with text-input (v3). */
#define GST_WEBDESK_PREEDIT_EVENT_NAME "webdesk-preedit"

GstEvent *gst_webdesk_event_new_preedit (const gchar *text, gint cursor);
/* Returns a copy of the text (g_free it) and sets *cursor, or NULL for other events. */
gchar *gst_webdesk_event_parse_preedit (GstEvent *event, gint *cursor);

/* Upstream: how many viewers watch now (from websocketframesink when it starts streaming and
 * whenever one joins or leaves). With none, paintoverscheduler stops sending frames to the
 * encoder (nobody would see them) and keeps the newest picture for the next keyframe. */
#define GST_WEBDESK_VIEWERS_EVENT_NAME "webdesk-viewers"

GstEvent *gst_webdesk_event_new_viewers (guint count);
gboolean gst_webdesk_event_parse_viewers (GstEvent *event, guint *count);

/* Upstream: whether the viewers are behind (from websocketframesink, on every change). While
 * `behind` is TRUE every viewer still has frames it has not decoded, so paintoverscheduler
 * keeps frames back (the newest picture and what changed since the last frame sent) and sends
 * one frame carrying all of it once they caught up: the stream slows to what the viewers
 * decode, instead of their backlog (their latency) growing. */
#define GST_WEBDESK_PACE_EVENT_NAME "webdesk-pace"

GstEvent *gst_webdesk_event_new_pace (gboolean behind);
gboolean gst_webdesk_event_parse_pace (GstEvent *event, gboolean *behind);

/* Downstream, out of band: the application's pointer cursor changed (see docs/events.md). */
#define GST_WEBDESK_CURSOR_EVENT_NAME "webdesk-cursor"

typedef enum {
  GST_WEBDESK_CURSOR_DEFAULT,  /* no application sets one: the viewer shows its own arrow */
  GST_WEBDESK_CURSOR_HIDDEN,   /* the application hides the cursor */
  GST_WEBDESK_CURSOR_IMAGE,    /* an image with a hotspot */
} GstWebdeskCursorType;

/* An image cursor: `pixels` holds width * height premultiplied BGRA pixels (4 bytes each, rows
 * of width * 4 bytes: the memory order of Wayland's and cairo's ARGB8888). The hotspot is in
 * image pixels; `scale` is image pixels per frame (output) pixel, e.g. 2.0 for a 48x48 image
 * meant to cover 24x24 frame pixels. */
GstEvent *gst_webdesk_event_new_cursor_image (gint width, gint height, gint hotspot_x,
    gint hotspot_y, gdouble scale, GBytes *pixels);
GstEvent *gst_webdesk_event_new_cursor_hidden (void);
GstEvent *gst_webdesk_event_new_cursor_default (void);
/* Returns FALSE when the event is something else. For an image, *pixels gets a new reference
 * (g_bytes_unref it); the other outputs may be NULL. */
gboolean gst_webdesk_event_parse_cursor (GstEvent *event, GstWebdeskCursorType *type,
    gint *width, gint *height, gint *hotspot_x, gint *hotspot_y, gdouble *scale,
    GBytes **pixels);

/* Adds webdesk's optional key fields to a writable navigation key event: "code" (evdev key
 * code, as in linux/input-event-codes.h; 0 = unknown) and "text" (what the key produced, may be
 * NULL). The standard "key" field stays, so other elements keep working. */
void gst_webdesk_navigation_add_key_fields (GstEvent *event, guint evdev_code, const gchar *text);
/* Reads them back; returns FALSE when the event has no "code". */
gboolean gst_webdesk_navigation_parse_key_fields (GstEvent *event, guint *evdev_code,
    const gchar **text);

G_END_DECLS
