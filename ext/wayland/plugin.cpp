// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdeskwayland: waylanddamagesrc, a Wayland compositor that is a GStreamer source. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwaylanddamagesrc.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  return GST_ELEMENT_REGISTER (waylanddamagesrc, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, webdeskwayland,
    "A Wayland compositor as a damage-driven video source", plugin_init, VERSION, "LGPL",
    GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
