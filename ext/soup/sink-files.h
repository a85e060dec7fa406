// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink's file transfer settings: the `files-folder` and `max-upload-bytes`
// properties, and what they make of the server's configuration (FileRoutes does the work).
#pragma once

#include <gst/gst.h>

#include <string>

#include "frame-server.h"

namespace webdesk {

class SinkFiles {
 public:
  // The property ids the element gave them.
  SinkFiles (guint folder_id, guint max_upload_id) : folder_id_ (folder_id), max_upload_id_ (max_upload_id) {}

  static void InstallProperties (GParamSpec **specs, guint folder_id, guint max_upload_id,
      GParamFlags flags);
  // For set_property and get_property: false when `id` is none of these.
  bool Set (guint id, const GValue *value);
  bool Get (guint id, GValue *value) const;
  // At start: fills the server's configuration; false, with an element error posted, when the
  // folder cannot be used.
  bool Configure (GstElement *element, ServerConfig *config) const;

 private:
  guint folder_id_, max_upload_id_;
  std::string folder_;
  guint64 max_upload_bytes_ = ServerConfig ().max_upload_bytes;
};

}  // namespace webdesk
