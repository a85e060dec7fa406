// SPDX-License-Identifier: LGPL-2.1-or-later
// The desktop mode's window actions (view.h): maximize, minimize, Alt+Tab, the title bars and
// their clicks, moving and resizing with the pointer, and the panel's window list
// (foreign-toplevel).
#include <algorithm>
#include <cmath>

#include "decoration.h"
#include "output.h"
#include "seat.h"
#include "server.h"
#include "view.h"

namespace webdesk::wayland {

void
Windows::SetMaximized (View *view, bool maximized)
{
  if (shell_ != Shell::kDesktop || view->Hints ().Fixed ()) {
    Place (view);
    return;
  }
  if (maximized == view->maximized) {
    Place (view);
    return;
  }
  if (maximized)
    view->restore_box = view->box;
  view->maximized = maximized;
  if (!maximized) {
    // Back to where it was, at the size it had: it is told that size.
    view->box = KeepReachable (view->restore_box, TitleHeight (view), Usable ());
    wlr_scene_node_set_position (view->node, view->box.x, view->box.y);
    view->Configure (view->box, false, view->fullscreen);
    Decorate (view);
  } else {
    Place (view);
  }
  UpdateHandle (view);
}

void
Windows::SetMinimized (View *view, bool minimized)
{
  if (shell_ != Shell::kDesktop || view->minimized == minimized)
    return;
  view->minimized = minimized;
  wlr_scene_node_set_enabled (view->node, view->mapped && !minimized);
  if (minimized) {
    if (focused_ == view) {
      view->SetActivated (false);
      focused_ = nullptr;
      FocusTopmost ();
    }
  } else {
    Focus (view);
  }
  UpdateHandle (view);
  server_->seat->PointerRefocus ();
}

void
Windows::CycleFocus (bool backwards)
{
  std::vector<View *> cycle;
  for (View *v : views_)
    if (v->mapped && v->TakesFocus () && !v->Parent ())
      cycle.push_back (v);
  if (cycle.size () < 2)
    return;
  if (!backwards) {
    Focus (cycle.front ());  // the bottom window comes to the top
    return;
  }
  // The top window goes to the bottom; the one under it gets the keyboard.
  View *top = cycle.back ();
  wlr_scene_node_lower_to_bottom (top->node);
  views_.erase (std::remove (views_.begin (), views_.end (), top), views_.end ());
  views_.insert (views_.begin (), top);
  Focus (cycle[cycle.size () - 2]);
}

View *
Windows::DecorationAt (double x, double y, int *part, uint32_t *edges) const
{
  if (shell_ != Shell::kDesktop)
    return nullptr;
  for (auto it = views_.rbegin (); it != views_.rend (); ++it) {
    View *v = *it;
    if (!v->mapped || v->minimized)
      continue;
    if (v->fullscreen) {
      if (x >= v->box.x && x < v->box.x + v->box.width && y >= v->box.y &&
          y < v->box.y + v->box.height)
        return nullptr;  // it covers everything below
      continue;
    }
    // The content of a higher window hides what is below it.
    const bool in_content = x >= v->box.x && x < v->box.x + v->box.width && y >= v->box.y &&
        y < v->box.y + v->box.height;
    if (in_content)
      return nullptr;
    if (!v->title_bar)
      continue;
    const DecorationHit hit = DecorationPart (v->box, x, y, edges);
    if (hit != DecorationHit::kNone) {
      *part = int (hit);
      return v;
    }
  }
  return nullptr;
}

void
Windows::BeginMove (View *view, double x, double y)
{
  if (view->fullscreen)
    return;
  // A maximized window is restored once it is dragged (GrabMotion), not on the press: a
  // double click on its title restores it where it was.
  Focus (view);
  grab_ = Grab{view, WLR_EDGE_NONE, x, y, view->box};
}

void
Windows::BeginResize (View *view, uint32_t edges, double x, double y)
{
  if (view->fullscreen || view->maximized || edges == WLR_EDGE_NONE)
    return;
  Focus (view);
  grab_ = Grab{view, edges, x, y, view->box};
}

void
Windows::GrabMotion (double x, double y)
{
  View *v = grab_.view;
  if (!v)
    return;
  if (grab_.edges == WLR_EDGE_NONE && v->maximized) {
    constexpr double kDragThreshold = 4;  // logical pixels
    if (std::abs (x - grab_.start_x) < kDragThreshold &&
        std::abs (y - grab_.start_y) < kDragThreshold)
      return;
    // Dragging a maximized window out restores it under the pointer.
    const double along = v->box.width > 0 ? (grab_.start_x - v->box.x) / v->box.width : 0.5;
    SetMaximized (v, false);
    v->box.x = int (grab_.start_x - along * v->box.width);
    v->box.y = int (grab_.start_y) + TitleHeight (v) / 2;
    wlr_scene_node_set_position (v->node, v->box.x, v->box.y);
    grab_.start_box = v->box;
  }
  const int dx = int (x - grab_.start_x), dy = int (y - grab_.start_y);
  if (grab_.edges == WLR_EDGE_NONE) {
    v->box.x = grab_.start_box.x + dx;
    v->box.y = grab_.start_box.y + dy;
    wlr_scene_node_set_position (v->node, v->box.x, v->box.y);
    return;
  }
  // Resize: the client is told the new size; it draws at it (OnCommitted places it).
  Box b = grab_.start_box;
  const SizeHints hints = v->Hints ();
  const int min_w = std::max (64, hints.min_width), min_h = std::max (32, hints.min_height);
  int width = b.width, height = b.height;
  if (grab_.edges & WLR_EDGE_RIGHT)
    width = b.width + dx;
  if (grab_.edges & WLR_EDGE_LEFT)
    width = b.width - dx;
  if (grab_.edges & WLR_EDGE_BOTTOM)
    height = b.height + dy;
  if (grab_.edges & WLR_EDGE_TOP)
    height = b.height - dy;
  width = std::max (width, min_w);
  height = std::max (height, min_h);
  if (hints.max_width > 0)
    width = std::min (width, hints.max_width);
  if (hints.max_height > 0)
    height = std::min (height, hints.max_height);
  Box target{grab_.edges & WLR_EDGE_LEFT ? b.x + b.width - width : b.x,
    grab_.edges & WLR_EDGE_TOP ? b.y + b.height - height : b.y, width, height};
  v->Configure (target, false, false);
}

void
Windows::EndGrab ()
{
  View *v = grab_.view;
  const Box start = grab_.start_box;
  grab_ = Grab{};
  // Pressed and released without a move (a click, or the first of a double click).
  if (!v || !v->mapped || v->maximized || v->box == start)
    return;
  v->box = KeepReachable (v->box, TitleHeight (v), Usable ());
  wlr_scene_node_set_position (v->node, v->box.x, v->box.y);
  v->moved = true;
  if (v->placed)
    v->restore_box = v->box;
}

void
Windows::Decorate (View *view)
{
  const bool decorated = view->mapped && TitleHeight (view) > 0;
  if (!decorated) {
    view->title_bar.reset ();
    return;
  }
  if (!view->title_bar) {
    view->title_bar = std::make_unique<TitleBar> (view->node);
    view->title_bar->SetData (view);
  }
  view->title_bar->Update (view->box.width, server_->output->size ().scale, view->Title (),
      view == focused_, view->maximized);
}

void
Windows::UpdateHandle (View *view)
{
  if (!toplevels_ || !view->mapped)
    return;
  if (!view->handle) {
    view->handle = wlr_foreign_toplevel_handle_v1_create (toplevels_);
    wlr_foreign_toplevel_handle_v1 *h = view->handle;
    // Window lists show the windows of the output they are on: there is one.
    wlr_foreign_toplevel_handle_v1_output_enter (h, server_->output->wlr ());
    view->handle_activate.Connect (&h->events.request_activate,
        [this, view] (void *) { Focus (view); });
    view->handle_minimize.Connect (&h->events.request_minimize, [this, view] (void *data) {
      SetMinimized (view,
          static_cast<wlr_foreign_toplevel_handle_v1_minimized_event *> (data)->minimized);
    });
    view->handle_maximize.Connect (&h->events.request_maximize, [this, view] (void *data) {
      SetMaximized (view,
          static_cast<wlr_foreign_toplevel_handle_v1_maximized_event *> (data)->maximized);
    });
    view->handle_fullscreen.Connect (&h->events.request_fullscreen, [view] (void *) {});
    view->handle_close.Connect (&h->events.request_close, [view] (void *) { view->Close (); });
  }
  wlr_foreign_toplevel_handle_v1 *h = view->handle;
  wlr_foreign_toplevel_handle_v1_set_title (h, view->Title ().c_str ());
  wlr_foreign_toplevel_handle_v1_set_app_id (h, view->AppId ().c_str ());
  wlr_foreign_toplevel_handle_v1_set_activated (h, view == focused_);
  wlr_foreign_toplevel_handle_v1_set_maximized (h, view->maximized);
  wlr_foreign_toplevel_handle_v1_set_minimized (h, view->minimized);
  wlr_foreign_toplevel_handle_v1_set_fullscreen (h, view->fullscreen);
}

}  // namespace webdesk::wayland
