// SPDX-License-Identifier: LGPL-2.1-or-later
// The one folder that files are uploaded into and downloaded from (websocketframesink's
// `files-folder`). Everything goes through a descriptor of the folder opened once (openat and
// friends, never a path joined from a client's name), names are checked before any system call
// sees them, and symbolic links are never followed: nothing outside the folder is read or
// written, whatever a client sends or an application puts in the folder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace webdesk {

struct FileEntry {
  std::string name;
  uint64_t size = 0;
  int64_t modified_s = 0;  // seconds since 1970
};

// Why a file request was refused: the HTTP status, and a sentence that tells the user what to do.
struct FileError {
  int status = 0;
  std::string message;
};

// Whether `name` is a plain file name for the folder: UTF-8 text of 1..255 bytes, not hidden,
// no '/', no control characters, not "." or "..". False with the reason (status 400) otherwise.
bool CheckFileName (const std::string &name, FileError *error);

// "report.pdf", 2 -> "report (2).pdf"; the name for a copy when `name` is taken.
std::string NumberedName (const std::string &name, int number);

class FileFolder {
 public:
  FileFolder () = default;
  ~FileFolder ();
  FileFolder (const FileFolder &) = delete;
  FileFolder &operator= (const FileFolder &) = delete;

  // Opens the folder, creating it (and missing parents, mode 0700) when it does not exist.
  bool Open (const std::string &path, std::string *error);
  const std::string &path () const { return path_; }
  int fd () const { return fd_; }

  // The regular files of the folder itself (no hidden ones, no links, no folders; only names
  // CheckFileName accepts, so every one listed can be asked for), newest first.
  std::vector<FileEntry> List () const;
  // The entry of a regular file of the folder (not a link); false when there is none.
  bool Find (const std::string &name, FileEntry *entry) const;
  // A new descriptor to read the file (the caller closes it), or -1 with the reason: a bad
  // name (400), a link or anything but a regular file (403), no such file (404).
  int OpenForReading (const std::string &name, FileEntry *entry, FileError *error) const;
  // Moves `from` (in the folder `from_dir_fd`) into the folder as `name`, or, when that is
  // taken, as "name (1)", "name (2)", ...: never replacing anything. `placed`: the name used.
  bool PlaceNew (int from_dir_fd, const std::string &from, const std::string &name,
      std::string *placed, FileError *error) const;

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace webdesk
