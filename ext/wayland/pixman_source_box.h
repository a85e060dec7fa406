// SPDX-License-Identifier: LGPL-2.1-or-later
// A fix for wlroots 0.15's pixman renderer, which draws a texture's source box at the texture's
// top-left corner: it scales the texture to the box's size but leaves out the box's offset (a
// "TODO clip properly with src_x and src_y" in render/pixman/renderer.c). A client that crops
// its buffer with wp_viewport (a video player's panscan, weston-simple-damage --use-viewport)
// was shown the wrong part of its buffer.
#pragma once

#include "wlr.h"

namespace webdesk::wayland {

// Makes `renderer` (a pixman renderer of wlroots 0.15) draw source boxes at their offset.
void FixPixmanSourceBox (wlr_renderer *renderer);

}  // namespace webdesk::wayland
