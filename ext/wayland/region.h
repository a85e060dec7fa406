// SPDX-License-Identifier: LGPL-2.1-or-later
// A pixman region with value semantics: the damage and clip sets of the compositor.
#pragma once

#include <pixman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace webdesk::wayland {

class Region {
 public:
  Region () { pixman_region32_init (&r_); }
  Region (int x, int y, int width, int height)
  {
    pixman_region32_init_rect (&r_, x, y, unsigned (width > 0 ? width : 0),
        unsigned (height > 0 ? height : 0));
  }
  Region (const Region &o)
  {
    pixman_region32_init (&r_);
    pixman_region32_copy (&r_, const_cast<pixman_region32_t *> (&o.r_));
  }
  Region &operator= (const Region &o)
  {
    if (this != &o)
      pixman_region32_copy (&r_, const_cast<pixman_region32_t *> (&o.r_));
    return *this;
  }
  ~Region () { pixman_region32_fini (&r_); }

  void Clear () { pixman_region32_clear (&r_); }
  bool Empty () const { return !pixman_region32_not_empty (const_cast<pixman_region32_t *> (&r_)); }
  void Add (int x, int y, int width, int height)
  {
    if (width > 0 && height > 0)
      pixman_region32_union_rect (&r_, &r_, x, y, unsigned (width), unsigned (height));
  }
  void Add (const Region &o) { pixman_region32_union (&r_, &r_, const_cast<pixman_region32_t *> (&o.r_)); }
  void Subtract (const Region &o)
  {
    pixman_region32_subtract (&r_, &r_, const_cast<pixman_region32_t *> (&o.r_));
  }
  void Intersect (const Region &o)
  {
    pixman_region32_intersect (&r_, &r_, const_cast<pixman_region32_t *> (&o.r_));
  }
  void IntersectRect (int x, int y, int width, int height)
  {
    pixman_region32_intersect_rect (&r_, &r_, x, y, unsigned (width > 0 ? width : 0),
        unsigned (height > 0 ? height : 0));
  }
  void Translate (int dx, int dy) { pixman_region32_translate (&r_, dx, dy); }
  bool Contains (int x, int y) const
  {
    return pixman_region32_contains_point (const_cast<pixman_region32_t *> (&r_), x, y, nullptr);
  }
  pixman_box32_t Extents () const { return *pixman_region32_extents (const_cast<pixman_region32_t *> (&r_)); }
  std::vector<pixman_box32_t> Boxes () const
  {
    int n = 0;
    const pixman_box32_t *b = pixman_region32_rectangles (const_cast<pixman_region32_t *> (&r_), &n);
    std::vector<pixman_box32_t> boxes;
    boxes.reserve (size_t (n > 0 ? n : 0));
    for (int i = 0; i < n; i++)
      boxes.push_back (b[i]);
    return boxes;
  }
  // Area of the region in pixels.
  uint64_t Area () const
  {
    uint64_t area = 0;
    for (const auto &b : Boxes ())
      area += uint64_t (b.x2 - b.x1) * uint64_t (b.y2 - b.y1);
    return area;
  }
  bool operator== (const Region &o) const
  {
    return pixman_region32_equal (const_cast<pixman_region32_t *> (&r_),
        const_cast<pixman_region32_t *> (&o.r_));
  }

  pixman_region32_t *get () { return &r_; }

 private:
  pixman_region32_t r_;
};

}  // namespace webdesk::wayland
