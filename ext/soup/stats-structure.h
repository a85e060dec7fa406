// SPDX-License-Identifier: LGPL-2.1-or-later
// The `stats` property of websocketframesink: the server's figures as a GstStructure
// ("websocketframesink-stats", fields in docs/elements/websocketframesink.md).
#pragma once

#include <gst/gst.h>

#include "frame-server.h"

namespace webdesk {

GstStructure *StatsStructure (const ServerStats &stats);

}  // namespace webdesk
