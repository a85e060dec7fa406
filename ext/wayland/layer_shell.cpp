// SPDX-License-Identifier: LGPL-2.1-or-later
#include "layer_shell.h"

#include <algorithm>
#include <array>

#include "layer_policy.h"
#include "output.h"
#include "seat.h"
#include "server.h"
#include "view.h"

namespace webdesk::wayland {

struct LayerShell::Surface {
  wlr_layer_surface_v1 *layer_surface;
  wlr_scene_node *node = nullptr;
  Box box;
  uint32_t configured_width = 0, configured_height = 0;
  bool ever_configured = false;
  Listener map, unmap, destroy, commit, new_popup;
};

namespace {

LayerRequest
RequestOf (const wlr_layer_surface_v1_state &s)
{
  LayerRequest r;
  r.anchor = s.anchor;  // the protocol's bits are layer_policy's
  r.exclusive_zone = s.exclusive_zone;
  r.margin_top = int (s.margin.top);
  r.margin_right = int (s.margin.right);
  r.margin_bottom = int (s.margin.bottom);
  r.margin_left = int (s.margin.left);
  r.desired_width = int (s.desired_width);
  r.desired_height = int (s.desired_height);
  return r;
}

}  // namespace

LayerShell::LayerShell (Server *server, wlr_scene_tree *const layers[4]) : server_ (server)
{
  std::copy (layers, layers + 4, layers_);
  shell_ = wlr_layer_shell_v1_create (server->display);
  usable_ = Box{0, 0, server->output->logical_width (), server->output->logical_height ()};
  new_surface_.Connect (&shell_->events.new_surface,
      [this] (void *data) { Add (static_cast<wlr_layer_surface_v1 *> (data)); });
}

LayerShell::~LayerShell ()
{
  new_surface_.Disconnect ();
  surfaces_.clear ();
}

void
LayerShell::Add (wlr_layer_surface_v1 *layer_surface)
{
  // There is one output: a surface that named none (most do) goes there.
  layer_surface->output = server_->output->wlr ();
  auto entry = std::make_unique<Surface> ();
  Surface *s = entry.get ();
  s->layer_surface = layer_surface;
  const unsigned layer = std::min (unsigned (layer_surface->pending.layer), 3u);
  s->node = wlr_scene_subsurface_tree_create (&layers_[layer]->node, layer_surface->surface);
  wlr_scene_node_set_enabled (s->node, false);
  s->map.Connect (&layer_surface->events.map, [this, s] (void *) {
    wlr_scene_node_set_enabled (s->node, true);
    Arrange ();
    FocusChanged ();
  });
  s->unmap.Connect (&layer_surface->events.unmap, [this, s] (void *) {
    wlr_scene_node_set_enabled (s->node, false);
    Arrange ();
    FocusChanged (s->layer_surface);
  });
  s->commit.Connect (&layer_surface->surface->events.commit, [this, s] (void *) {
    // A new layer, anchor, size, margin or zone: place everything again.
    const unsigned layer = std::min (unsigned (s->layer_surface->current.layer), 3u);
    if (s->node->parent != &layers_[layer]->node)
      wlr_scene_node_reparent (s->node, &layers_[layer]->node);
    if (s->layer_surface->current.committed || !s->ever_configured)
      Arrange ();
    FocusChanged ();
  });
  s->new_popup.Connect (&layer_surface->events.new_popup, [this, s] (void *data) {
    auto *popup = static_cast<wlr_xdg_popup *> (data);
    popup->base->data = wlr_scene_xdg_surface_create (s->node, popup->base);
    // The output in the coordinates of the layer surface: its menus stay on screen.
    const wlr_box box{-s->box.x, -s->box.y, server_->output->logical_width (),
      server_->output->logical_height ()};
    wlr_xdg_popup_unconstrain_from_box (popup, &box);
  });
  s->destroy.Connect (&layer_surface->events.destroy, [this, s] (void *) {
    // (Still holding the keyboard, it gives it back in FocusChanged below.)
    wlr_scene_node_destroy (s->node);
    surfaces_.remove_if ([s] (const auto &e) { return e.get () == s; });
    Arrange ();
    FocusChanged ();
  });
  surfaces_.push_back (std::move (entry));
}

void
LayerShell::Arrange ()
{
  const Box output{0, 0, server_->output->logical_width (), server_->output->logical_height ()};
  // All layers at once, top layer first: exclusive zones apply before anything else is placed.
  std::vector<Surface *> order;
  for (int layer = 3; layer >= 0; layer--)
    for (const auto &s : surfaces_)
      if (std::min (unsigned (s->layer_surface->current.layer), 3u) == unsigned (layer))
        order.push_back (s.get ());
  std::vector<LayerRequest> requests;
  for (Surface *s : order)
    requests.push_back (RequestOf (s->layer_surface->current));
  Box usable = output;
  std::vector<Box> boxes;
  ArrangeLayer (requests, output, &usable, &boxes);
  for (size_t i = 0; i < order.size (); i++) {
    Surface *s = order[i];
    s->box = boxes[i];
    wlr_scene_node_set_position (s->node, s->box.x, s->box.y);
    const auto w = uint32_t (std::max (0, s->box.width));
    const auto h = uint32_t (std::max (0, s->box.height));
    if (!s->ever_configured || w != s->configured_width || h != s->configured_height) {
      wlr_layer_surface_v1_configure (s->layer_surface, w, h);
      s->configured_width = w;
      s->configured_height = h;
      s->ever_configured = true;
    }
  }
  if (!(usable == usable_)) {
    usable_ = usable;
    server_->windows->UsableAreaChanged ();
  }
}

wlr_surface *
LayerShell::SurfaceAt (bool above, double x, double y, double *sx, double *sy) const
{
  // Top to bottom. (Not a conditional between two braced lists: their arrays would be gone
  // before the loop runs.)
  const std::array<int, 2> layers = above ? std::array<int, 2>{3, 2} : std::array<int, 2>{1, 0};
  for (int layer : layers) {
    wlr_scene_node *node = wlr_scene_node_at (&layers_[layer]->node, x, y, sx, sy);
    if (node && node->type == WLR_SCENE_NODE_SURFACE)
      return wlr_scene_surface_from_node (node)->surface;
  }
  return nullptr;
}

void
LayerShell::Clicked (wlr_surface *surface)
{
  if (!surface || !wlr_surface_is_layer_surface (surface))
    return;
  wlr_layer_surface_v1 *ls = wlr_layer_surface_v1_from_wlr_surface (surface);
  if (ls && ls->current.keyboard_interactive == ZWLR_LAYER_SURFACE_V1_KEYBOARD_INTERACTIVITY_ON_DEMAND)
    server_->seat->KeyboardFocus (surface);
}

void
LayerShell::FocusChanged (const wlr_layer_surface_v1 *leaving)
{
  // The topmost mapped surface of the top or overlay layer that wants the keyboard to itself.
  wlr_surface *owner = nullptr;
  for (int layer = 3; layer >= 2 && !owner; layer--)
    for (auto it = surfaces_.rbegin (); it != surfaces_.rend (); ++it) {
      wlr_layer_surface_v1 *ls = (*it)->layer_surface;
      if (ls->mapped && ls != leaving &&
          std::min (unsigned (ls->current.layer), 3u) == unsigned (layer) &&
          ls->current.keyboard_interactive ==
              ZWLR_LAYER_SURFACE_V1_KEYBOARD_INTERACTIVITY_EXCLUSIVE) {
        owner = ls->surface;
        break;
      }
    }
  if (owner == keyboard_owner_)
    return;
  keyboard_owner_ = owner;
  server_->seat->SetExclusiveKeyboard (owner);
}

}  // namespace webdesk::wayland
