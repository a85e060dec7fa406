// SPDX-License-Identifier: LGPL-2.1-or-later
// Files over HTTP against the real server (FrameServer with a files folder, libsoup clients):
// uploads in chunks that resume, names that try to leave the folder, odd bytes, huge and empty
// files, symbolic links pointing out, view-only logins and other sites' pages, and the notice
// a viewer gets when an application writes a file. After every refusal, nothing outside the
// folder has been read or written: a sibling folder ("outside") is compared before and after.
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>

#include "file-routes.h"
#include "frame-server.h"
#include "quiet-listener.h"
#include "ws-test-client.h"

using webdesk::testing::HttpRequest;
using webdesk::testing::HttpSend;
using webdesk::testing::QuietListener;
using webdesk::testing::WsTestClient;

namespace {

std::string
ReadFile (const std::string &path)
{
  gchar *text = nullptr;
  gsize length = 0;
  if (!g_file_get_contents (path.c_str (), &text, &length, nullptr))
    return "<missing>";
  std::string s (text, length);
  g_free (text);
  return s;
}

// Every entry of a folder, recursively, with its contents (links as "-> target").
std::map<std::string, std::string>
Snapshot (const std::string &dir)
{
  std::map<std::string, std::string> out;
  GDir *d = g_dir_open (dir.c_str (), 0, nullptr);
  if (!d)
    return out;
  while (const char *name = g_dir_read_name (d)) {
    const std::string path = dir + "/" + name;
    if (g_file_test (path.c_str (), G_FILE_TEST_IS_SYMLINK)) {
      g_autofree gchar *target = g_file_read_link (path.c_str (), nullptr);
      out[name] = std::string ("-> ") + (target ? target : "");
    } else if (g_file_test (path.c_str (), G_FILE_TEST_IS_DIR)) {
      for (const auto &e : Snapshot (path))
        out[std::string (name) + "/" + e.first] = e.second;
    } else if (g_file_test (path.c_str (), G_FILE_TEST_IS_REGULAR)) {
      out[name] = ReadFile (path);
    } else {
      out[name] = "<special>";  // a FIFO: reading it would wait for a writer
    }
  }
  g_dir_close (d);
  return out;
}

std::string
Escape (const std::string &text)
{
  g_autofree gchar *e = g_uri_escape_bytes (reinterpret_cast<const guint8 *> (text.data ()),
      text.size (), nullptr);
  return e;
}

// A value of a flat JSON answer, found the simple way: enough for these answers.
std::string
Field (const std::string &json, const std::string &name)
{
  const std::string key = "\"" + name + "\":";
  size_t at = json.find (key);
  if (at == std::string::npos)
    return "";
  at += key.size ();
  if (json[at] == '"') {
    const size_t end = json.find ('"', at + 1);
    return json.substr (at + 1, end - at - 1);
  }
  const size_t end = json.find_first_of (",}", at);
  return json.substr (at, end - at);
}

class FileRoutesTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    root_ = g_dir_make_tmp ("webdesk-files-XXXXXX", nullptr);
    folder_ = root_ + "/shared";
    outside_ = root_ + "/outside";
    g_mkdir (outside_.c_str (), 0700);
    ASSERT_TRUE (g_file_set_contents ((outside_ + "/secret").c_str (), "not yours", -1, nullptr));
  }

  void TearDown () override
  {
    server_.reset ();
    // Only what the test made: the two folders, their files and links.
    for (const std::string &dir : {folder_, outside_}) {
      for (const auto &e : Snapshot (dir))
        g_unlink ((dir + "/" + e.first).c_str ());
      g_rmdir ((dir + "/.webdesk-uploads").c_str ());
      g_rmdir (dir.c_str ());
    }
    g_rmdir (root_.c_str ());
  }

  bool Start (webdesk::ServerConfig config = {})
  {
    config.port = 0;
    config.files_folder = folder_;
    server_ = std::make_unique<webdesk::FrameServer> (config, &listener_);
    return server_->Start (&error_);
  }

  int Request (HttpRequest r, std::string *answer)
  {
    return HttpSend (server_->port (), r, answer);
  }

  // Begins an upload; its id, or "" with the refusal in `answer`.
  std::string Begin (const std::string &name, uint64_t size, std::string *answer,
      int *status = nullptr, const std::string &password = "")
  {
    HttpRequest r;
    r.method = "POST";
    r.path = "/uploads?name=" + Escape (name) + "&size=" + std::to_string (size);
    r.password = password;
    const int s = Request (r, answer);
    if (status)
      *status = s;
    return s == 201 ? Field (*answer, "id") : "";
  }

  int Put (const std::string &id, uint64_t offset, const std::string &bytes, std::string *answer)
  {
    HttpRequest r;
    r.method = "PUT";
    r.path = "/uploads/" + id + "?offset=" + std::to_string (offset);
    r.body = bytes;
    return Request (r, answer);
  }

  // The whole file in chunks of `chunk` bytes; the name it got.
  std::string Upload (const std::string &name, const std::string &contents, size_t chunk = 4096)
  {
    std::string answer;
    const std::string id = Begin (name, contents.size (), &answer);
    EXPECT_FALSE (id.empty ()) << answer;
    for (size_t at = 0; at < contents.size (); at += chunk)
      EXPECT_EQ (Put (id, at, contents.substr (at, chunk), &answer), 200) << answer;
    EXPECT_EQ (Field (answer, "done"), "true") << answer;
    return Field (answer, "name");
  }

  std::string root_, folder_, outside_, error_;
  QuietListener listener_;
  std::unique_ptr<webdesk::FrameServer> server_;
};

