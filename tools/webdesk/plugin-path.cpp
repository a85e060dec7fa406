#include "plugin-path.h"

namespace webdesk {

std::string
PluginSearchPath (const std::string &exe, const std::string &build_root,
    const std::string &build_dirs, const std::string &install_dir, const std::string &current)
{
  const bool in_build_tree = !build_root.empty () && exe.rfind (build_root + "/", 0) == 0;
  const std::string &ours = in_build_tree ? build_dirs : install_dir;
  if (ours.empty ())
    return current;
  return current.empty () ? ours : ours + ":" + current;
}

}  // namespace webdesk
