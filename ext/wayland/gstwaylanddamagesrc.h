// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <gst/base/gstpushsrc.h>
#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_TYPE_WAYLAND_DAMAGE_SRC (gst_wayland_damage_src_get_type ())
G_DECLARE_FINAL_TYPE (GstWaylandDamageSrc, gst_wayland_damage_src, GST, WAYLAND_DAMAGE_SRC,
    GstPushSrc)

GST_ELEMENT_REGISTER_DECLARE (waylanddamagesrc);

G_END_DECLS
