// SPDX-License-Identifier: LGPL-2.1-or-later
#include "pixman_source_box.h"

#include <cstring>
#include <mutex>

namespace webdesk::wayland {

namespace {

// The pixman renderer's own functions, and a table that calls them through wrappers. wlroots'
// pixman functions check that the renderer's table is theirs (get_renderer asserts it), so
// every wrapper puts it back for the length of the call.
const wlr_renderer_impl *pixman_impl = nullptr;
wlr_renderer_impl fixed_impl;
std::once_flag fixed_once;

class PixmanTable {
 public:
  explicit PixmanTable (wlr_renderer *renderer) : renderer_ (renderer)
  {
    renderer_->impl = pixman_impl;
  }
  ~PixmanTable () { renderer_->impl = &fixed_impl; }
  PixmanTable (const PixmanTable &) = delete;
  PixmanTable &operator= (const PixmanTable &) = delete;

 private:
  wlr_renderer *renderer_;
};

template <auto Member>
struct Through;

template <typename R, typename... Args, R (*wlr_renderer_impl::*Member) (wlr_renderer *, Args...)>
struct Through<Member> {
  static R Call (wlr_renderer *renderer, Args... args)
  {
    PixmanTable table (renderer);
    return (pixman_impl->*Member) (renderer, args...);
  }
};

// `matrix` maps the source box, as the unit square, onto the output. wlroots 0.15's pixman
// renderer multiplies it by a scale to the box's size (texture pixels into the unit square) but
// not by the translation to the box's origin, so it samples the texture from (0, 0): that
// translation (in unit-square units) goes in here, on the side the scale is applied to.
bool
RenderSubtexture (wlr_renderer *renderer, wlr_texture *texture, const wlr_fbox *box,
    const float matrix[9], float alpha)
{
  float m[9];
  std::memcpy (m, matrix, sizeof (m));
  if (box->width > 0 && box->height > 0)
    wlr_matrix_translate (m, float (-box->x / box->width), float (-box->y / box->height));
  PixmanTable table (renderer);
  return pixman_impl->render_subtexture_with_matrix (renderer, texture, box, m, alpha);
}

// Frees the renderer: its table is put back for good.
void
Destroy (wlr_renderer *renderer)
{
  renderer->impl = pixman_impl;
  pixman_impl->destroy (renderer);
}

template <auto Member>
void
Wrap (wlr_renderer_impl *impl)
{
  if (pixman_impl->*Member)
    impl->*Member = &Through<Member>::Call;
}

}  // namespace

void
FixPixmanSourceBox (wlr_renderer *renderer)
{
#if WLR_VERSION_MAJOR == 0 && WLR_VERSION_MINOR == 15
  std::call_once (fixed_once, [renderer] {
    pixman_impl = renderer->impl;
    fixed_impl = *pixman_impl;
    Wrap<&wlr_renderer_impl::bind_buffer> (&fixed_impl);
    Wrap<&wlr_renderer_impl::begin> (&fixed_impl);
    Wrap<&wlr_renderer_impl::end> (&fixed_impl);
    Wrap<&wlr_renderer_impl::clear> (&fixed_impl);
    Wrap<&wlr_renderer_impl::scissor> (&fixed_impl);
    Wrap<&wlr_renderer_impl::render_quad_with_matrix> (&fixed_impl);
    Wrap<&wlr_renderer_impl::get_shm_texture_formats> (&fixed_impl);
    Wrap<&wlr_renderer_impl::get_dmabuf_texture_formats> (&fixed_impl);
    Wrap<&wlr_renderer_impl::get_render_formats> (&fixed_impl);
    Wrap<&wlr_renderer_impl::preferred_read_format> (&fixed_impl);
    Wrap<&wlr_renderer_impl::read_pixels> (&fixed_impl);
    Wrap<&wlr_renderer_impl::get_drm_fd> (&fixed_impl);
    Wrap<&wlr_renderer_impl::get_render_buffer_caps> (&fixed_impl);
    Wrap<&wlr_renderer_impl::texture_from_buffer> (&fixed_impl);
    fixed_impl.render_subtexture_with_matrix = RenderSubtexture;
    if (pixman_impl->destroy)
      fixed_impl.destroy = Destroy;
  });
  if (renderer->impl == pixman_impl)
    renderer->impl = &fixed_impl;
#else
  (void) renderer;
#endif
}

}  // namespace webdesk::wayland
