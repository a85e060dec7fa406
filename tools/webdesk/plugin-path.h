// Where the program finds webdesk's plugins.
#pragma once

#include <string>

namespace webdesk {

// The GST_PLUGIN_PATH_1_0 for a program whose executable is `exe`: run from the build tree
// (`exe` under `build_root`), the plugin folders built there (`build_dirs`, colon-separated);
// installed, the folder the plugins were installed into (`install_dir`), which GStreamer does
// not scan by itself unless the prefix is its own (/usr). Either goes in front of `current`.
std::string PluginSearchPath (const std::string &exe, const std::string &build_root,
    const std::string &build_dirs, const std::string &install_dir, const std::string &current);

}  // namespace webdesk
