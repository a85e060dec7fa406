// SPDX-License-Identifier: LGPL-2.1-or-later
// The files of the web client: from the GResource built into the plugin (web/ at build time),
// or from a folder on disk (`web-root`, for developing the client without rebuilding).
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

#include <string>

namespace webdesk {

struct WebFile {
  GBytes *bytes = nullptr;  // owned by the caller (g_bytes_unref)
  const char *content_type = nullptr;
};

// Looks up the file for a request path ("/" means "/index.html"). False for paths that leave
// the web root ("..", backslashes, NUL) and for files that do not exist.
bool LoadWebFile (const std::string &web_root, const std::string &request_path, WebFile *out);

// The MIME type for a file name (module scripts must be served as JavaScript).
const char *ContentTypeFor (const std::string &path);

// Answers a GET or HEAD for `path` with the file (200), or 404 / 405.
void ServeWebFile (const std::string &web_root, SoupServerMessage *msg, const char *path);

// Where the embedded client lives in the GResource.
constexpr const char *kWebResourcePrefix = "/org/webdesk/web";

}  // namespace webdesk
