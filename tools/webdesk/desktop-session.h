// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesk's own desktop (what `webdesk` serves without an application): Debian's wlroots
// desktop parts running straight on waylanddamagesrc's desktop mode, started by a small shell
// script the program writes into its private folder:
//   swaybg   a wallpaper (wlr-layer-shell, background layer)
//   waybar   a panel: an "Applications" launcher button, the window list (wlr/taskbar, on
//            foreign-toplevel: click to raise, right click to minimize, middle click to close)
//            and a clock (layer-shell, top layer, a reserved zone)
//   fuzzel   the launcher waybar's button opens: every installed application with a .desktop
//            file (layer-shell, overlay, the keyboard while it is open)
//   foot     a terminal (weston-terminal when foot is missing)
// Each part is looked up on PATH; a missing one is left out (the desktop still works).
#pragma once

#include <string>

namespace webdesk {

struct DesktopParts {
  std::string terminal;   // full paths; empty: not installed
  std::string panel;
  std::string wallpaper;
  std::string launcher;
};

// The parts found on PATH.
DesktopParts FindDesktopParts ();

// The files of a session whose folder is `dir`: the script that starts it (run with sh; it
// becomes the panel, so the session lasts as long as the panel), the panel's configuration
// (JSON) and style (CSS).
std::string SessionScript (const DesktopParts &parts, const std::string &dir);
std::string PanelConfig (const DesktopParts &parts);
std::string PanelStyle ();

// Writes the three files into `dir` (session.sh, panel.json, panel.css); false if it cannot.
bool WriteSession (const DesktopParts &parts, const std::string &dir);

}  // namespace webdesk
