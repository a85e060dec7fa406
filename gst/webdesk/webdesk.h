// SPDX-License-Identifier: LGPL-2.1-or-later
/* libgstwebdesk-1.0: what webdesk's plugins share — metas and custom events.
 * Every webdesk plugin links this one library, so each meta is registered exactly once
 * (registering the same meta from two plugin .so files fails on GStreamer 1.22). */
#pragma once

#include "webdesk-damage-meta.h"
#include "webdesk-quality-meta.h"
#include "webdesk-events.h"
