// SPDX-License-Identifier: LGPL-2.1-or-later
// Where the program finds webdesk's plugins.
#pragma once

#include <string>

namespace webdesk {

// The GST_PLUGIN_PATH_1_0 for the program in folder `exe_dir`: run from the build tree, the
// plugin folders built there (`build_dirs`, colon-separated, relative to the program's folder,
// so that no build path is compiled into the program); installed, the folder the plugins were
// installed into (`install_dir`), which GStreamer does not scan by itself unless the prefix is
// its own (/usr). Either goes in front of `current`.
std::string PluginSearchPath (const std::string &exe_dir, bool in_build_tree,
    const std::string &build_dirs, const std::string &install_dir, const std::string &current);

// Whether the program in `exe_dir` runs from a meson build tree (its parent holds meson-private).
bool InBuildTree (const std::string &exe_dir);

}  // namespace webdesk
