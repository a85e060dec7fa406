/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* An application that uses libgstwebdesk-1.0 as an installed library: built with
 * `pkg-config --cflags --libs gstreamer-webdesk-1.0` against the installed headers, it attaches
 * a damage meta and reads it back. Prints "ok". (installed_tree_test.sh, deb_chroot_test.sh) */
#include <gst/webdesk/webdesk.h>
#include <stdio.h>

int
main (int argc, char **argv)
{
  GstVideoRectangle rect = {16, 32, 64, 48};
  GstBuffer *buffer;
  GstWebdeskDamageMeta *meta;

  gst_init (&argc, &argv);
  buffer = gst_buffer_new ();
  gst_buffer_add_webdesk_damage_meta (buffer, &rect, 1, GST_CLOCK_TIME_NONE);
  meta = gst_buffer_get_webdesk_damage_meta (buffer);
  if (!meta || meta->n_rects != 1 || meta->rects[0].w != 64) {
    fprintf (stderr, "the damage meta did not come back\n");
    return 1;
  }
  gst_buffer_unref (buffer);
  printf ("ok\n");
  return 0;
}
