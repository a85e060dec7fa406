// SPDX-License-Identifier: LGPL-2.1-or-later
// See file-routes.h. The HTTP side of files:
//   GET    /files                    the folder's files (JSON)
//   GET    /files?name=N             that file (an attachment)
//   POST   /uploads?name=N&size=S    begins an upload: {"id","offset":0}
//   GET    /uploads/ID               where it stands: {"id","offset","size","name"}
//   PUT    /uploads/ID?offset=O      a chunk (the body); the last one places the file
//   DELETE /uploads/ID               cancels it
// Every answer but a download is JSON; a refusal is {"error": "what happened and what to do"}.
#include "file-routes.h"

#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iterator>

#include "control-message.h"
#include "server-access.h"

namespace webdesk {

namespace {

constexpr gsize kReadChunkBytes = 256 * 1024;
// A file written again within this long is announced once.
constexpr int64_t kAnnounceAgainUs = 2000000;

void
SendJson (SoupServerMessage *msg, int status, JsonBuilder *b)
{
  const std::string text = JsonText (b);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
      "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text.data (),
      text.size ());
  soup_server_message_set_status (msg, guint (status), nullptr);
}

void
SendError (SoupServerMessage *msg, int status, const std::string &message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message.c_str ());
  json_builder_end_object (b);
  SendJson (msg, status, b);
}

void
SendError (SoupServerMessage *msg, const FileError &error)
{
  SendError (msg, error.status, error.message);
}

void
AddMember (JsonBuilder *b, const char *name, const std::string &value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value.c_str ());
}

void
AddMember (JsonBuilder *b, const char *name, int64_t value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
AddEntry (JsonBuilder *b, const FileEntry &e)
{
  json_builder_begin_object (b);
  AddMember (b, "name", e.name);
  AddMember (b, "size", int64_t (e.size));
  AddMember (b, "modified", e.modified_s);
  json_builder_end_object (b);
}

// The request's query as decoded parameters; false (400 sent) when it is not valid UTF-8 text
// or hides a NUL byte, which GLib refuses rather than cuts short.
bool
QueryParams (SoupServerMessage *msg, GHashTable **params)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr (GError) error = nullptr;
  *params = g_uri_parse_params (query ? query : "", -1, "&", G_URI_PARAMS_WWW_FORM, &error);
  if (!*params) {
    SendError (msg, 400, "The file name is not UTF-8 text, or hides a NUL byte (" +
        std::string (error->message) + "); rename the file.");
    return false;
  }
  return true;
}

bool
ParseCount (const char *text, uint64_t *out)
{
  if (!text || !*text || !g_ascii_isdigit (text[0]))
    return false;
  guint64 value = 0;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, nullptr))
    return false;
  *out = value;
  return true;
}

bool
Refused (SoupServerMessage *msg)
{
  return soup_server_message_get_status (msg) != 0;
}

// One download, streamed: the file is read in pieces on GIO's worker threads and each is
// appended once the previous one went out, so a large file costs neither memory nor the server
// thread's time, and one that shrinks meanwhile is cut short rather than mapped (no SIGBUS).
struct DownloadStream {
  std::shared_ptr<bool> alive;
  SoupServerMessage *msg = nullptr;
  GInputStream *stream = nullptr;
  uint64_t remaining = 0;
  bool reading = false;
  bool finished = false;

  ~DownloadStream ()
  {
    g_signal_handlers_disconnect_by_data (msg, this);
    g_object_unref (msg);
    g_object_unref (stream);
  }

  void ReadNext ()
  {
    reading = true;
    soup_server_message_pause (msg);
    g_input_stream_read_bytes_async (stream, gsize (MIN (remaining, kReadChunkBytes)),
        G_PRIORITY_DEFAULT, nullptr, OnRead, this);
  }

  static void OnRead (GObject *source, GAsyncResult *result, gpointer data)
  {
    auto *d = static_cast<DownloadStream *> (data);
    g_autoptr (GBytes) bytes =
        g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, nullptr);
    d->reading = false;
    if (!*d->alive || d->finished) {
      delete d;
      return;
    }
    if (!bytes || g_bytes_get_size (bytes) == 0) {
      // The file shrank (or failed) under us: end the connection, the client sees it short.
      g_autoptr (GIOStream) connection = soup_server_message_steal_connection (d->msg);
      if (connection)
        g_io_stream_close (connection, nullptr, nullptr);
      delete d;
      return;
    }
    SoupMessageBody *body = soup_server_message_get_response_body (d->msg);
    d->remaining -= MIN (d->remaining, g_bytes_get_size (bytes));
    soup_message_body_append_bytes (body, bytes);
    if (d->remaining == 0)
      soup_message_body_complete (body);
    soup_server_message_unpause (d->msg);
  }

  static void OnWroteChunk (SoupServerMessage *, gpointer data)
  {
    auto *d = static_cast<DownloadStream *> (data);
    if (d->remaining > 0 && !d->reading)
      d->ReadNext ();
  }

  static void OnFinished (SoupServerMessage *, gpointer data)
  {
    auto *d = static_cast<DownloadStream *> (data);
    d->finished = true;
    if (!d->reading)
      delete d;
  }
};

