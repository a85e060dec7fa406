// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client embedded in websocketframesink is exactly web/ of this tree: a file added to
// web/src but forgotten in ext/soup/webdesk-web.gresource.xml would be missing from the page
// (a module that fails to load), a file left in the list after it moved would be stale.
#include <gio/gio.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "web-content.h"

namespace {

// Every file under `dir` (recursively), as paths relative to `base` ("src/main.js").
void
FilesOnDisk (const std::string &base, const std::string &relative, std::set<std::string> *out)
{
  const std::string dir = relative.empty () ? base : base + "/" + relative;
  g_autoptr (GDir) listing = g_dir_open (dir.c_str (), 0, nullptr);
  ASSERT_TRUE (listing) << dir;
  while (const char *name = g_dir_read_name (listing)) {
    const std::string child = relative.empty () ? name : relative + "/" + name;
    if (g_file_test ((base + "/" + child).c_str (), G_FILE_TEST_IS_DIR))
      FilesOnDisk (base, child, out);
    else
      out->insert (child);
  }
}

// Every file embedded under `path` (a GResource folder ending in '/'), relative to the web root.
void
EmbeddedFiles (const std::string &path, const std::string &relative, std::set<std::string> *out)
{
  g_auto (GStrv) children =
      g_resources_enumerate_children (path.c_str (), G_RESOURCE_LOOKUP_FLAGS_NONE, nullptr);
  ASSERT_TRUE (children) << path;
  for (gchar **c = children; *c; c++) {
    const std::string name = *c;
    if (!name.empty () && name.back () == '/')
      EmbeddedFiles (path + name, relative + name, out);
    else
      out->insert (relative + name);
  }
}

std::string
Text (GBytes *bytes)
{
  gsize size = 0;
  const char *data = static_cast<const char *> (g_bytes_get_data (bytes, &size));
  return std::string (data, size);
}

}  // namespace

TEST (EmbeddedWebFiles, AreExactlyTheFilesOfWebNothingMissingNothingStale)
{
  const char *root = g_getenv ("WEBDESK_SOURCE_ROOT");
  ASSERT_NE (root, nullptr);
  const std::string web = std::string (root) + "/web";

  std::set<std::string> on_disk, embedded;
  FilesOnDisk (web, "", &on_disk);
  EmbeddedFiles (std::string (webdesk::kWebResourcePrefix) + "/", "", &embedded);
  ASSERT_TRUE (on_disk.count ("src/main.js"));

  for (const auto &file : on_disk)
    EXPECT_TRUE (embedded.count (file))
        << "web/" << file << " is not embedded: add it to ext/soup/webdesk-web.gresource.xml";
  for (const auto &file : embedded)
    EXPECT_TRUE (on_disk.count (file))
        << file << " is embedded but no longer in web/: remove it from "
        << "ext/soup/webdesk-web.gresource.xml";

  // Each file is served as it is in web/ (the page a browser gets is this tree's client).
  for (const auto &file : on_disk) {
    if (!embedded.count (file))
      continue;
    SCOPED_TRACE (file);
    webdesk::WebFile served;
    ASSERT_TRUE (webdesk::LoadWebFile ("", "/" + file, &served));
    g_autofree gchar *contents = nullptr;
    gsize length = 0;
    ASSERT_TRUE (g_file_get_contents ((web + "/" + file).c_str (), &contents, &length, nullptr));
    EXPECT_TRUE (Text (served.bytes) == std::string (contents, length))
        << "the embedded copy differs from web/" << file << " (rebuild)";
    g_bytes_unref (served.bytes);
  }
}
