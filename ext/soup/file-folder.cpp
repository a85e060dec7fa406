// SPDX-License-Identifier: LGPL-2.1-or-later
// See file-folder.h.
#include "file-folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace webdesk {

namespace {

constexpr size_t kMaxNameBytes = 255;  // NAME_MAX
constexpr int kMaxCopies = 1000;

bool
Fail (FileError *error, int status, std::string message)
{
  if (error) {
    error->status = status;
    error->message = std::move (message);
  }
  return false;
}

FileEntry
EntryOf (const std::string &name, const struct stat &st)
{
  return FileEntry {name, uint64_t (st.st_size), int64_t (st.st_mtime)};
}

}  // namespace

bool
CheckFileName (const std::string &name, FileError *error)
{
  if (name.empty ())
    return Fail (error, 400, "The file has no name.");
  if (name.size () > kMaxNameBytes)
    return Fail (error, 400, "The file name is longer than 255 bytes; rename the file.");
  if (name.find ('\0') != std::string::npos || !g_utf8_validate (name.data (), name.size (), nullptr))
    return Fail (error, 400, "The file name is not UTF-8 text; rename the file.");
  if (name.find ('/') != std::string::npos)
    return Fail (error, 400,
        "A file name may not contain '/': files go into the folder itself, not below or above it.");
  if (name == "." || name == "..")
    return Fail (error, 400, "\"" + name + "\" is not a file name.");
  if (name[0] == '.')
    return Fail (error, 400, "Hidden names (starting with '.') are not accepted; rename the file.");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f)
      return Fail (error, 400, "The file name contains control characters; rename the file.");
  }
  return true;
}

std::string
NumberedName (const std::string &name, int number)
{
  const size_t dot = name.rfind ('.');
  const bool has_extension = dot != std::string::npos && dot > 0 && name.size () - dot <= 16;
  std::string stem = has_extension ? name.substr (0, dot) : name;
  const std::string extension = has_extension ? name.substr (dot) : "";
  const std::string suffix = " (" + std::to_string (number) + ")";
  // Stay within NAME_MAX, cutting the stem at a character boundary.
  while (stem.size () + suffix.size () + extension.size () > kMaxNameBytes && !stem.empty ()) {
    const char *end = stem.c_str () + stem.size ();
    stem.resize (size_t (g_utf8_find_prev_char (stem.c_str (), end) - stem.c_str ()));
  }
  return stem + suffix + extension;
}

FileFolder::~FileFolder ()
{
  if (fd_ >= 0)
    close (fd_);
}

bool
FileFolder::Open (const std::string &path, std::string *error)
{
  if (path.empty () || !g_path_is_absolute (path.c_str ())) {
    *error = "the files folder must be an absolute path, got \"" + path + "\"";
    return false;
  }
  if (g_mkdir_with_parents (path.c_str (), 0700) != 0) {
    *error = "cannot create the files folder " + path + ": " + g_strerror (errno);
    return false;
  }
  const int fd = open (path.c_str (), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot open the files folder " + path + ": " + g_strerror (errno);
    return false;
  }
  if (fd_ >= 0)
    close (fd_);
  fd_ = fd;
  path_ = path;
  return true;
}

bool
FileFolder::Find (const std::string &name, FileEntry *entry) const
{
  struct stat st;
  if (!CheckFileName (name, nullptr) || fstatat (fd_, name.c_str (), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISREG (st.st_mode))
    return false;
  if (entry)
    *entry = EntryOf (name, st);
  return true;
}

std::vector<FileEntry>
FileFolder::List () const
{
  std::vector<FileEntry> entries;
  const int dup_fd = fcntl (fd_, F_DUPFD_CLOEXEC, 0);
  DIR *dir = dup_fd >= 0 ? fdopendir (dup_fd) : nullptr;
  if (!dir) {
    if (dup_fd >= 0)
      close (dup_fd);
    return entries;
  }
  rewinddir (dir);  // the duplicate shares the position of earlier listings
  while (struct dirent *d = readdir (dir)) {
    FileEntry entry;
    if (Find (d->d_name, &entry))
      entries.push_back (entry);
  }
  closedir (dir);
  std::sort (entries.begin (), entries.end (), [] (const FileEntry &a, const FileEntry &b) {
    return a.modified_s != b.modified_s ? a.modified_s > b.modified_s : a.name < b.name;
  });
  return entries;
}

int
FileFolder::OpenForReading (const std::string &name, FileEntry *entry, FileError *error) const
{
  if (!CheckFileName (name, error))
    return -1;
  // O_NOFOLLOW: a link (to /etc/passwd, or anywhere) is refused, not followed; O_NONBLOCK: a
  // FIFO someone left there does not block the server.
  const int fd =
      openat (fd_, name.c_str (), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP)
      Fail (error, 403, "\"" + name + "\" is a symbolic link; only files in the folder itself are served.");
    else if (errno == ENOENT)
      Fail (error, 404, "There is no file \"" + name + "\" in the folder.");
    else
      Fail (error, 403, "\"" + name + "\" cannot be read: " + g_strerror (errno));
    return -1;
  }
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    close (fd);
    Fail (error, 403, "\"" + name + "\" is not a regular file.");
    return -1;
  }
  if (entry)
    *entry = EntryOf (name, st);
  return fd;
}

bool
FileFolder::PlaceNew (int from_dir_fd, const std::string &from, const std::string &name,
    std::string *placed, FileError *error) const
{
  if (!CheckFileName (name, error))
    return false;
  for (int n = 0; n < kMaxCopies; n++) {
    const std::string candidate = n == 0 ? name : NumberedName (name, n);
    // RENAME_NOREPLACE: an existing file (or link) of that name is never replaced.
    if (renameat2 (from_dir_fd, from.c_str (), fd_, candidate.c_str (), RENAME_NOREPLACE) == 0) {
      *placed = candidate;
      return true;
    }
    if (errno == EEXIST)
      continue;
    if (errno != EINVAL && errno != ENOSYS)
      return Fail (error, 500, "Could not move the upload into the folder: " + std::string (g_strerror (errno)));
    // A file system without RENAME_NOREPLACE: a hard link fails the same way on a taken name.
    if (linkat (from_dir_fd, from.c_str (), fd_, candidate.c_str (), 0) == 0) {
      unlinkat (from_dir_fd, from.c_str (), 0);
      *placed = candidate;
      return true;
    }
    if (errno != EEXIST)
      return Fail (error, 500, "Could not move the upload into the folder: " + std::string (g_strerror (errno)));
  }
  return Fail (error, 409, "\"" + name + "\" and its numbered copies are all taken; rename the file.");
}

}  // namespace webdesk