// One chunk of an upload, written with pwrite() on a worker thread.
struct ChunkWrite {
  std::shared_ptr<bool> alive;
  FileRoutes *routes = nullptr;
  SoupServerMessage *msg = nullptr;
  std::string id;
  GBytes *bytes = nullptr;
  int fd = -1;
  uint64_t offset = 0;

  ~ChunkWrite ()
  {
    g_object_unref (msg);
    g_bytes_unref (bytes);
  }
};

}  // namespace

FileRoutes::FileRoutes (const ServerAccess &access, uint64_t max_upload_bytes,
    std::function<void (const std::string &)> notify)
    : access_ (access), uploads_ (folder_, max_upload_bytes), notify_ (std::move (notify))
{
}

FileRoutes::~FileRoutes ()
{
  *alive_ = false;
  if (server_)
    g_signal_handlers_disconnect_by_data (server_, this);
  if (monitor_) {
    g_signal_handlers_disconnect_by_data (monitor_, this);
    g_file_monitor_cancel (monitor_);
    g_object_unref (monitor_);
  }
}

bool
FileRoutes::Install (SoupServer *server, const std::string &folder, std::string *error)
{
  if (!folder_.Open (folder, error) || !uploads_.Open (error))
    return false;
  g_autoptr (GFile) file = g_file_new_for_path (folder.c_str ());
  g_autoptr (GError) gerror = nullptr;
  monitor_ = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, nullptr, &gerror);
  if (monitor_)
    g_signal_connect (monitor_, "changed", G_CALLBACK (OnFolderChanged), this);
  else
    g_warning ("webdesk: no notices of new files in %s: %s", folder.c_str (), gerror->message);
  soup_server_add_handler (server, "/files", OnFiles, this, nullptr);
  soup_server_add_handler (server, "/uploads", OnUploads, this, nullptr);
  // Not an early handler: libsoup 3.2 skips those for a request that passed authentication.
  g_signal_connect (server, "request-started", G_CALLBACK (OnRequestStarted), this);
  server_ = server;
  return true;
}

std::string
FileRoutes::StateJson () const
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  AddMember (b, "type", std::string ("files"));
  AddMember (b, "max_upload_bytes", int64_t (uploads_.max_bytes ()));
  json_builder_end_object (b);
  return JsonText (b);
}

void
FileRoutes::OnFiles (SoupServer *, SoupServerMessage *msg, const char *path, GHashTable *,
    gpointer data)
{
  auto *self = static_cast<FileRoutes *> (data);
  self->access_.CheckWebSocketRequest (msg);  // another site's page: 403
  if (Refused (msg))
    return;
  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0) {
    SendError (msg, 405, "Only GET: uploads go to /uploads.");
    return;
  }
  if (g_strcmp0 (path, "/files") != 0 && g_strcmp0 (path, "/files/") != 0) {
    SendError (msg, 404, "Ask for a file as /files?name=NAME.");
    return;
  }
  g_autoptr (GHashTable) params = nullptr;
  if (!QueryParams (msg, &params))
    return;
  const char *name = static_cast<const char *> (g_hash_table_lookup (params, "name"));
  if (name)
    self->Download (msg, name);
  else
    self->List (msg);
}

void
FileRoutes::List (SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (const FileEntry &e : folder_.List ())
    AddEntry (b, e);
  json_builder_end_array (b);
  AddMember (b, "max_upload_bytes", int64_t (uploads_.max_bytes ()));
  json_builder_set_member_name (b, "upload");
  json_builder_add_boolean_value (b, access_.FullAccess (msg));
  json_builder_end_object (b);
  SendJson (msg, 200, b);
}

