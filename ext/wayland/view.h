// SPDX-License-Identifier: LGPL-2.1-or-later
// A window, whichever protocol made it, and the window manager that places, stacks, focuses
// and decorates them.
//
// View is cage's and labwc's view abstraction: an xdg-shell toplevel (xdg_shell.cpp) and a
// managed X11 window (xwayland.cpp) each fill in a few operations, so the policy (placement in
// window_policy.h, focus, stacking, fullscreen, and in the desktop mode title bars, moving,
// resizing, maximizing, minimizing, the window list) is written once here. Wayland thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "active_window.h"
#include "listener.h"
#include "shell.h"
#include "window_policy.h"
#include "wlr.h"

namespace webdesk::wayland {

class Server;
class TitleBar;
class Windows;

class View {
 public:
  // Creates the window's scene tree in the windows' layer (disabled until mapped).
  explicit View (Windows *windows);
  virtual ~View ();
  View (const View &) = delete;
  View &operator= (const View &) = delete;

  // --- what each kind of window provides ---
  virtual wlr_surface *Surface () const = 0;
  // The window this one belongs to (a dialog's main window), or null.
  virtual View *Parent () const = 0;
  virtual SizeHints Hints () const = 0;
  // The size the window drew itself at (logical pixels; its window geometry).
  virtual void DrawnSize (int *width, int *height) const = 0;
  virtual bool WantsFullscreen () const = 0;
  // Whether the window itself asked to be maximized (desktop mode).
  virtual bool WantsMaximized () const { return false; }
  // Whether the window says it is a dialog (X11 window types, modal windows).
  virtual bool IsDialogType () const { return false; }
  // Whether it wants a title bar from us (desktop mode): it asked through xdg-decoration, or
  // it is an X11 window without a "no decorations" hint.
  virtual bool WantsServerSideDecoration () const { return false; }
  // Tells the window its box (logical pixels) and state; X11 windows also learn their position.
  virtual void Configure (const Box &box, bool maximized, bool fullscreen) = 0;
  virtual void SetActivated (bool activated) = 0;
  virtual void Close () = 0;
  virtual std::string Title () const = 0;
  virtual std::string AppId () const { return ""; }
  // Whether the window takes the keyboard when it maps or is clicked.
  virtual bool TakesFocus () const { return true; }
  // Its client changed what decoration it asks for (xdg-decoration).
  void DecorationRequestChanged () { DecorationChanged (); }

  // --- kept by the window manager ---
  wlr_scene_tree *tree;             // the window: its content (and title bar) inside
  wlr_scene_node *node;             // &tree->node; its position is box.x, box.y
  Box box;                          // where the content is (logical pixels)
  Box restore_box;                  // where it was before it was maximized (desktop mode)
  bool mapped = false;
  bool fullscreen = false;
  bool maximized = false;           // desktop mode
  bool minimized = false;           // desktop mode
  bool placed = false;              // desktop mode: placed at its first map
  bool moved = false;               // desktop mode: the user moved or resized it
  std::unique_ptr<TitleBar> title_bar;  // desktop mode, when decorated
  wlr_foreign_toplevel_handle_v1 *handle = nullptr;  // desktop mode: the panel's window list
  Listener handle_activate, handle_minimize, handle_maximize, handle_fullscreen, handle_close;

 protected:
  // Each kind calls these from its protocol's events.
  void Mapped ();
  void Unmapped ();
  void Committed ();
  // The window's first commit, before it is mapped: it is told where it will go.
  void InitialCommit ();
  void FullscreenRequested ();
  void MaximizeRequested ();
  void MinimizeRequested ();
  void ActivationRequested ();
  void TitleChanged ();
  void DecorationChanged ();
  // The client asks to be moved or resized (a client-side title bar or border was dragged).
  void MoveRequested ();
  void ResizeRequested (uint32_t edges);
  Windows *windows_;
};

class Windows {
 public:
  Windows (Server *server, Shell shell, wlr_scene_tree *layer, wlr_scene_tree *fullscreen_layer);
  ~Windows ();

  Server &server () { return *server_; }
  Shell shell () const { return shell_; }
  // The tree windows are created in.
  wlr_scene_node *layer () { return &layer_->node; }
  // The output's logical size changed: every window is placed again.
  void OutputChanged ();
  // The panel's reserved zone changed (desktop mode): maximized windows follow, the others
  // stay reachable.
  void UsableAreaChanged ();
  // Keyboard focus and top of the stack: `view`, with its dialogs above it (un-minimized).
  void Focus (View *view);
  View *Focused () const { return focused_; }
  // The window whose surface is `surface` (a subsurface or popup's root window included).
  View *ViewOf (wlr_surface *surface) const;
  // The window under the logical point, if any.
  View *ViewAt (double x, double y) const;
  // Whether `view` is placed as a dialog (window_policy.h).
  bool IsDialog (const View *view) const;
  // Mapped windows, bottom to top.
  std::vector<View *> Stack () const;

  // --- desktop mode ---
  // The height of `view`'s title bar of ours (0 without one).
  int TitleHeight (const View *view) const;
  void SetMaximized (View *view, bool maximized);
  void SetMinimized (View *view, bool minimized);
  // Alt+Tab: the bottom window comes to the top (backwards: the top one goes to the bottom).
  void CycleFocus (bool backwards);
  // A title bar or the resize border of a decorated window at the logical point: which
  // window, and what part (decoration.h); null when none.
  View *DecorationAt (double x, double y, int *part, uint32_t *edges) const;
  // Interactive move and resize, driven by the seat's pointer until the button is released.
  void BeginMove (View *view, double x, double y);
  void BeginResize (View *view, uint32_t edges, double x, double y);
  bool Grabbing () const { return grab_.view != nullptr; }
  void GrabMotion (double x, double y);
  void EndGrab ();

  // From View.
  void Add (View *view);
  void Remove (View *view);
  void OnMapped (View *view);
  void OnUnmapped (View *view);
  void OnCommitted (View *view);
  void OnInitialCommit (View *view);
  void OnFullscreenRequested (View *view);
  void OnMaximizeRequested (View *view);
  void OnActivationRequested (View *view);
  void OnTitleChanged (View *view);
  void OnDecorationChanged (View *view);

 private:
  void Place (View *view);
  WindowFacts FactsOf (const View *view) const;
  Box Usable () const;
  void FocusTopmost ();
  void RaiseWithDialogs (View *view);
  // Moves the view's tree to the layer it belongs to (fullscreen windows above the panel).
  void Relayer (View *view);
  // Tells the compositor when the focused window, its title or its state changed.
  void ReportActive ();
  // Desktop mode: the title bar drawn for the view's state, and the window list's entry.
  void Decorate (View *view);
  void UpdateHandle (View *view);

  Server *server_;
  Shell shell_;
  wlr_scene_tree *layer_;
  wlr_scene_tree *fullscreen_layer_;
  wlr_foreign_toplevel_manager_v1 *toplevels_ = nullptr;
  std::vector<View *> views_;  // bottom to top
  View *focused_ = nullptr;
  ActiveWindow reported_;
  struct Grab {
    View *view = nullptr;
    uint32_t edges = 0;  // WLR_EDGE_NONE: a move
    double start_x = 0, start_y = 0;
    Box start_box;
  } grab_;
};

}  // namespace webdesk::wayland
