// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink: H.264 access units to every browser tab that connects. See the comment
// at the top of gstwebsocketframesink.cpp and docs/elements/websocketframesink.md.
#pragma once

#include <gst/base/gstbasesink.h>
#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_TYPE_WEBSOCKET_FRAME_SINK (gst_websocket_frame_sink_get_type ())
G_DECLARE_FINAL_TYPE (GstWebsocketFrameSink, gst_websocket_frame_sink, GST, WEBSOCKET_FRAME_SINK,
    GstBaseSink)

GST_ELEMENT_REGISTER_DECLARE (websocketframesink);

G_END_DECLS
