// SPDX-License-Identifier: LGPL-2.1-or-later
#include "output.h"

#include <wayland-server-protocol.h>

#include <algorithm>

#include "compositor.h"
#include "xdg-output-unstable-v1-server-protocol.h"

namespace webdesk::wayland {

struct OutputAccess {
  static std::vector<wl_resource *> &resources (Output *o) { return o->resources_; }
  static std::vector<wl_resource *> &xdg (Output *o) { return o->xdg_resources_; }
  static void SendXdg (Output *o, wl_resource *r) { o->SendXdg (r); }
};

namespace {

const char kName[] = "WEBDESK-1";
const char kDescription[] = "webdesk virtual output";

void
Forget (std::vector<wl_resource *> &list, wl_resource *r)
{
  list.erase (std::remove (list.begin (), list.end (), r), list.end ());
}

void
OutputRelease (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

const struct wl_output_interface kOutputImpl = {OutputRelease};

void
OutputResourceDestroyed (wl_resource *resource)
{
  if (auto *o = static_cast<Output *> (wl_resource_get_user_data (resource)))
    Forget (OutputAccess::resources (o), resource);
}

void
XdgOutputDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

const struct zxdg_output_v1_interface kXdgOutputImpl = {XdgOutputDestroy};

void
XdgOutputResourceDestroyed (wl_resource *resource)
{
  if (auto *o = static_cast<Output *> (wl_resource_get_user_data (resource)))
    Forget (OutputAccess::xdg (o), resource);
}

void
XdgManagerDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
XdgManagerGetXdgOutput (wl_client *client, wl_resource *resource, uint32_t id,
    wl_resource *output)
{
  wl_resource *r = wl_resource_create (client, &zxdg_output_v1_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  auto *o = static_cast<Output *> (wl_resource_get_user_data (resource));
  wl_resource_set_implementation (r, &kXdgOutputImpl, o, XdgOutputResourceDestroyed);
  OutputAccess::xdg (o).push_back (r);
  OutputAccess::SendXdg (o, r);
  if (wl_resource_get_version (r) >= 3)
    wl_output_send_done (output);
  else
    zxdg_output_v1_send_done (r);
}

const struct zxdg_output_manager_v1_interface kXdgManagerImpl = {XdgManagerDestroy,
  XdgManagerGetXdgOutput};

}  // namespace

Output::Output (Compositor *compositor) : compositor_ (compositor)
{
  global_ = wl_global_create (compositor->display (), &wl_output_interface, 4, this, &Output::Bind);
  xdg_global_ = wl_global_create (compositor->display (), &zxdg_output_manager_v1_interface, 3,
      this, &Output::BindXdgManager);
}

Output::~Output ()
{
  for (wl_resource *r : resources_)
    wl_resource_set_user_data (r, nullptr);
  for (wl_resource *r : xdg_resources_)
    wl_resource_set_user_data (r, nullptr);
  wl_global_destroy (global_);
  wl_global_destroy (xdg_global_);
}

void
Output::Bind (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  auto *self = static_cast<Output *> (data);
  wl_resource *r = wl_resource_create (client, &wl_output_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kOutputImpl, self, OutputResourceDestroyed);
  self->resources_.push_back (r);
  self->SendAll (r);
}

void
Output::BindXdgManager (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &zxdg_output_manager_v1_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kXdgManagerImpl, data, nullptr);
}

void
Output::SendAll (wl_resource *r)
{
  const OutputSize size = compositor_->output_size ();
  const int version = wl_resource_get_version (r);
  // A desktop-sized panel at ~96 dpi (physical size in millimetres).
  wl_output_send_geometry (r, 0, 0, size.width * 254 / 960 / size.scale,
      size.height * 254 / 960 / size.scale, WL_OUTPUT_SUBPIXEL_NONE, "webdesk", "virtual",
      WL_OUTPUT_TRANSFORM_NORMAL);
  wl_output_send_mode (r, WL_OUTPUT_MODE_CURRENT | WL_OUTPUT_MODE_PREFERRED, size.width,
      size.height, 60000);
  if (version >= 2)
    wl_output_send_scale (r, size.scale);
  if (version >= 4) {
    wl_output_send_name (r, kName);
    wl_output_send_description (r, kDescription);
  }
  if (version >= 2)
    wl_output_send_done (r);
}

void
Output::SendXdg (wl_resource *r)
{
  const OutputSize size = compositor_->output_size ();
  zxdg_output_v1_send_logical_position (r, 0, 0);
  zxdg_output_v1_send_logical_size (r, size.width / size.scale, size.height / size.scale);
  if (wl_resource_get_version (r) >= 2) {
    zxdg_output_v1_send_name (r, kName);
    zxdg_output_v1_send_description (r, kDescription);
  }
}

void
Output::SizeChanged ()
{
  for (wl_resource *r : xdg_resources_) {
    SendXdg (r);
    if (wl_resource_get_version (r) < 3)
      zxdg_output_v1_send_done (r);
  }
  for (wl_resource *r : resources_)
    SendAll (r);
}

wl_resource *
Output::OutputFor (wl_client *client) const
{
  for (wl_resource *r : resources_)
    if (wl_resource_get_client (r) == client)
      return r;
  return nullptr;
}

}  // namespace webdesk::wayland
