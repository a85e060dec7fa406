// SPDX-License-Identifier: LGPL-2.1-or-later
#include "decoration.h"

#include <cairo.h>
#include <drm_fourcc.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <vector>

namespace webdesk::wayland {

namespace {

constexpr int kButtonWidth = 36;

// Pixels the renderer reads (premultiplied ARGB, cairo's layout), owned by the buffer.
struct PixelBuffer {
  wlr_buffer base;
  std::vector<uint32_t> pixels;
  size_t stride;
};

void
PixelBufferDestroy (wlr_buffer *buffer)
{
  PixelBuffer *self = wl_container_of (buffer, self, base);
  delete self;
}

bool
PixelBufferAccess (wlr_buffer *buffer, uint32_t, void **data, uint32_t *format, size_t *stride)
{
  PixelBuffer *self = wl_container_of (buffer, self, base);
  *data = self->pixels.data ();
  *format = DRM_FORMAT_ARGB8888;
  *stride = self->stride;
  return true;
}

void
PixelBufferEndAccess (wlr_buffer *)
{
}

const wlr_buffer_impl kPixelBufferImpl = {
  PixelBufferDestroy, nullptr, nullptr, PixelBufferAccess, PixelBufferEndAccess,
};

void
DrawButtons (cairo_t *cr, int width, bool maximized)
{
  cairo_set_source_rgb (cr, 0.93, 0.94, 0.96);
  cairo_set_line_width (cr, 1.5);
  const double cy = kTitleHeight / 2.0;
  // Close: a cross.
  double cx = width - kButtonWidth / 2.0;
  cairo_move_to (cr, cx - 5, cy - 5);
  cairo_line_to (cr, cx + 5, cy + 5);
  cairo_move_to (cr, cx + 5, cy - 5);
  cairo_line_to (cr, cx - 5, cy + 5);
  cairo_stroke (cr);
  // Maximize: a square (restore: two).
  cx -= kButtonWidth;
  if (maximized) {
    cairo_rectangle (cr, cx - 3, cy - 6, 9, 9);
    cairo_rectangle (cr, cx - 6, cy - 3, 9, 9);
  } else {
    cairo_rectangle (cr, cx - 5, cy - 5, 10, 10);
  }
  cairo_stroke (cr);
  // Minimize: a line.
  cx -= kButtonWidth;
  cairo_move_to (cr, cx - 5, cy + 4);
  cairo_line_to (cr, cx + 5, cy + 4);
  cairo_stroke (cr);
}

wlr_buffer *
Render (int width, int scale, const std::string &title, bool focused, bool maximized)
{
  const int w = std::max (1, width * scale), h = kTitleHeight * scale;
  auto *buffer = new PixelBuffer{};
  buffer->stride = size_t (cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, w));
  buffer->pixels.assign (buffer->stride / 4 * size_t (h), 0);
  cairo_surface_t *surface = cairo_image_surface_create_for_data (
      reinterpret_cast<unsigned char *> (buffer->pixels.data ()), CAIRO_FORMAT_ARGB32, w, h,
      int (buffer->stride));
  cairo_t *cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);  // drawn in logical pixels, rendered at the output's
  if (focused)
    cairo_set_source_rgb (cr, 0.18, 0.20, 0.25);
  else
    cairo_set_source_rgb (cr, 0.33, 0.37, 0.45);
  cairo_paint (cr);
  DrawButtons (cr, width, maximized);
  // The title, ellipsized before the buttons.
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 10");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, title.c_str (), -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, std::max (0, width - 3 * kButtonWidth - 16) * PANGO_SCALE);
  int text_w, text_h;
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  cairo_set_source_rgb (cr, 0.93, 0.94, 0.96);
  cairo_move_to (cr, 10, (kTitleHeight - text_h) / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  wlr_buffer_init (&buffer->base, &kPixelBufferImpl, w, h);
  return &buffer->base;
}

}  // namespace

DecorationHit
DecorationPart (const Box &box, double x, double y, uint32_t *edges)
{
  *edges = WLR_EDGE_NONE;
  const double top = box.y - kTitleHeight;
  const bool in_x = x >= box.x && x < box.x + box.width;
  if (in_x && y >= top && y < box.y) {
    const double from_right = box.x + box.width - x;
    if (from_right < kButtonWidth)
      return DecorationHit::kClose;
    if (from_right < 2 * kButtonWidth)
      return DecorationHit::kMaximize;
    if (from_right < 3 * kButtonWidth)
      return DecorationHit::kMinimize;
    return DecorationHit::kTitle;
  }
  // The border around the title bar and the content.
  const double left = box.x - kResizeBorder, right = box.x + box.width + kResizeBorder;
  const double upper = top - kResizeBorder, lower = box.y + box.height + kResizeBorder;
  if (x < left || x >= right || y < upper || y >= lower)
    return DecorationHit::kNone;
  if (x < box.x)
    *edges |= WLR_EDGE_LEFT;
  else if (x >= box.x + box.width)
    *edges |= WLR_EDGE_RIGHT;
  if (y < top)
    *edges |= WLR_EDGE_TOP;
  else if (y >= box.y + box.height)
    *edges |= WLR_EDGE_BOTTOM;
  return *edges ? DecorationHit::kResize : DecorationHit::kNone;
}

TitleBar::TitleBar (wlr_scene_node *parent) : parent_ (parent)
{
}

TitleBar::~TitleBar ()
{
  if (node_)
    wlr_scene_node_destroy (node_);
}

void
TitleBar::SetData (void *data)
{
  data_ = data;
  if (node_)
    node_->data = data;
}

void
TitleBar::SetVisible (bool visible)
{
  visible_ = visible;
  if (node_)
    wlr_scene_node_set_enabled (node_, visible);
}

void
TitleBar::Update (int width, int scale, const std::string &title, bool focused, bool maximized)
{
  if (node_ && width == width_ && scale == scale_ && title == title_ && focused == focused_ &&
      maximized == maximized_)
    return;
  width_ = width;
  scale_ = scale;
  title_ = title;
  focused_ = focused;
  maximized_ = maximized;
  // wlroots 0.15's scene cannot swap a buffer node's buffer: a new node replaces the old one.
  if (node_)
    wlr_scene_node_destroy (node_);
  wlr_buffer *buffer = Render (width, scale, title, focused, maximized);
  wlr_scene_buffer *scene_buffer = wlr_scene_buffer_create (parent_, buffer);
  wlr_buffer_drop (buffer);  // the scene node holds it
  wlr_scene_buffer_set_dest_size (scene_buffer, width, kTitleHeight);
  node_ = &scene_buffer->node;
  node_->data = data_;
  wlr_scene_node_set_position (node_, 0, -kTitleHeight);
  wlr_scene_node_lower_to_bottom (node_);
  wlr_scene_node_set_enabled (node_, visible_);
}

}  // namespace webdesk::wayland
