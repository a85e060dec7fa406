// SPDX-License-Identifier: GPL-2.0-or-later
/* webdeskh264: h264qualityenc. A plugin of its own because libx264 is GPL; the rest of
 * webdesk stays LGPL. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gsth264qualityenc.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  return GST_ELEMENT_REGISTER (h264qualityenc, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, webdeskh264,
    "webdesk: H.264 encoding with per-frame quality for screen content (libx264)", plugin_init,
    VERSION, "GPL", GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
