// SPDX-License-Identifier: LGPL-2.1-or-later
/* paintoverscheduler: see the comment at the top of gstpaintoverscheduler.cpp. */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_TYPE_PAINTOVER_SCHEDULER (gst_paintover_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (GstPaintoverScheduler, gst_paintover_scheduler, GST, PAINTOVER_SCHEDULER,
    GstElement)

GST_ELEMENT_REGISTER_DECLARE (paintoverscheduler);

G_END_DECLS
