// SPDX-License-Identifier: LGPL-2.1-or-later
#include "server.h"

#include <cstdio>
#include <list>

#include "clipboard.h"
#include "compositor.h"
#include "decoration.h"
#include "frame_pacer.h"
#include "layer_shell.h"
#include "nested_desktops.h"
#include "pixman_source_box.h"
#include "seat.h"
#include "view.h"
#include "xdg_shell.h"
#include "xwayland.h"

namespace webdesk::wayland {

// Globals wlroots implements whole, and the few answers they need from the compositor.
struct Server::Extras {
  wlr_xdg_decoration_manager_v1 *xdg_decoration = nullptr;
  wlr_xdg_activation_v1 *activation = nullptr;
  Listener new_decoration, activate;
  // One per xdg-decoration: the mode is answered when it is asked for.
  struct Decoration {
    wlr_xdg_toplevel_decoration_v1 *decoration;
    Listener request_mode, destroy;
  };
  std::list<Decoration> decorations;
};

namespace {

// A toplevel's decoration: the mode the client prefers. Those that draw their own (GTK,
// Chromium, Firefox) do; those that ask for server-side (Qt, foot, mpv) get one of ours in the
// desktop mode, and none in the one-application mode, where a window filling the output does
// not need it.
void
AnswerDecoration (wlr_xdg_toplevel_decoration_v1 *decoration)
{
  const auto mode = decoration->requested_mode == WLR_XDG_TOPLEVEL_DECORATION_V1_MODE_NONE
      ? WLR_XDG_TOPLEVEL_DECORATION_V1_MODE_CLIENT_SIDE
      : decoration->requested_mode;
  wlr_xdg_toplevel_decoration_v1_set_mode (decoration, mode);
}

}  // namespace

Server::Server (Compositor *compositor_, wl_display *display_, OutputSize size, bool xwayland_,
    Shell shell)
    : compositor (compositor_), display (display_), extras_ (std::make_unique<Extras> ())
{
  backend = wlr_headless_backend_create (display);
  // Frames are rendered on the CPU into the element's buffers (output.h). A GPU renderer
  // (GLES2 on a render node) would render into DMABUFs the same way; see the element's page.
  renderer = wlr_pixman_renderer_create ();
  if (!backend || !renderer) {
    error_ = "could not create the wlroots headless backend and pixman renderer";
    return;
  }
  FixPixmanSourceBox (renderer);
  wlr_renderer_init_wl_display (renderer, display);  // wl_shm, with the renderer's formats
  allocator = wlr_allocator_autocreate (backend, renderer);
  if (!allocator || !wlr_backend_start (backend)) {
    error_ = "could not start the wlroots headless backend";
    return;
  }

  surfaces = wlr_compositor_create (display, renderer);  // and wl_subcompositor
  frame_pacer = std::make_unique<FramePacer> (wl_display_get_event_loop (display), surfaces);
  wlr_data_device_manager_create (display);
  wlr_primary_selection_v1_device_manager_create (display);
  wlr_data_control_manager_v1_create (display);
  wlr_viewporter_create (display);
  presentation = wlr_presentation_create (display, backend);
  layout = wlr_output_layout_create ();
  wlr_xdg_output_manager_v1_create (display, layout);
  relative_pointer = wlr_relative_pointer_manager_v1_create (display);
  pointer_constraints = wlr_pointer_constraints_v1_create (display);
  wlr_pointer_gestures_v1_create (display);
  wlr_idle_inhibit_v1_create (display);
  wlr_keyboard_shortcuts_inhibit_v1_create (display);
  wlr_xdg_foreign_registry *foreign = wlr_xdg_foreign_registry_create (display);
  wlr_xdg_foreign_v1_create (display, foreign);
  wlr_xdg_foreign_v2_create (display, foreign);
  // GTK asks for decorations through KDE's protocol: it draws its own.
  wlr_server_decoration_manager_set_default_mode (wlr_server_decoration_manager_create (display),
      WLR_SERVER_DECORATION_MANAGER_MODE_CLIENT);

  scene = wlr_scene_create ();
  output = std::make_unique<Output> (display, backend, renderer, allocator, scene, layout,
      presentation, size);
  // Stacking, bottom to top: the wallpaper and bottom layers, windows, the top layer (a
  // panel), fullscreen windows, the overlay layer (a launcher), override-redirect X windows, a
  // drag's icon.
  for (wlr_scene_tree **layer : {&background_, &bottom_, &windows_layer_, &top_, &fullscreen_,
           &overlay_, &unmanaged_layer_, &drag_layer_})
    *layer = wlr_scene_tree_create (&scene->node);
  windows = std::make_unique<Windows> (this, shell, windows_layer_, fullscreen_);
  seat = std::make_unique<Seat> (this);
  xdg_shell = std::make_unique<XdgShell> (display, windows.get ());
  wlr_scene_tree *const layers[4] = {background_, bottom_, top_, overlay_};
  layer_shell = std::make_unique<LayerShell> (this, layers);
  clipboard = std::make_unique<Clipboard> (seat->wlr (), [this] (const std::string &text) {
    compositor->ClipboardChanged (text);
  });
  if (xwayland_)
    xwayland = std::make_unique<Xwayland> (this);

  extras_->xdg_decoration = wlr_xdg_decoration_manager_v1_create (display);
  extras_->new_decoration.Connect (&extras_->xdg_decoration->events.new_toplevel_decoration,
      [this] (void *data) {
        auto *decoration = static_cast<wlr_xdg_toplevel_decoration_v1 *> (data);
        Extras::Decoration &d = extras_->decorations.emplace_back ();
        d.decoration = decoration;
        d.request_mode.Connect (&decoration->events.request_mode, [this, decoration] (void *) {
          AnswerDecoration (decoration);
          if (View *view = windows->ViewOf (decoration->surface->surface))
            view->DecorationRequestChanged ();
        });
        auto it = std::prev (extras_->decorations.end ());
        d.destroy.Connect (&decoration->events.destroy, [this, it] (void *) {
          wlr_xdg_surface *xdg = it->decoration->surface;
          extras_->decorations.erase (it);
          if (View *view = windows->ViewOf (xdg->surface))
            view->DecorationRequestChanged ();
        });
        AnswerDecoration (decoration);
      });
  extras_->activation = wlr_xdg_activation_v1_create (display);
  extras_->activate.Connect (&extras_->activation->events.request_activate, [this] (void *data) {
    auto *event = static_cast<wlr_xdg_activation_v1_request_activate_event *> (data);
    if (View *view = windows->ViewOf (event->surface))
      windows->Focus (view);
  });
}

Server::~Server ()
{
  extras_->new_decoration.Disconnect ();
  extras_->activate.Disconnect ();
  extras_->decorations.clear ();
  nested_desktops.reset ();  // its bridges hold the seat's selection
  xwayland.reset ();
  layer_shell.reset ();
  clipboard.reset ();
  xdg_shell.reset ();
  seat.reset ();
  windows.reset ();
  frame_pacer.reset ();
  output.reset ();
  if (scene)
    wlr_scene_node_destroy (&scene->node);
  if (layout)
    wlr_output_layout_destroy (layout);
  if (backend)
    wlr_backend_destroy (backend);
  if (allocator)
    wlr_allocator_destroy (allocator);
  if (renderer)
    wlr_renderer_destroy (renderer);
}

bool
Server::Valid (std::string *error) const
{
  if (error_.empty ())
    return true;
  *error = error_;
  return false;
}

bool
Server::ServerSideDecorated (const wlr_xdg_surface *xdg) const
{
  for (const auto &d : extras_->decorations)
    if (d.decoration->surface == xdg)
      return d.decoration->scheduled_mode == WLR_XDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE ||
          d.decoration->current.mode == WLR_XDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE;
  return false;
}

wlr_surface *
Server::SurfaceAt (double x, double y, double *sx, double *sy, View **decoration, int *part,
    uint32_t *edges) const
{
  *decoration = nullptr;
  auto at = [&] (wlr_scene_tree *tree) -> wlr_surface * {
    wlr_scene_node *node = wlr_scene_node_at (&tree->node, x, y, sx, sy);
    return node && node->type == WLR_SCENE_NODE_SURFACE ? wlr_scene_surface_from_node (node)->surface
                                                        : nullptr;
  };
  for (wlr_scene_tree *tree : {unmanaged_layer_, overlay_, fullscreen_, top_})
    if (wlr_surface *s = at (tree))
      return s;
  if ((*decoration = windows->DecorationAt (x, y, part, edges)))
    return nullptr;
  for (wlr_scene_tree *tree : {windows_layer_, bottom_, background_})
    if (wlr_surface *s = at (tree))
      return s;
  return nullptr;
}

void
Server::CursorChanged (const CursorImage &image)
{
  compositor->CursorChanged (image);
}

}  // namespace webdesk::wayland
