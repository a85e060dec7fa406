// SPDX-License-Identifier: LGPL-2.1-or-later
// Where windows go, free of Wayland: the rules of the one-application mode (`webdesk -- APP`),
// in logical output pixels.
//
// - A main window is maximized to the output (not fullscreen: browsers keep their tab strip and
//   address bar). A window whose minimum size is larger than the output keeps its minimum and
//   is shown from the top left, cut off, rather than squeezed.
// - A window that asked for fullscreen covers the output.
// - A dialog (a window with a parent, one that says it is a dialog, or one that cannot be
//   resized) keeps its own size, centred
//   over its parent (over the output when it has none), and is kept on the output: its top left
//   corner is never above or left of the output. A dialog larger than the output is asked to
//   fit it, down to its minimum size.
#pragma once

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

}  // namespace webdesk::wayland
