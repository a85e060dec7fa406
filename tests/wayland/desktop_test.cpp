// SPDX-License-Identifier: LGPL-2.1-or-later
// The desktop mode with a layer-shell client: a launcher (an overlay surface that takes the
// keyboard to itself, as fuzzel does) gives the keyboard back to the windows when it goes,
// even when it quits without unmapping first.
#include <gtest/gtest.h>

#include <cstring>

#include "compositor_fixture.h"
#include "text_input_client.h"
// The protocol names an argument `namespace`, a C++ keyword.
#define namespace namespace_
#include "wlr-layer-shell-unstable-v1-client-protocol.h"
#undef namespace

using webdesk::testing::CompositorTest;
using webdesk::testing::TestClient;
using webdesk::testing::TextInputClient;
using webdesk::testing::Window;

namespace {

class DesktopTest : public CompositorTest {
 protected:
  webdesk::wayland::CompositorOptions Options () const override
  {
    webdesk::wayland::CompositorOptions o;
    o.shell = webdesk::wayland::Shell::kDesktop;
    return o;
  }
};

// A launcher's surface: on the overlay layer, taking the keyboard to itself.
class Launcher {
 public:
  explicit Launcher (TestClient &c)
  {
    wl_registry *registry = wl_display_get_registry (c.display ());
    wl_registry_add_listener (registry, &kRegistryListener, &shell_);
    c.Roundtrip ();
    wl_registry_destroy (registry);
    if (!shell_)
      return;
    surface = c.CreateSurface ();
    layer_ = zwlr_layer_shell_v1_get_layer_surface (shell_, surface, nullptr,
        ZWLR_LAYER_SHELL_V1_LAYER_OVERLAY, "launcher");
    zwlr_layer_surface_v1_add_listener (layer_, &kLayerListener, this);
    zwlr_layer_surface_v1_set_size (layer_, 32, 24);
    zwlr_layer_surface_v1_set_keyboard_interactivity (layer_,
        ZWLR_LAYER_SURFACE_V1_KEYBOARD_INTERACTIVITY_EXCLUSIVE);
    wl_surface_commit (surface);
    c.Roundtrip ();  // the configure, acked
    wl_surface_attach (surface, c.CreateBuffer (32, 24, 0x00ff00)->buffer, 0, 0);
    wl_surface_damage_buffer (surface, 0, 0, 32, 24);
    wl_surface_commit (surface);
    c.Roundtrip ();
  }
  bool Valid () const { return layer_ != nullptr; }
  wl_surface *surface = nullptr;

 private:
  static void Global (void *data, wl_registry *registry, uint32_t name, const char *interface,
      uint32_t)
  {
    if (!strcmp (interface, zwlr_layer_shell_v1_interface.name))
      *static_cast<zwlr_layer_shell_v1 **> (data) = static_cast<zwlr_layer_shell_v1 *> (
          wl_registry_bind (registry, name, &zwlr_layer_shell_v1_interface, 1));
  }
  static void GlobalRemove (void *, wl_registry *, uint32_t) {}
  static void Configure (void *, zwlr_layer_surface_v1 *layer, uint32_t serial, uint32_t,
      uint32_t)
  {
    zwlr_layer_surface_v1_ack_configure (layer, serial);
  }
  static void Closed (void *, zwlr_layer_surface_v1 *) {}
  static constexpr wl_registry_listener kRegistryListener = {Global, GlobalRemove};
  static constexpr zwlr_layer_surface_v1_listener kLayerListener = {Configure, Closed};

  zwlr_layer_shell_v1 *shell_ = nullptr;
  zwlr_layer_surface_v1 *layer_ = nullptr;
};

}  // namespace

TEST_F (DesktopTest, ALauncherThatQuitsGivesTheKeyboardBackToTheWindows)
{
  auto app = Connect ();
  Window *first = app->CreateToplevel ();
  app->Show (first, app->CreateBuffer (32, 24, 0x0000ff));
  app->Roundtrip ();
  ASSERT_EQ (app->input.keyboard_focus, first->surface);

  auto launcher_client = Connect ();
  {
    Launcher launcher (*launcher_client);
    ASSERT_TRUE (launcher.Valid ()) << "zwlr_layer_shell_v1 is not offered";
    launcher_client->Roundtrip ();
    app->Roundtrip ();
    EXPECT_EQ (launcher_client->input.keyboard_focus, launcher.surface);
    EXPECT_EQ (app->input.keyboard_focus, nullptr);
  }
  // It starts an application and quits, without unmapping its surface first.
  launcher_client.reset ();
  compositor_.InvokeSync ([] {});
  app->Roundtrip ();
  EXPECT_EQ (app->input.keyboard_focus, first->surface);

  // The application's new window takes the keyboard, and its text input enters it.
  TextInputClient text_input (app->display (), app->seat_);
  Window *second = app->CreateToplevel ();
  app->Show (second, app->CreateBuffer (32, 24, 0xff0000));
  app->Roundtrip ();
  EXPECT_EQ (app->input.keyboard_focus, second->surface);
  EXPECT_EQ (text_input.entered, second->surface);
}
