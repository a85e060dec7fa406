// SPDX-License-Identifier: LGPL-2.1-or-later
// See upload-store.h.
#include "upload-store.h"

#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace webdesk {

namespace {

constexpr const char *kUploadsFolder = ".webdesk-uploads";

bool
Fail (FileError *error, int status, std::string message)
{
  error->status = status;
  error->message = std::move (message);
  return false;
}

std::string
Bytes (uint64_t n)
{
  g_autofree gchar *text = g_format_size_full (n, G_FORMAT_SIZE_IEC_UNITS);
  return text;
}

}  // namespace

UploadStore::UploadStore (const FileFolder &folder, uint64_t max_bytes, size_t max_uploads)
    : folder_ (folder), max_bytes_ (max_bytes), max_uploads_ (max_uploads)
{
}

UploadStore::~UploadStore ()
{
  while (!uploads_.empty ())
    Remove (uploads_.begin ()->first);
  if (dir_fd_ >= 0) {
    close (dir_fd_);
    unlinkat (folder_.fd (), kUploadsFolder, AT_REMOVEDIR);  // only when empty
  }
}

bool
UploadStore::Open (std::string *error)
{
  if (mkdirat (folder_.fd (), kUploadsFolder, 0700) != 0 && errno != EEXIST) {
    *error = "cannot create " + folder_.path () + "/" + kUploadsFolder + ": " + g_strerror (errno);
    return false;
  }
  // O_NOFOLLOW: if someone made it a link to elsewhere, uploads are off rather than written there.
  dir_fd_ = openat (folder_.fd (), kUploadsFolder,
      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir_fd_ < 0) {
    *error = folder_.path () + "/" + kUploadsFolder + " is not a folder of its own (" +
        g_strerror (errno) + "): remove it";
    return false;
  }
  // Unfinished uploads of an earlier run cannot be resumed (their ids are gone): remove them.
  const int dup_fd = fcntl (dir_fd_, F_DUPFD_CLOEXEC, 0);
  if (DIR *dir = dup_fd >= 0 ? fdopendir (dup_fd) : nullptr) {
    std::vector<std::string> stale;
    while (struct dirent *d = readdir (dir)) {
      if (d->d_name[0] != '.')
        stale.emplace_back (d->d_name);
    }
    closedir (dir);
    for (const auto &name : stale)
      unlinkat (dir_fd_, name.c_str (), 0);
  } else if (dup_fd >= 0) {
    close (dup_fd);
  }
  return true;
}

void
UploadStore::ExpireIdle (int64_t now_us)
{
  std::vector<std::string> idle;
  for (const auto &u : uploads_) {
    if (!u.second.upload.writing && now_us - u.second.upload.touched_us > kIdleTimeoutUs)
      idle.push_back (u.first);
  }
  for (const auto &id : idle)
    Remove (id);
}

void
UploadStore::Remove (const std::string &id)
{
  auto it = uploads_.find (id);
  if (it == uploads_.end ())
    return;
  close (it->second.fd);
  unlinkat (dir_fd_, id.c_str (), 0);
  uploads_.erase (it);
}

bool
UploadStore::Begin (const std::string &name, uint64_t size, int64_t now_us, Upload *out,
    FileError *error)
{
  ExpireIdle (now_us);
  if (!CheckFileName (name, error))
    return false;
  if (size == 0)
    return Fail (error, 400, "\"" + name + "\" is empty: there is nothing to upload.");
  if (size > max_bytes_) {
    return Fail (error, 413, "\"" + name + "\" (" + Bytes (size) + ") is larger than the upload limit of " +
        Bytes (max_bytes_) + ".");
  }
  if (uploads_.size () >= max_uploads_)
    return Fail (error, 429, "Too many uploads at once; wait for one to finish.");
  struct statvfs fs;
  if (fstatvfs (dir_fd_, &fs) == 0 && uint64_t (fs.f_bavail) * fs.f_frsize < size)
    return Fail (error, 507, "Not enough free space in the folder for \"" + name + "\" (" + Bytes (size) + ").");
  g_autofree gchar *id = g_uuid_string_random ();
  // 0666 less the umask, as any file the user makes: it becomes theirs in the folder.
  const int fd = openat (dir_fd_, id, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0)
    return Fail (error, 500, std::string ("Could not start the upload: ") + g_strerror (errno));
  Entry entry;
  entry.fd = fd;
  entry.upload.id = id;
  entry.upload.name = name;
  entry.upload.size = size;
  entry.upload.touched_us = now_us;
  *out = entry.upload;
  uploads_.emplace (id, std::move (entry));
  return true;
}

const Upload *
UploadStore::Find (const std::string &id, int64_t now_us)
{
  ExpireIdle (now_us);
  auto it = uploads_.find (id);
  if (it == uploads_.end ())
    return nullptr;
  it->second.upload.touched_us = now_us;
  return &it->second.upload;
}

int
UploadStore::StartChunk (const std::string &id, uint64_t offset, uint64_t length,
    FileError *error)
{
  auto it = uploads_.find (id);
  if (it == uploads_.end ()) {
    Fail (error, 404, "No such upload (finished, cancelled, or idle for an hour): start it again.");
    return -1;
  }
  Upload &u = it->second.upload;
  if (u.writing) {
    Fail (error, 409, "A chunk of this upload is still being written; ask for the offset and go on from there.");
    return -1;
  }
  if (offset != u.offset) {
    Fail (error, 409, "The upload continues at byte " + std::to_string (u.offset) + ", not " +
        std::to_string (offset) + ".");
    return -1;
  }
  if (length == 0 || length > u.size - u.offset) {
    Fail (error, 413, "The chunk of " + std::to_string (length) + " bytes does not fit the " +
        std::to_string (u.size) + " bytes announced.");
    return -1;
  }
  const int fd = fcntl (it->second.fd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) {
    Fail (error, 500, std::string ("Could not write the upload: ") + g_strerror (errno));
    return -1;
  }
  u.writing = true;
  return fd;
}

bool
UploadStore::EndChunk (const std::string &id, uint64_t length, bool written, std::string *placed,
    FileError *error)
{
  placed->clear ();
  auto it = uploads_.find (id);
  if (it == uploads_.end ())
    return Fail (error, 404, "The upload was cancelled.");
  Upload &u = it->second.upload;
  u.writing = false;
  u.touched_us = g_get_monotonic_time ();
  if (!written) {
    // Whatever part of the chunk reached the file is cut off: the upload stays where it was.
    if (ftruncate (it->second.fd, off_t (u.offset)) != 0) {
      Remove (id);
      return Fail (error, 500, "Could not write the upload, and could not undo it: start it again.");
    }
    return Fail (error, 500, "Could not write the upload (is the disk full?).");
  }
  u.offset += length;
  if (u.offset < u.size)
    return true;
  const std::string name = u.name;
  close (it->second.fd);
  it->second.fd = -1;
  uploads_.erase (it);
  if (!folder_.PlaceNew (dir_fd_, id, name, placed, error)) {
    unlinkat (dir_fd_, id.c_str (), 0);
    return false;
  }
  return true;
}

void
UploadStore::Cancel (const std::string &id)
{
  auto it = uploads_.find (id);
  if (it != uploads_.end () && !it->second.upload.writing)
    Remove (id);
}

}  // namespace webdesk
