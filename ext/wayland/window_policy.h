// SPDX-License-Identifier: LGPL-2.1-or-later
// Where windows go, free of Wayland, in logical output pixels. Boxes are a window's content
// (what the client draws); a server-side title bar, when there is one, sits above it.
//
// The one-application mode (`webdesk -- APP`):
// - A main window is maximized to the output (not fullscreen: browsers keep their tab strip and
//   address bar). A window whose minimum size is larger than the output keeps its minimum and
//   is shown from the top left, cut off, rather than squeezed.
// - A window that asked for fullscreen covers the output.
// - A dialog (a window with a parent, one that says it is a dialog, or one that cannot be
//   resized) keeps its own size, centred
//   over its parent (over the output when it has none), and is kept on the output: its top left
//   corner is never above or left of the output. A dialog larger than the output is asked to
//   fit it, down to its minimum size.
//
// The desktop mode (`webdesk` with no application):
// - A new window keeps the size it chose (shrunk to the usable area, never below its minimum),
//   centred on the usable area (the output less the panel's reserved zone), cascaded 32 pixels
//   down and right from any window already there. One whose minimum is larger than the usable
//   area starts at its top left.
// - Maximized: the usable area. Fullscreen: the output. Dialogs: over their parent, as above.
// - Windows stay reachable: after a move, a window's title bar keeps at least 64 pixels on the
//   usable area and never goes above it; after the output shrinks (or the panel grows), a
//   window that fits is moved inside the usable area, one that does not to its top left.
#pragma once

#include <vector>

namespace webdesk::wayland {

struct Box {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator== (const Box &o) const
  {
    return x == o.x && y == o.y && width == o.width && height == o.height;
  }
};

struct SizeHints {
  int min_width = 0, min_height = 0;  // 0: none
  int max_width = 0, max_height = 0;  // 0: none
  // min == max on both axes: the window cannot be resized.
  bool Fixed () const
  {
    return min_width > 0 && min_height > 0 && min_width == max_width && min_height == max_height;
  }
};

struct WindowFacts {
  bool has_parent = false;
  Box parent;                  // the parent's box, when has_parent
  bool dialog_type = false;    // the window says it is a dialog, a splash screen, a utility
  bool wants_fullscreen = false;
  bool wants_maximized = false;  // desktop mode: the client or the user asked for it
  SizeHints hints;
  int width = 0, height = 0;   // the size the window has drawn itself at (0: not drawn yet)
};

struct Placement {
  Box box;                     // where the window goes; width/height 0: the window chooses
  bool maximized = false;
  bool fullscreen = false;
};

// A dialog keeps its own size; a main window is sized by the compositor.
bool IsDialog (const WindowFacts &window);

// The one-application mode's placement of `window` on an output of `output_width` x
// `output_height`.
Placement PlaceInApplicationMode (const WindowFacts &window, int output_width, int output_height);

// The desktop mode's placement of a window being mapped (or asking for a state), with a title
// bar of `title_height` above its content (0: it draws its own), on an output of `output` with
// `usable` left for windows; `others` are the content boxes of the windows already there.
Placement PlaceInDesktopMode (const WindowFacts &window, int title_height, const Box &output,
    const Box &usable, const std::vector<Box> &others);

// `box` (content, with a title bar of `title_height` above it) moved as little as needed for
// its title bar to stay reachable on `usable`.
Box KeepReachable (const Box &box, int title_height, const Box &usable);
// `box` moved as little as needed to be inside `usable` with its title bar (to its top left
// when it is larger).
Box FitInside (const Box &box, int title_height, const Box &usable);

}  // namespace webdesk::wayland