std::string
Pattern (size_t size)
{
  std::string s (size, '\0');
  for (size_t i = 0; i < size; i++)
    s[i] = char ((i * 7919) >> 3);
  return s;
}

}  // namespace

TEST_F (FileRoutesTest, AnUploadInChunksLandsIntactUnderItsName)
{
  ASSERT_TRUE (Start ()) << error_;
  const std::string contents = Pattern (100000);
  EXPECT_EQ (Upload ("report 2024 – café.pdf", contents, 30000), "report 2024 – café.pdf");
  EXPECT_EQ (ReadFile (folder_ + "/report 2024 – café.pdf"), contents);
  // Listed, and downloads as it was uploaded.
  std::string answer;
  EXPECT_EQ (Request ({"GET", "/files"}, &answer), 200);
  EXPECT_NE (answer.find ("\"name\":\"report 2024 – café.pdf\",\"size\":100000"), std::string::npos)
      << answer;
  EXPECT_EQ (Request ({"GET", "/files?name=" + Escape ("report 2024 – café.pdf")}, &answer), 200);
  EXPECT_EQ (answer, contents);
}

TEST_F (FileRoutesTest, AnUploadResumesFromTheOffsetTheServerHas)
{
  ASSERT_TRUE (Start ()) << error_;
  const std::string contents = Pattern (20000);
  std::string answer;
  const std::string id = Begin ("resumed.bin", contents.size (), &answer);
  ASSERT_FALSE (id.empty ()) << answer;
  ASSERT_EQ (Put (id, 0, contents.substr (0, 8000), &answer), 200) << answer;

  // A request that dies half way (the connection drops inside the body) changes nothing.
  {
    g_autoptr (GSocketClient) client = g_socket_client_new ();
    g_autoptr (GSocketConnection) c =
        g_socket_client_connect_to_host (client, "127.0.0.1", guint16 (server_->port ()), nullptr, nullptr);
    ASSERT_TRUE (c);
    const std::string head = "PUT /uploads/" + id + "?offset=8000 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Length: 12000\r\n\r\n" + contents.substr (8000, 5000);
    GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (c));
    ASSERT_TRUE (g_output_stream_write_all (out, head.data (), head.size (), nullptr, nullptr, nullptr));
    g_io_stream_close (G_IO_STREAM (c), nullptr, nullptr);
  }
  // A chunk at the wrong place is refused with where the upload stands.
  EXPECT_EQ (Put (id, 13000, contents.substr (13000), &answer), 409);
  EXPECT_NE (answer.find ("continues at byte 8000"), std::string::npos) << answer;
  // The client asks, and goes on from there.
  EXPECT_EQ (Request ({"GET", "/uploads/" + id}, &answer), 200);
  EXPECT_EQ (Field (answer, "offset"), "8000") << answer;
  ASSERT_EQ (Put (id, 8000, contents.substr (8000), &answer), 200) << answer;
  EXPECT_EQ (Field (answer, "name"), "resumed.bin");
  EXPECT_EQ (ReadFile (folder_ + "/resumed.bin"), contents);
}