void
FileRoutes::Download (SoupServerMessage *msg, const std::string &name)
{
  FileEntry entry;
  FileError error;
  const int fd = folder_.OpenForReading (name, &entry, &error);
  if (fd < 0) {
    SendError (msg, error);
    return;
  }
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (params, const_cast<char *> ("filename"), const_cast<char *> (name.c_str ()));
  soup_message_headers_set_content_disposition (headers, "attachment", params);
  soup_message_headers_set_content_type (headers, "application/octet-stream", nullptr);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_set_content_length (headers, goffset (entry.size));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, nullptr);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  soup_message_body_set_accumulate (body, FALSE);
  if (entry.size == 0) {
    close (fd);
    soup_message_body_complete (body);
    return;
  }
  auto *d = new DownloadStream ();
  d->alive = alive_;
  d->msg = SOUP_SERVER_MESSAGE (g_object_ref (msg));
  d->stream = g_unix_input_stream_new (fd, TRUE);
  d->remaining = entry.size;
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (DownloadStream::OnWroteChunk), d);
  g_signal_connect (msg, "finished", G_CALLBACK (DownloadStream::OnFinished), d);
  d->ReadNext ();
}

void
FileRoutes::OnRequestStarted (SoupServer *, SoupServerMessage *msg, gpointer data)
{
  // Connected after the server's own got-headers handler (it connects before it emits
  // request-started): authentication is done when this runs, for every request.
  g_signal_connect (msg, "got-headers", G_CALLBACK (OnUploadHeaders), data);
}

void
FileRoutes::OnUploadHeaders (SoupServerMessage *msg, gpointer data)
{
  // Before the body is read: a refusal here costs no upload bandwidth, and no memory.
  auto *self = static_cast<FileRoutes *> (data);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  if (Refused (msg) || !path || (g_strcmp0 (path, "/uploads") != 0 && !g_str_has_prefix (path, "/uploads/")))
    return;
  self->access_.CheckWebSocketRequest (msg);  // another site's page: 403
  if (Refused (msg))
    return;
  if (!self->access_.FullAccess (msg)) {
    SendError (msg, 403, "View-only access: uploading files needs the full password.");
    return;
  }
  if (g_strcmp0 (soup_server_message_get_method (msg), "PUT") != 0)
    return;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH) {
    SendError (msg, 411, "A chunk needs a Content-Length.");
    return;
  }
  if (uint64_t (soup_message_headers_get_content_length (headers)) > kMaxChunkBytes) {
    SendError (msg, 413, "A chunk may be at most " + std::to_string (kMaxChunkBytes) +
        " bytes; send the file in smaller pieces.");
  }
}

void
FileRoutes::OnUploads (SoupServer *, SoupServerMessage *msg, const char *path, GHashTable *,
    gpointer data)
{
  auto *self = static_cast<FileRoutes *> (data);
  if (!self->access_.FullAccess (msg)) {  // refused at its headers already; never write anyway
    SendError (msg, 403, "View-only access: uploading files needs the full password.");
    return;
  }
  const std::string method = soup_server_message_get_method (msg);
  const std::string p = path;
  const int64_t now = g_get_monotonic_time ();
  g_autoptr (GHashTable) params = nullptr;
  if (!QueryParams (msg, &params))
    return;
  if (p == "/uploads" || p == "/uploads/") {
    if (method != "POST") {
      SendError (msg, 405, "Begin an upload with POST /uploads?name=NAME&size=BYTES.");
      return;
    }
    const char *name = static_cast<const char *> (g_hash_table_lookup (params, "name"));
    uint64_t size = 0;
    if (!name || !ParseCount (static_cast<const char *> (g_hash_table_lookup (params, "size")), &size)) {
      SendError (msg, 400, "Begin an upload with POST /uploads?name=NAME&size=BYTES.");
      return;
    }
    Upload upload;
    FileError error;
    if (!self->uploads_.Begin (name, size, now, &upload, &error)) {
      SendError (msg, error);
      return;
    }
    g_autoptr (JsonBuilder) b = json_builder_new ();
    json_builder_begin_object (b);
    AddMember (b, "id", upload.id);
    AddMember (b, "offset", int64_t (0));
    json_builder_end_object (b);
    SendJson (msg, 201, b);
    return;
  }
  const std::string id = p.substr (p.rfind ('/') + 1);
  if (p.rfind ("/uploads/", 0) != 0 || id.empty () || p.find ('/', 9) != std::string::npos) {
    SendError (msg, 404, "No such upload.");
    return;
  }
  if (method == "GET") {
    const Upload *u = self->uploads_.Find (id, now);
    if (!u) {
      SendError (msg, 404, "No such upload (finished, cancelled, or idle for an hour): start it again.");
      return;
    }
    g_autoptr (JsonBuilder) b = json_builder_new ();
    json_builder_begin_object (b);
    AddMember (b, "id", u->id);
    AddMember (b, "name", u->name);
    AddMember (b, "offset", int64_t (u->offset));
    AddMember (b, "size", int64_t (u->size));
    json_builder_end_object (b);
    SendJson (msg, 200, b);
  } else if (method == "DELETE") {
    self->uploads_.Cancel (id);
    soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, nullptr);
  } else if (method == "PUT") {
    uint64_t offset = 0;
    if (!ParseCount (static_cast<const char *> (g_hash_table_lookup (params, "offset")), &offset)) {
      SendError (msg, 400, "A chunk needs ?offset=BYTES: where in the file it goes.");
      return;
    }
    self->WriteChunk (msg, id, offset);
  } else {
    SendError (msg, 405, "An upload takes GET, PUT or DELETE.");
  }
}

