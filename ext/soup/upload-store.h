// SPDX-License-Identifier: LGPL-2.1-or-later
// Uploads into a FileFolder, in chunks, resumable: an upload is begun with its name and size,
// its bytes arrive in order (each chunk at the offset the store expects, so a client that lost
// its connection asks for the offset and goes on from there), and once complete the file is
// moved into the folder under its name, or a numbered copy of it: nothing is ever replaced.
// Unfinished uploads live in the hidden folder `.webdesk-uploads` inside the folder (same file
// system, so the final move is atomic) and are removed when the store goes, or after an hour
// without a chunk. Not thread-safe: the server thread owns it; chunk writes may happen on other
// threads through the descriptor StartChunk gives.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "file-folder.h"

namespace webdesk {

struct Upload {
  std::string id;    // unguessable; names the upload in later requests
  std::string name;  // the file name asked for
  uint64_t size = 0;
  uint64_t offset = 0;    // bytes received so far
  bool writing = false;   // a chunk is being written
  int64_t touched_us = 0;  // the last request about it (g_get_monotonic_time)
};

class UploadStore {
 public:
  static constexpr int64_t kIdleTimeoutUs = int64_t (3600) * 1000000;

  UploadStore (const FileFolder &folder, uint64_t max_bytes, size_t max_uploads = 16);
  ~UploadStore ();
  UploadStore (const UploadStore &) = delete;
  UploadStore &operator= (const UploadStore &) = delete;

  // Makes the folder for unfinished uploads (removing what an earlier run left there).
  bool Open (std::string *error);
  uint64_t max_bytes () const { return max_bytes_; }

  // Begins an upload of `size` bytes named `name`: refused with a reason for a bad name (400),
  // an empty file (400), one over the limit (413), too many at once (429), no room (507).
  bool Begin (const std::string &name, uint64_t size, int64_t now_us, Upload *out,
      FileError *error);
  // The upload, or nullptr (unknown, finished, cancelled or expired).
  const Upload *Find (const std::string &id, int64_t now_us);
  // Checks that `length` bytes at `offset` are what the upload expects next (409 with the
  // offset it expects; 413 past the size announced), marks it writing and returns a new
  // descriptor of its file (the writer pwrite()s at `offset` and closes it).
  int StartChunk (const std::string &id, uint64_t offset, uint64_t length, FileError *error);
  // The chunk StartChunk allowed was written (`written` false: it failed, and the upload stays
  // where it was). When that completes the upload, the file is moved into the folder:
  // `placed` gets its name there (and the upload is forgotten); else `placed` is left empty.
  bool EndChunk (const std::string &id, uint64_t length, bool written, std::string *placed,
      FileError *error);
  void Cancel (const std::string &id);
  size_t count () const { return uploads_.size (); }

 private:
  struct Entry {
    Upload upload;
    int fd = -1;  // the unfinished file in the uploads folder, named after the id
  };
  void Remove (const std::string &id);
  void ExpireIdle (int64_t now_us);

  const FileFolder &folder_;
  uint64_t max_bytes_;
  size_t max_uploads_;
  int dir_fd_ = -1;  // .webdesk-uploads
  std::map<std::string, Entry> uploads_;
};

}  // namespace webdesk
