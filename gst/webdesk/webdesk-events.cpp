// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: custom events. See webdesk-events.h and docs/events.md. */
#include "webdesk-events.h"

#include <gst/video/navigation.h>

#include <cmath>

static const GstStructure *
structure_named (GstEvent *event, GstEventType type_a, GstEventType type_b, const gchar *name)
{
  if (GST_EVENT_TYPE (event) != type_a && GST_EVENT_TYPE (event) != type_b)
    return nullptr;
  const GstStructure *s = gst_event_get_structure (event);
  return (s && gst_structure_has_name (s, name)) ? s : nullptr;
}

GstEvent *
gst_webdesk_event_new_resize (gint width, gint height, gdouble scale)
{
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, nullptr);
  return gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
      gst_structure_new (GST_WEBDESK_RESIZE_EVENT_NAME, "width", G_TYPE_INT, width, "height",
          G_TYPE_INT, height, "scale", G_TYPE_DOUBLE, scale, nullptr));
}

gboolean
gst_webdesk_event_parse_resize (GstEvent *event, gint *width, gint *height, gdouble *scale)
{
  const GstStructure *s = structure_named (event, GST_EVENT_CUSTOM_UPSTREAM,
      GST_EVENT_CUSTOM_UPSTREAM, GST_WEBDESK_RESIZE_EVENT_NAME);
  gint w = 0, h = 0;
  gdouble sc = 1.0;
  if (!s || !gst_structure_get_int (s, "width", &w) || !gst_structure_get_int (s, "height", &h))
    return FALSE;
  gst_structure_get_double (s, "scale", &sc);
  if (w <= 0 || h <= 0 || sc <= 0)
    return FALSE;
  if (width)
    *width = w;
  if (height)
    *height = h;
  if (scale)
    *scale = sc;
  return TRUE;
}

static GstEvent *
new_text_event (GstEventType type, const gchar *name, const gchar *text)
{
  g_return_val_if_fail (text != nullptr, nullptr);
  return gst_event_new_custom (type, gst_structure_new (name, "text", G_TYPE_STRING, text,
      nullptr));
}

static gchar *
parse_text_event (GstEvent *event, GstEventType a, GstEventType b, const gchar *name)
{
  const GstStructure *s = structure_named (event, a, b, name);
  const gchar *text = s ? gst_structure_get_string (s, "text") : nullptr;
  return text ? g_strdup (text) : nullptr;
}

GstEvent *
gst_webdesk_event_new_clipboard_upstream (const gchar *text)
{
  return new_text_event (GST_EVENT_CUSTOM_UPSTREAM, GST_WEBDESK_CLIPBOARD_EVENT_NAME, text);
}

GstEvent *
gst_webdesk_event_new_clipboard_downstream (const gchar *text)
{
  return new_text_event (GST_EVENT_CUSTOM_DOWNSTREAM_OOB, GST_WEBDESK_CLIPBOARD_EVENT_NAME, text);
}

gchar *
gst_webdesk_event_parse_clipboard (GstEvent *event)
{
  return parse_text_event (event, GST_EVENT_CUSTOM_UPSTREAM, GST_EVENT_CUSTOM_DOWNSTREAM_OOB,
      GST_WEBDESK_CLIPBOARD_EVENT_NAME);
}

GstEvent *
gst_webdesk_event_new_viewers (guint count)
{
  return gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
      gst_structure_new (GST_WEBDESK_VIEWERS_EVENT_NAME, "count", G_TYPE_UINT, count, nullptr));
}

gboolean
gst_webdesk_event_parse_viewers (GstEvent *event, guint *count)
{
  const GstStructure *s = structure_named (event, GST_EVENT_CUSTOM_UPSTREAM,
      GST_EVENT_CUSTOM_UPSTREAM, GST_WEBDESK_VIEWERS_EVENT_NAME);
  return s && gst_structure_get_uint (s, "count", count);
}

GstEvent *
gst_webdesk_event_new_pace (gboolean behind)
{
  return gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
      gst_structure_new (GST_WEBDESK_PACE_EVENT_NAME, "behind", G_TYPE_BOOLEAN, behind, nullptr));
}

gboolean
gst_webdesk_event_parse_pace (GstEvent *event, gboolean *behind)
{
  const GstStructure *s = structure_named (event, GST_EVENT_CUSTOM_UPSTREAM,
      GST_EVENT_CUSTOM_UPSTREAM, GST_WEBDESK_PACE_EVENT_NAME);
  return s && gst_structure_get_boolean (s, "behind", behind);
}

GstEvent *
gst_webdesk_event_new_text (const gchar *text)
{
  return new_text_event (GST_EVENT_CUSTOM_UPSTREAM, GST_WEBDESK_TEXT_EVENT_NAME, text);
}

gchar *
gst_webdesk_event_parse_text (GstEvent *event)
{
  return parse_text_event (event, GST_EVENT_CUSTOM_UPSTREAM, GST_EVENT_CUSTOM_UPSTREAM,
      GST_WEBDESK_TEXT_EVENT_NAME);
}

GstEvent *
gst_webdesk_event_new_preedit (const gchar *text, gint cursor)
{
  return gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
      gst_structure_new (GST_WEBDESK_PREEDIT_EVENT_NAME, "text", G_TYPE_STRING, text ? text : "",
          "cursor", G_TYPE_INT, cursor, nullptr));
}