void
FileRoutes::WriteChunk (SoupServerMessage *msg, const std::string &id, uint64_t offset)
{
  GBytes *bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  FileError error;
  const int fd = uploads_.StartChunk (id, offset, g_bytes_get_size (bytes), &error);
  if (fd < 0) {
    g_bytes_unref (bytes);
    SendError (msg, error);
    return;
  }
  auto *w = new ChunkWrite ();
  w->alive = alive_;
  w->routes = this;
  w->msg = SOUP_SERVER_MESSAGE (g_object_ref (msg));
  w->id = id;
  w->bytes = bytes;
  w->fd = fd;
  w->offset = offset;
  soup_server_message_pause (msg);
  GTask *task = g_task_new (nullptr, nullptr,
      [] (GObject *, GAsyncResult *result, gpointer data) {
        auto *w = static_cast<ChunkWrite *> (data);
        const bool written = g_task_propagate_boolean (G_TASK (result), nullptr);
        if (*w->alive) {
          FileRoutes *self = w->routes;
          std::string placed;
          FileError error;
          const uint64_t length = g_bytes_get_size (w->bytes);
          if (!self->uploads_.EndChunk (w->id, length, written, &placed, &error)) {
            SendError (w->msg, error);
          } else {
            g_autoptr (JsonBuilder) b = json_builder_new ();
            json_builder_begin_object (b);
            AddMember (b, "id", w->id);
            AddMember (b, "offset", int64_t (w->offset + length));
            if (!placed.empty ()) {
              json_builder_set_member_name (b, "done");
              json_builder_add_boolean_value (b, TRUE);
              AddMember (b, "name", placed);
            }
            json_builder_end_object (b);
            SendJson (w->msg, 200, b);
          }
          soup_server_message_unpause (w->msg);
        }
        delete w;
      },
      w);
  g_task_set_task_data (task, w, nullptr);
  g_task_run_in_thread (task, [] (GTask *t, gpointer, gpointer data, GCancellable *) {
    auto *w = static_cast<ChunkWrite *> (data);
    gsize size = 0;
    const auto *p = static_cast<const uint8_t *> (g_bytes_get_data (w->bytes, &size));
    bool ok = true;
    for (gsize done = 0; ok && done < size;) {
      const ssize_t n = pwrite (w->fd, p + done, size - done, off_t (w->offset + done));
      if (n > 0)
        done += gsize (n);
      else if (n < 0 && errno == EINTR)
        continue;
      else
        ok = false;
    }
    close (w->fd);
    g_task_return_boolean (t, ok);
  });
  g_object_unref (task);
}

void
FileRoutes::OnFolderChanged (GFileMonitor *, GFile *file, GFile *other, GFileMonitorEvent event,
    gpointer data)
{
  // Written and closed, moved in, or renamed into its final name (an application that writes
  // "x.part" and then renames it): that file is new to the viewers.
  GFile *subject = nullptr;
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_MOVED_IN)
    subject = file;
  else if (event == G_FILE_MONITOR_EVENT_RENAMED)
    subject = other;
  if (!subject)
    return;
  g_autofree gchar *name = g_file_get_basename (subject);
  if (name)
    static_cast<FileRoutes *> (data)->Announce (name);
}

void
FileRoutes::Announce (const std::string &name)
{
  FileEntry entry;
  if (!folder_.Find (name, &entry))
    return;  // hidden, a link, a folder, an odd name, or gone again
  const int64_t now = g_get_monotonic_time ();
  auto it = announced_.find (name);
  if (it != announced_.end () && now - it->second < kAnnounceAgainUs)
    return;
  for (auto old = announced_.begin (); old != announced_.end ();)
    old = now - old->second >= kAnnounceAgainUs ? announced_.erase (old) : std::next (old);
  announced_[name] = now;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  AddMember (b, "type", std::string ("file-added"));
  AddMember (b, "name", entry.name);
  AddMember (b, "size", int64_t (entry.size));
  AddMember (b, "modified", entry.modified_s);
  json_builder_end_object (b);
  notify_ (JsonText (b));
}

}  // namespace webdesk