TEST_F (FileRoutesTest, ATakenNameGetsANumberedCopyAndNothingIsReplaced)
{
  ASSERT_TRUE (Start ()) << error_;
  ASSERT_TRUE (g_file_set_contents ((folder_ + "/notes.txt").c_str (), "mine", -1, nullptr));
  EXPECT_EQ (Upload ("notes.txt", "theirs"), "notes (1).txt");
  EXPECT_EQ (Upload ("notes.txt", "again"), "notes (2).txt");
  EXPECT_EQ (ReadFile (folder_ + "/notes.txt"), "mine");
  EXPECT_EQ (ReadFile (folder_ + "/notes (1).txt"), "theirs");
  EXPECT_EQ (ReadFile (folder_ + "/notes (2).txt"), "again");
}

TEST_F (FileRoutesTest, NamesThatWouldLeaveTheFolderAreRefused)
{
  ASSERT_TRUE (Start ()) << error_;
  const auto before = Snapshot (root_);
  for (const std::string name : {"../escape", "../outside/secret", "a/b", "/etc/passwd", "..",
           ".", ".hidden", "..%2fescape", "sub/../../escape"}) {
    SCOPED_TRACE (name);
    std::string answer;
    int status = 0;
    EXPECT_EQ (Begin (name, 5, &answer, &status), "");
    EXPECT_EQ (status, 400);
    EXPECT_NE (Field (answer, "error"), "") << answer;
    // Downloads by such names are refused the same way.
    EXPECT_EQ (Request ({"GET", "/files?name=" + Escape (name)}, &answer), 400) << answer;
  }
  EXPECT_EQ (Snapshot (root_), before);
  EXPECT_EQ (ReadFile (outside_ + "/secret"), "not yours");
}

TEST_F (FileRoutesTest, NamesWithOddBytesAreRefusedWithAReason)
{
  ASSERT_TRUE (Start ()) << error_;
  const auto before = Snapshot (root_);
  const std::map<std::string, std::string> cases = {
      {"a%00b", "NUL"},                      // a NUL byte would cut the name short
      {"%ff%fe.txt", "UTF-8"},               // not UTF-8
      {"bell%07.txt", "control characters"},  // control characters
      {"line%0Abreak", "control characters"},
      {std::string (256, 'x'), "255 bytes"},  // over NAME_MAX
  };
  for (const auto &c : cases) {
    SCOPED_TRACE (c.first);
    std::string answer;
    HttpRequest r;
    r.method = "POST";
    r.path = "/uploads?name=" + c.first + "&size=3";
    EXPECT_EQ (Request (r, &answer), 400);
    EXPECT_NE (answer.find (c.second), std::string::npos) << answer;
  }
  EXPECT_EQ (Snapshot (root_), before);
}

TEST_F (FileRoutesTest, HugeAndEmptyFilesAreRefusedWithAReason)
{
  webdesk::ServerConfig config;
  config.max_upload_bytes = 1000000;
  ASSERT_TRUE (Start (config)) << error_;
  const auto before = Snapshot (root_);
  std::string answer;
  int status = 0;
  EXPECT_EQ (Begin ("huge.iso", 5000000000ULL, &answer, &status), "");
  EXPECT_EQ (status, 413);
  EXPECT_NE (answer.find ("larger than the upload limit"), std::string::npos) << answer;
  EXPECT_EQ (Begin ("empty.txt", 0, &answer, &status), "");
  EXPECT_EQ (status, 400);
  EXPECT_NE (answer.find ("empty"), std::string::npos) << answer;
  EXPECT_EQ (Snapshot (root_), before);

  // More bytes than announced: refused, and the upload stays where it was.
  const std::string id = Begin ("small.bin", 10, &answer);
  ASSERT_FALSE (id.empty ()) << answer;
  EXPECT_EQ (Put (id, 0, std::string (11, 'x'), &answer), 413);
  EXPECT_NE (answer.find ("does not fit"), std::string::npos) << answer;
  // A body over the chunk limit is refused before it is read.
  EXPECT_EQ (Put (id, 0, std::string (webdesk::FileRoutes::kMaxChunkBytes + 1, 'x'), &answer), 413);
  EXPECT_EQ (Request ({"GET", "/uploads/" + id}, &answer), 200);
  EXPECT_EQ (Field (answer, "offset"), "0");
}

