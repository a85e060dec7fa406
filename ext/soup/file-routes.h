// SPDX-License-Identifier: LGPL-2.1-or-later
// File transfer over HTTP beside the WebSocket (docs/protocol.md, "Files"), so a large upload
// never stalls frames: the folder's listing and downloads under /files, chunked resumable
// uploads under /uploads, and a notice to the viewers when a file is written into the folder
// while they watch (GFileMonitor). Every request has passed the server's authentication; the
// Origin check and the view-only rule are ServerAccess's own (no copy of them here). Server
// thread only; file reads and writes run on GIO's worker threads, never blocking it.
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "file-folder.h"
#include "upload-store.h"

namespace webdesk {

class ServerAccess;

class FileRoutes {
 public:
  // Largest body of one upload request; the web client sends 1 MiB chunks.
  static constexpr uint64_t kMaxChunkBytes = 8 * 1024 * 1024;

  // `notify` gets a JSON text for every viewer: a file was written into the folder.
  FileRoutes (const ServerAccess &access, uint64_t max_upload_bytes,
      std::function<void (const std::string &)> notify);
  ~FileRoutes ();
  FileRoutes (const FileRoutes &) = delete;
  FileRoutes &operator= (const FileRoutes &) = delete;

  // Opens (creates) the folder, watches it and adds the handlers; false with a reason.
  bool Install (SoupServer *server, const std::string &folder, std::string *error);
  // {"type":"files","max_upload_bytes":N}: what a viewer is told after its hello.
  std::string StateJson () const;

 private:
  static void OnFiles (SoupServer *, SoupServerMessage *msg, const char *path, GHashTable *,
      gpointer self);
  static void OnRequestStarted (SoupServer *, SoupServerMessage *msg, gpointer self);
  static void OnUploadHeaders (SoupServerMessage *msg, gpointer self);
  static void OnUploads (SoupServer *, SoupServerMessage *msg, const char *path, GHashTable *,
      gpointer self);
  static void OnFolderChanged (GFileMonitor *, GFile *file, GFile *other, GFileMonitorEvent event,
      gpointer self);
  void List (SoupServerMessage *msg);
  void Download (SoupServerMessage *msg, const std::string &name);
  void WriteChunk (SoupServerMessage *msg, const std::string &id, uint64_t offset);
  void Announce (const std::string &name);

  const ServerAccess &access_;
  SoupServer *server_ = nullptr;
  FileFolder folder_;
  UploadStore uploads_;
  std::function<void (const std::string &)> notify_;
  GFileMonitor *monitor_ = nullptr;
  std::map<std::string, int64_t> announced_;  // name -> when, to say each write once
  // Cleared when this goes; reads and writes finishing later on a worker thread see it.
  std::shared_ptr<bool> alive_ = std::make_shared<bool> (true);
};

}  // namespace webdesk
