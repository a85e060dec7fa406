// SPDX-License-Identifier: LGPL-2.1-or-later
// wl_output (and zxdg_output_manager_v1): the one output the compositor shows, its size and
// scale. Clients are told again when it is resized.
#pragma once

#include <wayland-server-core.h>

#include <vector>

namespace webdesk::wayland {

class Compositor;

class Output {
 public:
  explicit Output (Compositor *compositor);
  ~Output ();
  // Sends the new mode and scale to every bound wl_output and xdg_output.
  void SizeChanged ();

 private:
  static void Bind (wl_client *client, void *data, uint32_t version, uint32_t id);
  static void BindXdgManager (wl_client *client, void *data, uint32_t version, uint32_t id);
  void SendAll (wl_resource *output);
  void SendXdg (wl_resource *xdg_output);
  wl_resource *OutputFor (wl_client *client) const;

  Compositor *compositor_;
  wl_global *global_ = nullptr;
  wl_global *xdg_global_ = nullptr;
  std::vector<wl_resource *> resources_;
  std::vector<wl_resource *> xdg_resources_;
  friend struct OutputAccess;
};

}  // namespace webdesk::wayland
