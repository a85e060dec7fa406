// SPDX-License-Identifier: LGPL-2.1-or-later
#include "desktop-session.h"

#include <glib.h>
#include <json-glib/json-glib.h>

namespace webdesk {

namespace {

std::string
Find (std::initializer_list<const char *> names)
{
  for (const char *name : names) {
    g_autofree gchar *path = g_find_program_in_path (name);
    if (path)
      return path;
  }
  return "";
}

std::string
Quote (const std::string &arg)
{
  g_autofree gchar *q = g_shell_quote (arg.c_str ());
  return q;
}

std::string
Path (const std::string &dir, const char *name)
{
  g_autofree gchar *path = g_build_filename (dir.c_str (), name, nullptr);
  return path;
}

constexpr const char *kWallpaperColour = "#3b4252";

}  // namespace

DesktopParts
FindDesktopParts ()
{
  DesktopParts p;
  // foot first: it asks for our title bar (the others' look alike) and supports input methods.
  p.terminal = Find ({"foot", "weston-terminal"});
  p.panel = Find ({"waybar"});
  p.wallpaper = Find ({"swaybg"});
  p.launcher = Find ({"fuzzel"});
  return p;
}

std::string
SessionScript (const DesktopParts &parts, const std::string &dir)
{
  std::string s = "#!/bin/sh\n"
                  "# webdesk's desktop: a wallpaper, a panel (launcher, window list, clock) and a\n"
                  "# terminal, on waylanddamagesrc's desktop mode. Written by webdesk.\n";
  if (!parts.wallpaper.empty ())
    s += Quote (parts.wallpaper) + " -c " + Quote (kWallpaperColour) + " &\n";
  if (!parts.terminal.empty ())
    s += Quote (parts.terminal) + " &\n";
  // The session is the panel: it ends when the panel does (or never, without one).
  if (!parts.panel.empty ())
    s += "exec " + Quote (parts.panel) + " -c " + Quote (Path (dir, "panel.json")) + " -s " +
        Quote (Path (dir, "panel.css")) + "\n";
  else
    s += "exec sleep infinity\n";
  return s;
}

std::string
PanelConfig (const DesktopParts &parts)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "layer");
  json_builder_add_string_value (b, "top");
  json_builder_set_member_name (b, "position");
  json_builder_add_string_value (b, "top");
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, 30);
  json_builder_set_member_name (b, "modules-left");
  json_builder_begin_array (b);
  if (!parts.launcher.empty ())
    json_builder_add_string_value (b, "custom/launcher");
  json_builder_add_string_value (b, "wlr/taskbar");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "modules-right");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "clock");
  json_builder_end_array (b);
  if (!parts.launcher.empty ()) {
    json_builder_set_member_name (b, "custom/launcher");
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "format");
    json_builder_add_string_value (b, "Applications");
    json_builder_set_member_name (b, "tooltip");
    json_builder_add_boolean_value (b, FALSE);
    json_builder_set_member_name (b, "on-click");
    std::string launch = Quote (parts.launcher);
    if (!parts.terminal.empty ())
      launch += " --terminal=" + Quote (parts.terminal);  // for applications that want one
    json_builder_add_string_value (b, launch.c_str ());
    json_builder_end_object (b);
  }
  json_builder_set_member_name (b, "wlr/taskbar");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "{title}");
  json_builder_set_member_name (b, "tooltip");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "on-click");
  json_builder_add_string_value (b, "activate");
  json_builder_set_member_name (b, "on-click-right");
  json_builder_add_string_value (b, "minimize");
  json_builder_set_member_name (b, "on-click-middle");
  json_builder_add_string_value (b, "close");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "clock");
  json_builder_begin_object (b);
  // Minutes, updated once a minute: a still desktop sends one small frame a minute.
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "{:%H:%M}");
  json_builder_set_member_name (b, "interval");
  json_builder_add_int_value (b, 60);
  json_builder_set_member_name (b, "tooltip");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  g_autofree gchar *text = json_generator_to_data (gen, nullptr);
  return text;
}

std::string
PanelStyle ()
{
  return "* { font-family: \"DejaVu Sans\"; font-size: 13px; border: none; border-radius: 0; }\n"
         "window#waybar { background: #2e3440; color: #eceff4; }\n"
         "#custom-launcher { padding: 0 12px; background: #434c5e; }\n"
         "#taskbar button { color: #eceff4; padding: 0 10px; }\n"
         // Not the GTK theme's white hover (under the pointer after every click on an entry).
         "#taskbar button:hover { background: #434c5e; box-shadow: none; text-shadow: none; }\n"
         "#taskbar button.active { background: #4c566a; }\n"
         "#taskbar button.minimized { color: #8f9bb3; }\n"
         "#clock { padding: 0 12px; }\n";
}

bool
WriteSession (const DesktopParts &parts, const std::string &dir)
{
  const std::string files[][2] = {{"session.sh", SessionScript (parts, dir)},
    {"panel.json", PanelConfig (parts)}, {"panel.css", PanelStyle ()}};
  for (const auto &f : files)
    if (!g_file_set_contents (Path (dir, f[0].c_str ()).c_str (), f[1].c_str (), -1, nullptr))
      return false;
  return true;
}

}  // namespace webdesk
