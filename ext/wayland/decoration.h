// SPDX-License-Identifier: LGPL-2.1-or-later
// Server-side title bars (desktop mode): the title and minimize, maximize and close buttons
// above a window that asked for them (xdg-decoration) or an X11 window. Drawn with cairo and
// pango at the output's scale into a buffer the scene shows at logical size, so the text is as
// sharp as the applications' own. The parts of the bar, and the resize border around the
// window, are found by DecorationPart (free of Wayland, unit-tested).
#pragma once

#include <cstdint>
#include <string>

#include "window_policy.h"
#include "wlr.h"

namespace webdesk::wayland {

constexpr int kTitleHeight = 30;   // logical pixels
constexpr int kResizeBorder = 6;   // around a decorated window, outside its content

enum class DecorationHit {
  kNone,
  kTitle,
  kMinimize,
  kMaximize,
  kClose,
  kResize,  // with edges (wlr_edges)
};

// What of a decorated window with content `box` is at the logical point (x, y): a part of its
// title bar, its resize border (and which edges), or nothing.
DecorationHit DecorationPart (const Box &box, double x, double y, uint32_t *edges);

// The title bar of one window: a scene node above the window's content.
class TitleBar {
 public:
  // Under `parent` (the window's tree, whose origin is the content's top left).
  explicit TitleBar (wlr_scene_node *parent);
  ~TitleBar ();
  TitleBar (const TitleBar &) = delete;
  TitleBar &operator= (const TitleBar &) = delete;

  // Draws the bar `width` logical pixels wide at `scale` (only when something changed).
  void Update (int width, int scale, const std::string &title, bool focused, bool maximized);
  void SetVisible (bool visible);
  // Kept on the scene node (the owner's window, found again from a node under the pointer).
  void SetData (void *data);

 private:
  wlr_scene_node *parent_;
  wlr_scene_node *node_ = nullptr;
  int width_ = -1, scale_ = 0;
  std::string title_;
  bool focused_ = false, maximized_ = false, visible_ = true;
  void *data_ = nullptr;
};

}  // namespace webdesk::wayland
