// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesksoup: websocketframesink (libsoup 3, json-glib).
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwebsocketframesink.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  return GST_ELEMENT_REGISTER (websocketframesink, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, webdesksoup,
    "webdesk: encoded video to browsers over WebSocket", plugin_init, VERSION, "LGPL", PACKAGE,
    GST_PACKAGE_ORIGIN)
