// SPDX-License-Identifier: LGPL-2.1-or-later
// A window, whichever protocol made it, and the window manager that places, stacks and focuses
// them.
//
// View is cage's and labwc's view abstraction: an xdg-shell toplevel (xdg_shell.cpp) and a
// managed X11 window (xwayland.cpp) each fill in a few operations, so the policy (placement in
// window_policy.h, focus, stacking, fullscreen) is written once here. Wayland thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "active_window.h"
#include "listener.h"
#include "window_policy.h"
#include "wlr.h"

namespace webdesk::wayland {

class Server;
class Windows;


class View {
 public:
  explicit View (Windows *windows) : windows_ (windows) {}
  virtual ~View () = default;
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
  // Whether the window says it is a dialog (X11 window types, modal windows).
  virtual bool IsDialogType () const { return false; }
  // Tells the window its box (logical pixels) and state; X11 windows also learn their position.
  virtual void Configure (const Box &box, bool maximized, bool fullscreen) = 0;
  virtual void SetActivated (bool activated) = 0;
  virtual void Close () = 0;
  virtual std::string Title () const = 0;
  // Whether the window takes the keyboard when it maps or is clicked.
  virtual bool TakesFocus () const { return true; }

  // --- kept by the window manager ---
  wlr_scene_node *node = nullptr;  // the window's scene tree; its position is box.x, box.y
  Box box;                          // where the window is (logical pixels)
  bool mapped = false;
  bool fullscreen = false;

 protected:
  // Each kind calls these from its protocol's events.
  void Mapped ();
  void Unmapped ();
  void Committed ();
  // The window's first commit, before it is mapped: it is told where it will go.
  void InitialCommit ();
  void FullscreenRequested ();
  void ActivationRequested ();
  void TitleChanged ();
  Windows *windows_;
};

class Windows {
 public:
  explicit Windows (Server *server);
  ~Windows ();

  Server &server () { return *server_; }
  // The tree windows are created in (above the background, below override-redirect X windows).
  wlr_scene_node *layer () { return &layer_->node; }
  // The output's logical size changed: every window is placed again.
  void OutputChanged ();
  // Keyboard focus and top of the stack: `view`, with its dialogs above it.
  void Focus (View *view);
  View *Focused () const { return focused_; }
  // The window whose surface is `surface` (a subsurface or popup's root window included).
  View *ViewOf (wlr_surface *surface) const;
  // Whether `view` is placed as a dialog (window_policy.h).
  bool IsDialog (const View *view) const;
  // The window under the logical point, if any.
  View *ViewAt (double x, double y) const;
  // Mapped windows, bottom to top.
  std::vector<View *> Stack () const;

  // From View.
  void Add (View *view);
  void Remove (View *view);
  void OnMapped (View *view);
  void OnUnmapped (View *view);
  void OnCommitted (View *view);
  void OnInitialCommit (View *view);
  void OnFullscreenRequested (View *view);
  void OnActivationRequested (View *view);
  void OnTitleChanged (View *view);

 private:
  void Place (View *view);
  WindowFacts FactsOf (const View *view) const;
  void FocusTopmost ();
  void RaiseWithDialogs (View *view);
  // Tells the compositor when the focused window, its title or its state changed.
  void ReportActive ();

  Server *server_;
  wlr_scene_tree *layer_;
  std::vector<View *> views_;  // bottom to top
  View *focused_ = nullptr;
  ActiveWindow reported_;
};

}  // namespace webdesk::wayland
