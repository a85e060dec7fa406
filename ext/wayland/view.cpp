// SPDX-License-Identifier: LGPL-2.1-or-later
#include "view.h"

#include <algorithm>
#include <cmath>

#include "compositor.h"
#include "decoration.h"
#include "layer_shell.h"
#include "output.h"
#include "seat.h"
#include "server.h"

namespace webdesk::wayland {

// --- View ---

View::View (Windows *windows) : windows_ (windows)
{
  tree = wlr_scene_tree_create (windows->layer ());
  node = &tree->node;
  wlr_scene_node_set_enabled (node, false);
}

View::~View ()
{
  title_bar.reset ();  // its node is inside the tree
  if (handle)
    wlr_foreign_toplevel_handle_v1_destroy (handle);
  wlr_scene_node_destroy (node);
}

void
View::Mapped ()
{
  windows_->OnMapped (this);
}

void
View::Unmapped ()
{
  windows_->OnUnmapped (this);
}

void
View::Committed ()
{
  windows_->OnCommitted (this);
}

void
View::InitialCommit ()
{
  windows_->OnInitialCommit (this);
}

void
View::FullscreenRequested ()
{
  windows_->OnFullscreenRequested (this);
}

void
View::MaximizeRequested ()
{
  windows_->OnMaximizeRequested (this);
}

void
View::MinimizeRequested ()
{
  if (mapped && windows_->shell () == Shell::kDesktop)
    windows_->SetMinimized (this, true);
}

void
View::ActivationRequested ()
{
  windows_->OnActivationRequested (this);
}

void
View::TitleChanged ()
{
  windows_->OnTitleChanged (this);
}

void
View::DecorationChanged ()
{
  windows_->OnDecorationChanged (this);
}

void
View::MoveRequested ()
{
  // Only in the desktop mode, and only while a button is held (the client's drag).
  Seat &seat = *windows_->server ().seat;
  if (mapped && windows_->shell () == Shell::kDesktop && seat.ButtonHeld ())
    windows_->BeginMove (this, seat.pointer_x (), seat.pointer_y ());
}

void
View::ResizeRequested (uint32_t edges)
{
  Seat &seat = *windows_->server ().seat;
  if (mapped && windows_->shell () == Shell::kDesktop && seat.ButtonHeld ())
    windows_->BeginResize (this, edges, seat.pointer_x (), seat.pointer_y ());
}

// --- Windows ---

Windows::Windows (Server *server, Shell shell, wlr_scene_tree *layer,
    wlr_scene_tree *fullscreen_layer)
    : server_ (server), shell_ (shell), layer_ (layer), fullscreen_layer_ (fullscreen_layer)
{
  if (shell_ == Shell::kDesktop)
    toplevels_ = wlr_foreign_toplevel_manager_v1_create (server->display);
}

Windows::~Windows () = default;

void
Windows::Add (View *view)
{
  if (std::find (views_.begin (), views_.end (), view) == views_.end ())
    views_.push_back (view);
}

void
Windows::Remove (View *view)
{
  views_.erase (std::remove (views_.begin (), views_.end (), view), views_.end ());
  if (focused_ == view)
    focused_ = nullptr;
  if (grab_.view == view)
    grab_ = Grab{};
}

std::vector<View *>
Windows::Stack () const
{
  std::vector<View *> stack;
  for (View *v : views_)
    if (v->mapped)
      stack.push_back (v);
  return stack;
}

Box
Windows::Usable () const
{
  if (server_->layer_shell)
    return server_->layer_shell->usable ();
  return Box{0, 0, server_->output->logical_width (), server_->output->logical_height ()};
}

int
Windows::TitleHeight (const View *view) const
{
  return shell_ == Shell::kDesktop && !view->fullscreen && view->WantsServerSideDecoration ()
      ? kTitleHeight
      : 0;
}

WindowFacts
Windows::FactsOf (const View *view) const
{
  WindowFacts facts;
  if (View *parent = view->Parent (); parent && parent->mapped) {
    facts.has_parent = true;
    facts.parent = parent->box;
  }
  facts.dialog_type = view->IsDialogType ();
  facts.wants_fullscreen = view->fullscreen;
  facts.wants_maximized = view->maximized;
  facts.hints = view->Hints ();
  view->DrawnSize (&facts.width, &facts.height);
  return facts;
}

bool
Windows::IsDialog (const View *view) const
{
  return wayland::IsDialog (FactsOf (view));
}

void
Windows::Place (View *view)
{
  const WindowFacts facts = FactsOf (view);
  const Output &output = *server_->output;
  Placement p;
  if (shell_ == Shell::kApplication) {
    p = PlaceInApplicationMode (facts, output.logical_width (), output.logical_height ());
  } else if (view->placed && view->moved && !view->fullscreen && !view->maximized) {
    // Where the user put it, at the size it drew, inside the (maybe smaller) usable area.
    // (A window nobody moved is placed again as a new one: centred on the new output.)
    p.box = FitInside (Box{view->box.x, view->box.y, facts.width, facts.height},
        TitleHeight (view), Usable ());
  } else {
    std::vector<Box> others;
    for (View *v : views_)
      if (v != view && v->mapped && !v->minimized)
        others.push_back (v->box);
    const Box whole{0, 0, output.logical_width (), output.logical_height ()};
    p = PlaceInDesktopMode (facts, TitleHeight (view), whole, Usable (), others);
    if (view->mapped && !p.fullscreen && !p.maximized && p.box.width > 0)
      view->placed = true;
  }
  view->box = p.box;
  wlr_scene_node_set_position (view->node, p.box.x, p.box.y);
  Relayer (view);
  view->Configure (p.box, p.maximized, p.fullscreen);
  Decorate (view);
}

void
Windows::Relayer (View *view)
{
  // A fullscreen window covers the panel (the top layer); the others are below it.
  wlr_scene_tree *layer = view->fullscreen && shell_ == Shell::kDesktop ? fullscreen_layer_ : layer_;
  if (view->node->parent != &layer->node)
    wlr_scene_node_reparent (view->node, &layer->node);
}

void
Windows::OnInitialCommit (View *view)
{
  view->fullscreen = view->WantsFullscreen ();
  if (shell_ == Shell::kDesktop)
    view->maximized = view->WantsMaximized ();
  Place (view);
}

void
Windows::OnMapped (View *view)
{
  view->mapped = true;
  view->fullscreen = view->WantsFullscreen ();
  if (shell_ == Shell::kDesktop && !view->placed)
    view->maximized = view->maximized || view->WantsMaximized ();
  wlr_scene_node_set_enabled (view->node, true);
  Place (view);
  if (view->TakesFocus ())
    Focus (view);  // the newest window gets the keyboard
  else
    RaiseWithDialogs (view);
  UpdateHandle (view);
  server_->seat->PointerRefocus ();  // it may have appeared under the pointer
}

void
Windows::OnUnmapped (View *view)
{
  view->mapped = false;
  wlr_scene_node_set_enabled (view->node, false);
  if (grab_.view == view)
    grab_ = Grab{};
  if (view->handle) {
    view->handle_activate.Disconnect ();
    view->handle_minimize.Disconnect ();
    view->handle_maximize.Disconnect ();
    view->handle_fullscreen.Disconnect ();
    view->handle_close.Disconnect ();
    wlr_foreign_toplevel_handle_v1_destroy (view->handle);
    view->handle = nullptr;
  }
  if (focused_ == view) {
    focused_ = nullptr;
    FocusTopmost ();
  }
  server_->seat->PointerRefocus ();
}

void
Windows::OnCommitted (View *view)
{
  if (!view->mapped)
    return;
  int width, height;
  view->DrawnSize (&width, &height);
  if (shell_ == Shell::kApplication) {
    // A dialog's size is its own: once it has drawn (or drawn at a new size) it is centred
    // again. Other windows are sized by us; nothing to do.
    if (view->fullscreen || !IsDialog (view))
      return;
    if (width != view->box.width || height != view->box.height)
      Place (view);
    return;
  }
  if (width == view->box.width && height == view->box.height)
    return;
  // Desktop mode: the window drew at a new size. Resized from its left or top edge, it grows
  // that way: the opposite edge stays where it was.
  if (grab_.view == view && grab_.edges) {
    if (grab_.edges & WLR_EDGE_LEFT)
      view->box.x = grab_.start_box.x + grab_.start_box.width - width;
    if (grab_.edges & WLR_EDGE_TOP)
      view->box.y = grab_.start_box.y + grab_.start_box.height - height;
  }
  view->box.width = width;
  view->box.height = height;
  wlr_scene_node_set_position (view->node, view->box.x, view->box.y);
  Decorate (view);
}

void
Windows::OnFullscreenRequested (View *view)
{
  const bool fullscreen = view->WantsFullscreen ();
  if (fullscreen && !view->fullscreen && !view->maximized)
    view->restore_box = view->box;
  view->fullscreen = fullscreen;
  if (!view->mapped) {
    Place (view);
    return;
  }
  if (!fullscreen && shell_ == Shell::kDesktop && !view->maximized && view->placed)
    view->box = view->restore_box;  // back where it was, at the size it had
  Place (view);
  if (view->fullscreen)
    Focus (view);
  ReportActive ();
  UpdateHandle (view);
}

void
Windows::OnMaximizeRequested (View *view)
{
  if (shell_ == Shell::kDesktop && view->mapped)
    SetMaximized (view, view->WantsMaximized ());
  else
    Place (view);  // every request gets its answer, even when nothing changes
}

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
Windows::OnActivationRequested (View *view)
{
  if (view->mapped)
    Focus (view);
}

void
Windows::OnTitleChanged (View *view)
{
  if (view == focused_)
    ReportActive ();
  Decorate (view);
  UpdateHandle (view);
}

void
Windows::OnDecorationChanged (View *view)
{
  if (view->mapped && shell_ == Shell::kDesktop)
    Place (view);  // the title bar changes the room the window needs
}

void
Windows::ReportActive ()
{
  ActiveWindow active;
  if (focused_ && focused_->mapped) {
    active.present = true;
    active.title = focused_->Title ();
    active.fullscreen = focused_->fullscreen;
  }
  if (active == reported_)
    return;
  reported_ = active;
  server_->compositor->ActiveWindowChanged (active);
}

void
Windows::OutputChanged ()
{
  if (server_->layer_shell)
    server_->layer_shell->Arrange ();
  // Windows not yet mapped too: one that is about to draw must draw at the new size.
  for (View *v : views_)
    Place (v);
}

void
Windows::UsableAreaChanged ()
{
  for (View *v : views_)
    if (v->mapped)
      Place (v);
}

void
Windows::RaiseWithDialogs (View *view)
{
  // The window, then its dialogs (and theirs) above it, in their own order.
  wlr_scene_node_raise_to_top (view->node);
  views_.erase (std::remove (views_.begin (), views_.end (), view), views_.end ());
  views_.push_back (view);
  std::vector<View *> children;
  for (View *v : views_)
    if (v != view && v->Parent () == view)
      children.push_back (v);
  for (View *child : children)
    RaiseWithDialogs (child);
}

void
Windows::Focus (View *view)
{
  if (!view || !view->mapped)
    return;
  if (view->minimized)
    SetMinimized (view, false);  // focuses it
  RaiseWithDialogs (view);
  // A window with a dialog of its own (a modal one, usually) hands the keyboard to it.
  View *target = view;
  for (bool found = true; found;) {
    found = false;
    for (auto it = views_.rbegin (); it != views_.rend (); ++it)
      if ((*it)->mapped && !(*it)->minimized && (*it)->Parent () == target &&
          (*it)->TakesFocus ()) {
        target = *it;
        found = true;
        break;
      }
  }
  View *previous = focused_;
  if (previous != target) {
    if (previous)
      previous->SetActivated (false);
    focused_ = target;
    target->SetActivated (true);
    if (previous) {
      Decorate (previous);
      UpdateHandle (previous);
    }
    Decorate (target);
    UpdateHandle (target);
  }
  server_->seat->KeyboardFocus (target->Surface ());
  ReportActive ();
}

void
Windows::FocusTopmost ()
{
  for (auto it = views_.rbegin (); it != views_.rend (); ++it)
    if ((*it)->mapped && !(*it)->minimized && (*it)->TakesFocus ()) {
      Focus (*it);
      return;
    }
  server_->seat->KeyboardFocus (nullptr);
  ReportActive ();
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
Windows::ViewOf (wlr_surface *surface) const
{
  if (!surface)
    return nullptr;
  wlr_surface *root = wlr_surface_get_root_surface (surface);
  // A popup's root is the popup; walk up to its toplevel.
  while (wlr_surface_is_xdg_surface (root)) {
    wlr_xdg_surface *xdg = wlr_xdg_surface_from_wlr_surface (root);
    if (!xdg || xdg->role != WLR_XDG_SURFACE_ROLE_POPUP || !xdg->popup->parent)
      break;
    root = wlr_surface_get_root_surface (xdg->popup->parent);
  }
  for (View *v : views_)
    if (v->Surface () == root)
      return v;
  return nullptr;
}

View *
Windows::ViewAt (double x, double y) const
{
  double sx, sy;
  for (wlr_scene_tree *layer : {fullscreen_layer_, layer_}) {
    wlr_scene_node *node = wlr_scene_node_at (&layer->node, x, y, &sx, &sy);
    if (node && node->type == WLR_SCENE_NODE_SURFACE)
      return ViewOf (wlr_scene_surface_from_node (node)->surface);
  }
  return nullptr;
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