gchar *
gst_webdesk_event_parse_preedit (GstEvent *event, gint *cursor)
{
  const GstStructure *s = structure_named (event, GST_EVENT_CUSTOM_UPSTREAM,
      GST_EVENT_CUSTOM_UPSTREAM, GST_WEBDESK_PREEDIT_EVENT_NAME);
  const gchar *text = s ? gst_structure_get_string (s, "text") : nullptr;
  if (!text)
    return nullptr;
  if (!gst_structure_get_int (s, "cursor", cursor))
    *cursor = -1;
  return g_strdup (text);
}

GstEvent *
gst_webdesk_event_new_cursor_image (gint width, gint height, gint hotspot_x, gint hotspot_y,
    gdouble scale, GBytes *pixels)
{
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, nullptr);
  g_return_val_if_fail (pixels && g_bytes_get_size (pixels) == gsize (width) * height * 4,
      nullptr);
  return gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM_OOB,
      gst_structure_new (GST_WEBDESK_CURSOR_EVENT_NAME, "hidden", G_TYPE_BOOLEAN, FALSE,
          "width", G_TYPE_INT, width, "height", G_TYPE_INT, height, "hotspot-x", G_TYPE_INT,
          hotspot_x, "hotspot-y", G_TYPE_INT, hotspot_y, "scale", G_TYPE_DOUBLE, scale,
          "pixels", G_TYPE_BYTES, pixels, nullptr));
}

GstEvent *
gst_webdesk_event_new_cursor_hidden (void)
{
  return gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM_OOB,
      gst_structure_new (GST_WEBDESK_CURSOR_EVENT_NAME, "hidden", G_TYPE_BOOLEAN, TRUE,
          nullptr));
}

GstEvent *
gst_webdesk_event_new_cursor_default (void)
{
  return gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM_OOB,
      gst_structure_new (GST_WEBDESK_CURSOR_EVENT_NAME, "hidden", G_TYPE_BOOLEAN, FALSE,
          nullptr));
}

gboolean
gst_webdesk_event_parse_cursor (GstEvent *event, GstWebdeskCursorType *type, gint *width,
    gint *height, gint *hotspot_x, gint *hotspot_y, gdouble *scale, GBytes **pixels)
{
  const GstStructure *s = structure_named (event, GST_EVENT_CUSTOM_DOWNSTREAM_OOB,
      GST_EVENT_CUSTOM_DOWNSTREAM_OOB, GST_WEBDESK_CURSOR_EVENT_NAME);
  if (!s)
    return FALSE;
  gboolean hidden = FALSE;
  gst_structure_get_boolean (s, "hidden", &hidden);
  const GValue *bytes_value = gst_structure_get_value (s, "pixels");
  GBytes *bytes = (bytes_value && G_VALUE_HOLDS (bytes_value, G_TYPE_BYTES))
      ? static_cast<GBytes *> (g_value_get_boxed (bytes_value)) : nullptr;
  gint w = 0, h = 0, hx = 0, hy = 0;
  gdouble sc = 1.0;
  GstWebdeskCursorType t = hidden ? GST_WEBDESK_CURSOR_HIDDEN : GST_WEBDESK_CURSOR_DEFAULT;
  if (!hidden && bytes) {
    if (!gst_structure_get_int (s, "width", &w) || !gst_structure_get_int (s, "height", &h) ||
        w <= 0 || h <= 0 || g_bytes_get_size (bytes) != gsize (w) * h * 4)
      return FALSE;
    gst_structure_get_int (s, "hotspot-x", &hx);
    gst_structure_get_int (s, "hotspot-y", &hy);
    gst_structure_get_double (s, "scale", &sc);
    // NaN passed a `sc <= 0` check, and clients got a cursor message that was not JSON.
    if (!(sc > 0) || !std::isfinite (sc))
      return FALSE;
    t = GST_WEBDESK_CURSOR_IMAGE;
  }
  if (type)
    *type = t;
  if (width)
    *width = w;
  if (height)
    *height = h;
  if (hotspot_x)
    *hotspot_x = hx;
  if (hotspot_y)
    *hotspot_y = hy;
  if (scale)
    *scale = sc;
  if (pixels)
    *pixels = t == GST_WEBDESK_CURSOR_IMAGE ? g_bytes_ref (bytes) : nullptr;
  return TRUE;
}

void
gst_webdesk_navigation_add_key_fields (GstEvent *event, guint evdev_code, const gchar *text)
{
  g_return_if_fail (GST_EVENT_TYPE (event) == GST_EVENT_NAVIGATION);
  g_return_if_fail (gst_event_is_writable (event));
  GstStructure *s = gst_event_writable_structure (event);
  gst_structure_set (s, "code", G_TYPE_UINT, evdev_code, nullptr);
  if (text)
    gst_structure_set (s, "text", G_TYPE_STRING, text, nullptr);
}

gboolean
gst_webdesk_navigation_parse_key_fields (GstEvent *event, guint *evdev_code, const gchar **text)
{
  if (GST_EVENT_TYPE (event) != GST_EVENT_NAVIGATION)
    return FALSE;
  const GstStructure *s = gst_event_get_structure (event);
  guint code = 0;
  if (!s || !gst_structure_get_uint (s, "code", &code))
    return FALSE;
  if (evdev_code)
    *evdev_code = code;
  if (text)
    *text = gst_structure_get_string (s, "text");
  return TRUE;
}
