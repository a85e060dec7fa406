// SPDX-License-Identifier: LGPL-2.1-or-later
// See web-content.h.
#include "web-content.h"

#include <gio/gio.h>

namespace webdesk {

namespace {

bool
EndsWith (const std::string &s, const char *suffix)
{
  return g_str_has_suffix (s.c_str (), suffix);
}

// A request path that stays inside the root: absolute, no "." or ".." segments, no backslash.
bool
IsSafePath (const std::string &path)
{
  if (path.empty () || path[0] != '/' || path.find ('\\') != std::string::npos ||
      path.find ('\0') != std::string::npos)
    return false;
  g_auto (GStrv) segments = g_strsplit (path.c_str () + 1, "/", -1);
  for (gchar **s = segments; *s; s++) {
    if (g_str_equal (*s, "..") || g_str_equal (*s, "."))
      return false;
  }
  return true;
}

}  // namespace

const char *
ContentTypeFor (const std::string &path)
{
  if (EndsWith (path, ".html"))
    return "text/html; charset=utf-8";
  if (EndsWith (path, ".js") || EndsWith (path, ".mjs"))
    return "text/javascript; charset=utf-8";
  if (EndsWith (path, ".css"))
    return "text/css; charset=utf-8";
  if (EndsWith (path, ".svg"))
    return "image/svg+xml";
  if (EndsWith (path, ".json"))
    return "application/json";
  if (EndsWith (path, ".png"))
    return "image/png";
  return "application/octet-stream";
}

bool
LoadWebFile (const std::string &web_root, const std::string &request_path, WebFile *out)
{
  std::string path = request_path == "/" ? "/index.html" : request_path;
  if (!IsSafePath (path) || EndsWith (path, "/"))
    return false;
  GBytes *bytes = nullptr;
  if (web_root.empty ()) {
    const std::string resource = std::string (kWebResourcePrefix) + path;
    bytes = g_resources_lookup_data (resource.c_str (), G_RESOURCE_LOOKUP_FLAGS_NONE, nullptr);
  } else {
    g_autofree gchar *file = g_build_filename (web_root.c_str (), path.c_str () + 1, nullptr);
    gchar *contents = nullptr;
    gsize length = 0;
    if (g_file_test (file, G_FILE_TEST_IS_REGULAR) &&
        g_file_get_contents (file, &contents, &length, nullptr))
      bytes = g_bytes_new_take (contents, length);
  }
  if (!bytes)
    return false;
  out->bytes = bytes;
  out->content_type = ContentTypeFor (path);
  return true;
}

void
ServeWebFile (const std::string &web_root, SoupServerMessage *msg, const char *path)
{
  const char *method = soup_server_message_get_method (msg);
  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0) {
    soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, nullptr);
    return;
  }
  WebFile file;
  if (!LoadWebFile (web_root, path, &file)) {
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, nullptr);
    return;
  }
  gsize size = 0;
  const void *bytes = g_bytes_get_data (file.bytes, &size);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
      "no-cache");
  soup_server_message_set_response (msg, file.content_type, SOUP_MEMORY_COPY,
      static_cast<const char *> (bytes), size);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, nullptr);
  g_bytes_unref (file.bytes);
}

}  // namespace webdesk
