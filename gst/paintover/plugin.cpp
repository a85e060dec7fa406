// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdeskpaintover: the paintoverscheduler element (GStreamer only). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstpaintoverscheduler.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  return GST_ELEMENT_REGISTER (paintoverscheduler, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, webdeskpaintover,
    "webdesk paint-over: motion quality while the picture moves, a crisp refinement when it "
    "stops",
    plugin_init, VERSION, GST_LICENSE, GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