TEST_F (FileRoutesTest, SymbolicLinksAreNeitherFollowedNorListed)
{
  ASSERT_TRUE (Start ()) << error_;
  ASSERT_EQ (symlink ((outside_ + "/secret").c_str (), (folder_ + "/link").c_str ()), 0);
  ASSERT_EQ (symlink (outside_.c_str (), (folder_ + "/dir-link").c_str ()), 0);
  std::string answer;
  EXPECT_EQ (Request ({"GET", "/files"}, &answer), 200);
  EXPECT_EQ (answer.find ("link"), std::string::npos) << answer;
  EXPECT_EQ (Request ({"GET", "/files?name=link"}, &answer), 403);
  EXPECT_NE (answer.find ("symbolic link"), std::string::npos) << answer;
  EXPECT_EQ (answer.find ("not yours"), std::string::npos);
  EXPECT_EQ (Request ({"GET", "/files?name=dir-link"}, &answer), 403);
  // An upload by the link's name writes beside it, never through it.
  EXPECT_EQ (Upload ("link", "overwritten?"), "link (1)");
  EXPECT_EQ (ReadFile (outside_ + "/secret"), "not yours");
  EXPECT_EQ (Snapshot (outside_).size (), 1u);
}

TEST_F (FileRoutesTest, AnUploadsFolderThatLinksOutKeepsUploadsOff)
{
  g_mkdir (folder_.c_str (), 0700);
  ASSERT_EQ (symlink (outside_.c_str (), (folder_ + "/.webdesk-uploads").c_str ()), 0);
  EXPECT_FALSE (Start ());
  EXPECT_NE (error_.find (".webdesk-uploads"), std::string::npos) << error_;
  EXPECT_EQ (Snapshot (outside_).size (), 1u);
  g_unlink ((folder_ + "/.webdesk-uploads").c_str ());
}

TEST_F (FileRoutesTest, OnlyRegularFilesAreServed)
{
  ASSERT_TRUE (Start ()) << error_;
  ASSERT_EQ (mkfifo ((folder_ + "/pipe").c_str (), 0600), 0);
  std::string answer;
  // A FIFO would block a reader for ever: refused at once.
  EXPECT_EQ (Request ({"GET", "/files?name=pipe"}, &answer), 403);
  EXPECT_NE (answer.find ("not a regular file"), std::string::npos) << answer;
  EXPECT_EQ (Request ({"GET", "/files?name=missing.txt"}, &answer), 404);
  EXPECT_EQ (Request ({"GET", "/files"}, &answer), 200);
  EXPECT_EQ (answer.find ("pipe"), std::string::npos) << answer;
}

TEST_F (FileRoutesTest, ViewOnlyLoginsAndOtherSitesCannotUpload)
{
  webdesk::ServerConfig config;
  config.password = "full-secret";
  config.view_password = "view-secret";
  ASSERT_TRUE (Start (config)) << error_;
  std::string answer;
  int status = 0;
  EXPECT_EQ (Begin ("a.txt", 3, &answer, &status, "view-secret"), "");
  EXPECT_EQ (status, 403);
  EXPECT_NE (answer.find ("View-only"), std::string::npos) << answer;
  EXPECT_EQ (Begin ("a.txt", 3, &answer, &status, "wrong"), "");
  EXPECT_EQ (status, 401);
  // A view-only login lists and downloads, and is told it may not upload.
  HttpRequest list {"GET", "/files", "", "view-secret"};
  EXPECT_EQ (Request (list, &answer), 200);
  EXPECT_EQ (Field (answer, "upload"), "false") << answer;
  // Another site's page, even with the user's credentials, is refused.
  HttpRequest foreign {"POST", "/uploads?name=a.txt&size=3", "", "full-secret", "http://evil.example"};
  EXPECT_EQ (Request (foreign, &answer), 403);
  EXPECT_FALSE (Begin ("a.txt", 3, &answer, &status, "full-secret").empty ()) << answer;
}

TEST_F (FileRoutesTest, AViewerHearsOfAFileAnApplicationWrites)
{
  ASSERT_TRUE (Start ()) << error_;
  WsTestClient viewer (server_->port (), {});
  ASSERT_TRUE (viewer.WaitFor ([&] {
    for (const auto &t : viewer.texts)
      if (t.find ("\"type\":\"files\"") != std::string::npos)
        return true;
    return false;
  }));
  // Written the way an application does: open, write, close.
  const std::string path = folder_ + "/output.csv";
  FILE *f = fopen (path.c_str (), "w");
  ASSERT_TRUE (f);
  fputs ("a,b\n1,2\n", f);
  fclose (f);
  EXPECT_TRUE (viewer.WaitFor ([&] {
    for (const auto &t : viewer.texts)
      if (t.find ("\"type\":\"file-added\",\"name\":\"output.csv\",\"size\":8") != std::string::npos)
        return true;
    return false;
  }, 10)) << "no notice";
  std::string answer;
  EXPECT_EQ (Request ({"GET", "/files?name=output.csv"}, &answer), 200);
  EXPECT_EQ (answer, "a,b\n1,2\n");
}
