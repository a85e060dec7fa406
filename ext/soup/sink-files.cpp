// SPDX-License-Identifier: LGPL-2.1-or-later
// See sink-files.h.
#include "sink-files.h"

#include "file-folder.h"

GST_DEBUG_CATEGORY_EXTERN (gst_websocket_frame_sink_debug);
#define GST_CAT_DEFAULT gst_websocket_frame_sink_debug

namespace webdesk {

void
SinkFiles::InstallProperties (GParamSpec **specs, guint folder_id, guint max_upload_id,
    GParamFlags flags)
{
  /**
   * GstWebsocketFrameSink:files-folder:
   *
   * A folder for files both ways: viewers list and download its files, and viewers with full
   * access upload into it over HTTP (chunked, resumable; never replacing a file). Created when
   * missing. Viewers are told when an application writes a new file there.
   */
  specs[folder_id] = g_param_spec_string ("files-folder", "Files folder",
      "Folder whose files viewers may download, and into which viewers with full access upload "
      "(created if missing; default: none, no file transfer)",
      nullptr, flags);
  /**
   * GstWebsocketFrameSink:max-upload-bytes:
   *
   * The largest file a viewer may upload into files-folder; a larger one is refused (413).
   */
  specs[max_upload_id] = g_param_spec_uint64 ("max-upload-bytes", "Max upload bytes",
      "Largest file a viewer may upload into files-folder; larger ones are refused with a "
      "message saying so",
      1, G_MAXUINT64, ServerConfig ().max_upload_bytes, flags);
}

bool
SinkFiles::Set (guint id, const GValue *value)
{
  if (id == folder_id_) {
    const gchar *s = g_value_get_string (value);
    folder_ = s ? s : "";
  } else if (id == max_upload_id_) {
    max_upload_bytes_ = g_value_get_uint64 (value);
  } else {
    return false;
  }
  return true;
}

bool
SinkFiles::Get (guint id, GValue *value) const
{
  if (id == folder_id_)
    g_value_set_string (value, folder_.empty () ? nullptr : folder_.c_str ());
  else if (id == max_upload_id_)
    g_value_set_uint64 (value, max_upload_bytes_);
  else
    return false;
  return true;
}

bool
SinkFiles::Configure (GstElement *element, ServerConfig *config) const
{
  config->files_folder = folder_;
  config->max_upload_bytes = max_upload_bytes_;
  if (folder_.empty ())
    return true;
  FileFolder folder;
  std::string error;
  if (!folder.Open (folder_, &error)) {
    GST_ELEMENT_ERROR (element, RESOURCE, OPEN_READ_WRITE,
        ("Could not use the files folder: %s. Pick another with files-folder, or leave it "
         "empty for no file transfer.", error.c_str ()),
        ("%s", error.c_str ()));
    return false;
  }
  GST_INFO_OBJECT (element, "files go to and from %s", folder_.c_str ());
  return true;
}

}  // namespace webdesk
