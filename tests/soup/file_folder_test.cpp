// SPDX-License-Identifier: LGPL-2.1-or-later
// The files folder and its uploads without a server: which names are files of the folder, what
// is listed, and how an upload becomes a file (in order, resumable, never replacing one).
#include <glib/gstdio.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "file-folder.h"
#include "upload-store.h"

namespace {

class Folder : public ::testing::Test {
 protected:
  void SetUp () override
  {
    root_ = g_dir_make_tmp ("webdesk-folder-XXXXXX", nullptr);
    path_ = root_ + "/a/b/shared";  // missing parents are made
    std::string error;
    ASSERT_TRUE (folder_.Open (path_, &error)) << error;
  }

  void TearDown () override
  {
    // Only the temporary tree this test made.
    const std::string command = "rm -rf '" + root_ + "'";
    EXPECT_EQ (system (command.c_str ()), 0);
  }

  void Write (const std::string &name, const std::string &contents)
  {
    ASSERT_TRUE (g_file_set_contents ((path_ + "/" + name).c_str (), contents.c_str (),
        gssize (contents.size ()), nullptr));
  }

  std::string Read (const std::string &name)
  {
    g_autofree gchar *text = nullptr;
    gsize length = 0;
    if (!g_file_get_contents ((path_ + "/" + name).c_str (), &text, &length, nullptr))
      return "<missing>";
    return std::string (text, length);
  }

  std::string root_, path_;
  webdesk::FileFolder folder_;
};

}  // namespace

TEST (FileName, PlainNamesOfTheFolderPass)
{
  for (const std::string &name : std::vector<std::string> {"a.txt", "report 2024 (final).pdf",
           "日本語.md", "é", "x..y", "trailing.", std::string (255, 'n')})
    EXPECT_TRUE (webdesk::CheckFileName (name, nullptr)) << name;
}

TEST (FileName, NamesThatLeaveTheFolderOrHideOrConfuseAreRefusedWithAReason)
{
  const std::pair<std::string, std::string> cases[] = {
      {"", "no name"},
      {std::string (256, 'n'), "255 bytes"},
      {"../x", "'/'"},
      {"a/b", "'/'"},
      {"..", "not a file name"},
      {".", "not a file name"},
      {".bashrc", "Hidden"},
      {std::string ("a\0b", 3), "UTF-8"},
      {"\xff\xfe", "UTF-8"},
      {"tab\there", "control"},
      {"del\x7f", "control"},
  };
  for (const auto &c : cases) {
    webdesk::FileError error;
    EXPECT_FALSE (webdesk::CheckFileName (c.first, &error)) << c.first;
    EXPECT_EQ (error.status, 400);
    EXPECT_NE (error.message.find (c.second), std::string::npos) << error.message;
  }
}

TEST (FileName, CopiesAreNumberedBeforeTheExtensionAndStayWithinTheLimit)
{
  EXPECT_EQ (webdesk::NumberedName ("report.pdf", 1), "report (1).pdf");
  EXPECT_EQ (webdesk::NumberedName ("README", 12), "README (12)");
  EXPECT_EQ (webdesk::NumberedName ("archive.tar.gz", 2), "archive.tar (2).gz");
  const std::string long_name = std::string (250, 'x') + ".txt";
  const std::string copy = webdesk::NumberedName (long_name, 3);
  EXPECT_LE (copy.size (), 255u);
  EXPECT_TRUE (webdesk::CheckFileName (copy, nullptr));
  EXPECT_NE (copy.find (" (3).txt"), std::string::npos);
  // Cut at a character boundary, never inside one.
  const std::string wide = webdesk::NumberedName (std::string ("é") + std::string (84, 'a') +
      [] { std::string s; for (int i = 0; i < 56; i++) s += "日"; return s; } () + ".md", 7);
  EXPECT_LE (wide.size (), 255u);
  EXPECT_TRUE (webdesk::CheckFileName (wide, nullptr)) << wide;
}

TEST_F (Folder, ListsItsOwnRegularFilesNewestFirst)
{
  Write ("old.txt", "1");
  Write ("new.txt", "22");
  Write (".hidden", "3");
  g_mkdir ((path_ + "/sub").c_str (), 0700);
  ASSERT_EQ (symlink ("/etc/hostname", (path_ + "/link").c_str ()), 0);
  // old.txt an hour older.
  const std::string touch = "touch -d '1 hour ago' '" + path_ + "/old.txt'";
  ASSERT_EQ (system (touch.c_str ()), 0);
  const auto files = folder_.List ();
  ASSERT_EQ (files.size (), 2u);
  EXPECT_EQ (files[0].name, "new.txt");
  EXPECT_EQ (files[0].size, 2u);
  EXPECT_EQ (files[1].name, "old.txt");
  EXPECT_GT (files[0].modified_s, files[1].modified_s);
}

TEST_F (Folder, OpensOnlyRegularFilesOfItsOwnForReading)
{
  Write ("ok.txt", "fine");
  ASSERT_EQ (symlink ((path_ + "/ok.txt").c_str (), (path_ + "/link").c_str ()), 0);
  webdesk::FileEntry entry;
  webdesk::FileError error;
  const int fd = folder_.OpenForReading ("ok.txt", &entry, &error);
  ASSERT_GE (fd, 0);
  close (fd);
  EXPECT_EQ (entry.size, 4u);
  // Even a link to a file of the folder itself: links are never followed.
  EXPECT_LT (folder_.OpenForReading ("link", &entry, &error), 0);
  EXPECT_EQ (error.status, 403);
  EXPECT_LT (folder_.OpenForReading ("gone.txt", &entry, &error), 0);
  EXPECT_EQ (error.status, 404);
  EXPECT_LT (folder_.OpenForReading ("../ok.txt", &entry, &error), 0);
  EXPECT_EQ (error.status, 400);
}

