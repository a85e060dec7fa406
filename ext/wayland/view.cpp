// SPDX-License-Identifier: LGPL-2.1-or-later
#include "view.h"

#include <algorithm>

#include "output.h"
#include "seat.h"
#include "compositor.h"
#include "server.h"

namespace webdesk::wayland {

// --- View: the kinds report their events here ---

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
View::ActivationRequested ()
{
  windows_->OnActivationRequested (this);
}

void
View::TitleChanged ()
{
  windows_->OnTitleChanged (this);
}

// --- Windows ---

Windows::Windows (Server *server) : server_ (server)
{
  layer_ = wlr_scene_tree_create (&server->scene->node);
}

Windows::~Windows ()
{
  wlr_scene_node_destroy (&layer_->node);
}

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
  const Placement p = PlaceInApplicationMode (facts, output.logical_width (), output.logical_height ());
  view->box = p.box;
  if (view->node)
    wlr_scene_node_set_position (view->node, p.box.x, p.box.y);
  view->Configure (p.box, p.maximized, p.fullscreen);
}

void
Windows::OnMapped (View *view)
{
  view->mapped = true;
  view->fullscreen = view->WantsFullscreen ();
  Place (view);
  if (view->TakesFocus ())
    Focus (view);  // the newest window gets the keyboard
  else
    RaiseWithDialogs (view);
  server_->seat->PointerRefocus ();  // it may have appeared under the pointer
}

void
Windows::OnUnmapped (View *view)
{
  view->mapped = false;
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
  // A dialog's size is its own: once it has drawn (or drawn at a new size) it is centred
  // again. Other windows are sized by us; nothing to do.
  if (view->fullscreen || !IsDialog (view))
    return;
  int width, height;
  view->DrawnSize (&width, &height);
  if (width != view->box.width || height != view->box.height)
    Place (view);
}

void
Windows::OnInitialCommit (View *view)
{
  view->fullscreen = view->WantsFullscreen ();
  Place (view);
}

void
Windows::OnFullscreenRequested (View *view)
{
  view->fullscreen = view->WantsFullscreen ();
  if (view->mapped) {
    Place (view);
    if (view->fullscreen)
      Focus (view);
    ReportActive ();
  }
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
  // Windows not yet mapped too: one that is about to draw must draw at the new size.
  for (View *v : views_)
    Place (v);
}

void
Windows::RaiseWithDialogs (View *view)
{
  // The window, then its dialogs (and theirs) above it, in their own order.
  if (view->node)
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
  RaiseWithDialogs (view);
  // A window with a dialog of its own (a modal one, usually) hands the keyboard to it.
  View *target = view;
  for (bool found = true; found;) {
    found = false;
    for (auto it = views_.rbegin (); it != views_.rend (); ++it)
      if ((*it)->mapped && (*it)->Parent () == target && (*it)->TakesFocus ()) {
        target = *it;
        found = true;
        break;
      }
  }
  if (focused_ != target) {
    if (focused_)
      focused_->SetActivated (false);
    focused_ = target;
    target->SetActivated (true);
  }
  server_->seat->KeyboardFocus (target->Surface ());
  ReportActive ();
}

void
Windows::FocusTopmost ()
{
  for (auto it = views_.rbegin (); it != views_.rend (); ++it)
    if ((*it)->mapped && (*it)->TakesFocus ()) {
      Focus (*it);
      return;
    }
  server_->seat->KeyboardFocus (nullptr);
  ReportActive ();
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
  wlr_scene_node *node = wlr_scene_node_at (&layer_->node, x, y, &sx, &sy);
  if (!node || node->type != WLR_SCENE_NODE_SURFACE)
    return nullptr;
  return ViewOf (wlr_scene_surface_from_node (node)->surface);
}

}  // namespace webdesk::wayland