TEST_F (Folder, AnUploadBecomesAFileOnceAllItsBytesAreIn)
{
  webdesk::UploadStore store (folder_, 1000);
  std::string error;
  ASSERT_TRUE (store.Open (&error)) << error;
  webdesk::Upload u;
  webdesk::FileError fe;
  ASSERT_TRUE (store.Begin ("data.bin", 6, 0, &u, &fe)) << fe.message;
  // Out of order: refused with where it stands.
  EXPECT_LT (store.StartChunk (u.id, 3, 3, &fe), 0);
  EXPECT_EQ (fe.status, 409);
  int fd = store.StartChunk (u.id, 0, 3, &fe);
  ASSERT_GE (fd, 0);
  // While a chunk is being written, no other one.
  EXPECT_LT (store.StartChunk (u.id, 0, 3, &fe), 0);
  ASSERT_EQ (pwrite (fd, "abc", 3, 0), 3);
  close (fd);
  std::string placed;
  ASSERT_TRUE (store.EndChunk (u.id, 3, true, &placed, &fe));
  EXPECT_EQ (placed, "");
  EXPECT_EQ (Read ("data.bin"), "<missing>");  // not there before it is whole
  EXPECT_EQ (store.Find (u.id, 0)->offset, 3u);
  fd = store.StartChunk (u.id, 3, 3, &fe);
  ASSERT_GE (fd, 0);
  ASSERT_EQ (pwrite (fd, "def", 3, 3), 3);
  close (fd);
  ASSERT_TRUE (store.EndChunk (u.id, 3, true, &placed, &fe));
  EXPECT_EQ (placed, "data.bin");
  EXPECT_EQ (Read ("data.bin"), "abcdef");
  EXPECT_EQ (store.Find (u.id, 0), nullptr);
  EXPECT_EQ (store.count (), 0u);
}

TEST_F (Folder, AFailedChunkLeavesTheUploadWhereItWas)
{
  webdesk::UploadStore store (folder_, 1000);
  std::string error;
  ASSERT_TRUE (store.Open (&error)) << error;
  webdesk::Upload u;
  webdesk::FileError fe;
  ASSERT_TRUE (store.Begin ("data.bin", 6, 0, &u, &fe));
  const int fd = store.StartChunk (u.id, 0, 4, &fe);
  ASSERT_EQ (pwrite (fd, "ab", 2, 0), 2);  // half of it, then the disk is full
  close (fd);
  std::string placed;
  EXPECT_FALSE (store.EndChunk (u.id, 4, false, &placed, &fe));
  EXPECT_EQ (fe.status, 500);
  EXPECT_EQ (store.Find (u.id, 0)->offset, 0u);
  const int again = store.StartChunk (u.id, 0, 6, &fe);
  ASSERT_GE (again, 0);
  ASSERT_EQ (pwrite (again, "uvwxyz", 6, 0), 6);
  close (again);
  ASSERT_TRUE (store.EndChunk (u.id, 6, true, &placed, &fe));
  EXPECT_EQ (Read (placed), "uvwxyz");
}

TEST_F (Folder, UnfinishedUploadsGoWithTheStoreOrAfterAnHourIdle)
{
  std::string error;
  webdesk::Upload a, b;
  webdesk::FileError fe;
  {
    webdesk::UploadStore store (folder_, 1000);
    ASSERT_TRUE (store.Open (&error)) << error;
    ASSERT_TRUE (store.Begin ("a.bin", 10, 0, &a, &fe));
    ASSERT_TRUE (store.Begin ("b.bin", 10, webdesk::UploadStore::kIdleTimeoutUs / 2, &b, &fe));
    // An hour after a's last request, it is gone; b is not.
    EXPECT_EQ (store.Find (a.id, webdesk::UploadStore::kIdleTimeoutUs + 1), nullptr);
    EXPECT_NE (store.Find (b.id, webdesk::UploadStore::kIdleTimeoutUs + 1), nullptr);
  }
  // Nothing is left behind: not the unfinished files, not their folder.
  EXPECT_FALSE (g_file_test ((path_ + "/.webdesk-uploads").c_str (), G_FILE_TEST_EXISTS));
  EXPECT_TRUE (folder_.List ().empty ());
}

TEST_F (Folder, TooManyUploadsAtOnceAreRefused)
{
  webdesk::UploadStore store (folder_, 1000, 2);
  std::string error;
  ASSERT_TRUE (store.Open (&error)) << error;
  webdesk::Upload u;
  webdesk::FileError fe;
  ASSERT_TRUE (store.Begin ("1", 5, 0, &u, &fe));
  ASSERT_TRUE (store.Begin ("2", 5, 0, &u, &fe));
  EXPECT_FALSE (store.Begin ("3", 5, 0, &u, &fe));
  EXPECT_EQ (fe.status, 429);
  store.Cancel (u.id);
  EXPECT_TRUE (store.Begin ("3", 5, 0, &u, &fe)) << fe.message;
}
