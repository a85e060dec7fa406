// SPDX-License-Identifier: LGPL-2.1-or-later
// The real `webdesk` program serving one application (weston-simple-shm, which draws all the
// time) against clients that misbehave on purpose, while a well-behaved viewer watches: what
// the reliability probe of issue 12 did by hand, as tests. After each attack the program is
// still running and the viewer still receives frames; each test prints its figure. Hand-made
// HTTP and WebSocket clients (tests/soup/raw-http.h) and libsoup viewers; the program's file
// descriptors and memory are read from /proc. Skips (and says so) without weston-simple-shm.
#include <glib.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "raw-http.h"
#include "ws-test-client.h"

using webdesk::testing::BasicAuthorization;
using webdesk::testing::RawConnection;
using webdesk::testing::RawGet;
using webdesk::testing::RawWebSocket;
using webdesk::testing::UpgradeHeaders;
using webdesk::testing::WsTestClient;

namespace {

constexpr const char *kPassword = "full-access";
constexpr const char *kViewPassword = "watch-only";

// The program, started with its arguments; its output is kept for failure messages.
class Webdesk {
 public:
  explicit Webdesk (std::vector<std::string> args)
  {
    const char *build = g_getenv ("WEBDESK_BUILD_ROOT");
    std::vector<const char *> argv = {nullptr, "--listen", "127.0.0.1:0", "--size", "640x480"};
    program_ = std::string (build ? build : ".") + "/tools/webdesk";
    argv[0] = program_.c_str ();
    for (const auto &a : args)
      argv.push_back (a.c_str ());
    argv.push_back (nullptr);
    dir_ = g_dir_make_tmp ("webdesk-hostile-XXXXXX", nullptr);
    gchar **env = g_get_environ ();
    env = g_environ_setenv (env, "XDG_RUNTIME_DIR", dir_, TRUE);
    env = g_environ_setenv (env, "WAYLAND_DISPLAY", "", TRUE);
    GError *error = nullptr;
    gint out = -1;
    const bool spawned = g_spawn_async_with_pipes (dir_, const_cast<gchar **> (argv.data ()), env,
        GSpawnFlags (G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL), nullptr, nullptr,
        &pid_, nullptr, &out, nullptr, &error);
    g_strfreev (env);
    if (!spawned) {
      output_ = error->message;
      g_error_free (error);
      return;
    }
    reader_ = std::thread ([this, out] { Read (out); });
    std::unique_lock<std::mutex> lock (mutex_);
    changed_.wait_for (lock, std::chrono::seconds (60), [this] { return port_ != 0 || ended_; });
  }

  ~Webdesk ()
  {
    if (pid_ > 0) {
      kill (pid_, SIGINT);
      int status = 0;
      for (int i = 0; i < 100 && waitpid (pid_, &status, WNOHANG) == 0; i++)
        std::this_thread::sleep_for (std::chrono::milliseconds (100));
      if (waitpid (pid_, &status, WNOHANG) == 0) {
        kill (pid_, SIGKILL);
        waitpid (pid_, &status, 0);
      }
    }
    if (reader_.joinable ())
      reader_.join ();
    if (dir_) {
      g_autofree gchar *command = g_strdup_printf ("rm -rf '%s'", dir_);
      g_spawn_command_line_sync (command, nullptr, nullptr, nullptr, nullptr);
      g_free (dir_);
    }
  }

  int port () const { return port_; }
  bool Running ()
  {
    int status = 0;
    return pid_ > 0 && waitpid (pid_, &status, WNOHANG) == 0;
  }
  std::string Output ()
  {
    std::lock_guard<std::mutex> lock (mutex_);
    return output_;
  }

  int OpenDescriptors () const
  {
    g_autofree gchar *path = g_strdup_printf ("/proc/%d/fd", int (pid_));
    GDir *dir = g_dir_open (path, 0, nullptr);
    int n = 0;
    while (dir && g_dir_read_name (dir))
      n++;
    if (dir)
      g_dir_close (dir);
    return n;
  }

  double ResidentMb () const
  {
    g_autofree gchar *path = g_strdup_printf ("/proc/%d/status", int (pid_));
    g_autofree gchar *status = nullptr;
    g_file_get_contents (path, &status, nullptr, nullptr);
    const char *line = status ? strstr (status, "VmRSS:") : nullptr;
    return line ? double (g_ascii_strtoull (line + 6, nullptr, 10)) / 1024.0 : 0;
  }

 private:
  void Read (int fd)
  {
    FILE *f = fdopen (fd, "r");
    char line[4096];
    while (fgets (line, sizeof line, f)) {
      std::lock_guard<std::mutex> lock (mutex_);
      output_ += line;
      int port = 0;
      // "webdesk: open http://127.0.0.1:PORT/", or behind a proxy "webdesk: open
      // https://NAME/ (... to http://127.0.0.1:PORT/)".
      const char *url = g_str_has_prefix (line, "webdesk: open ")
          ? strstr (line, "http://127.0.0.1:") : nullptr;
      if (url)
        port = atoi (url + strlen ("http://127.0.0.1:"));
      if (port)
        port_ = port;
      changed_.notify_all ();
    }
    fclose (f);
    std::lock_guard<std::mutex> lock (mutex_);
    ended_ = true;
    changed_.notify_all ();
  }

  std::string program_;
  gchar *dir_ = nullptr;
  GPid pid_ = 0;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string output_;
  int port_ = 0;
  bool ended_ = false;
};

class HostileClients : public ::testing::Test {
 protected:
  void SetUp () override
  {
    g_autofree gchar *app = g_find_program_in_path ("weston-simple-shm");
    if (!app)
      GTEST_SKIP () << "weston-simple-shm is not installed (tools/install-deps.sh: weston)";
    webdesk_ = std::make_unique<Webdesk> (std::vector<std::string> {"--password", kPassword,
        "--view-password", kViewPassword, "--max-viewers", "64", "--", app});
    ASSERT_NE (webdesk_->port (), 0) << webdesk_->Output ();
    port_ = webdesk_->port ();
    // The well-behaved viewer: first, so it controls; it decodes 4:4:4 like Chromium.
    watcher_ = std::make_unique<WsTestClient> (port_,
        WsTestClient::Options {.decodes_444 = true, .password = kPassword});
    ASSERT_TRUE (watcher_->WaitFor ([&] { return !watcher_->frames.empty (); }, 60))
        << webdesk_->Output ();
  }

  // The program runs and the watcher still gets pictures: it asks for a keyframe (as a page
  // does when it lost its picture) and one comes, even when nothing on screen moves.
  void ExpectSessionGoesOn (const char *after)
  {
    ASSERT_TRUE (webdesk_->Running ()) << "webdesk ended after " << after << ":\n"
                                       << webdesk_->Output ();
    size_t before;
    {
      std::lock_guard<std::mutex> lock (watcher_->mutex);
      before = watcher_->frames.size ();
    }
    watcher_->SendText (R"({"type":"keyframe-request","reason":"test"})");
    EXPECT_TRUE (watcher_->WaitFor ([&] {
      for (size_t i = before; i < watcher_->frames.size (); i++) {
        if (watcher_->frames[i].header.flags & 1)
          return true;
      }
      return false;
    }, 120)) << "the watcher got no picture after " << after << ":\n" << webdesk_->Output ();
    std::lock_guard<std::mutex> lock (watcher_->mutex);
    EXPECT_FALSE (watcher_->closed) << watcher_->close_code << " " << watcher_->close_reason;
  }

  std::string Port () const { return std::to_string (port_); }

  std::unique_ptr<Webdesk> webdesk_;
  std::unique_ptr<WsTestClient> watcher_;
  int port_ = 0;
};

void
ExpectClosedWith (WsTestClient &c, uint16_t code)
{
  ASSERT_TRUE (c.WaitFor ([&] { return c.closed; }, 30));
  std::lock_guard<std::mutex> lock (c.mutex);
  EXPECT_EQ (c.close_code, code) << c.close_reason;
}

}  // namespace

TEST_F (HostileClients, NestedBracketsBeforeAHelloOrFromAViewOnlyLogin)
{
  WsTestClient before_hello (port_, {.send_hello = false, .password = kViewPassword});
  WsTestClient view_only (port_, {.password = kViewPassword});
  ASSERT_TRUE (before_hello.WaitFor ([&] { return before_hello.open; }));
  ASSERT_TRUE (view_only.WaitFor ([&] { return view_only.open; }));
  before_hello.SendText (std::string (100000, '['));
  view_only.SendText (R"({"type":"stats","fps":1,"latency_ms":)" + std::string (100000, '['));
  ExpectClosedWith (before_hello, 1007);
  ExpectClosedWith (view_only, 1007);
  std::printf ("figure: 100,000 nested brackets (before hello, view-only): both closed 1007, "
      "webdesk running\n");
  ExpectSessionGoesOn ("nested brackets");
}

TEST_F (HostileClients, ResizesPastWhatTheEncoderTakes)
{
  // From the watcher, which controls: 8194 made webdesk exit; 8192x8192 took 1.28 GB.
  const double before_mb = webdesk_->ResidentMb ();
  watcher_->SendText (R"({"type":"resize","width":8194,"height":2})");
  ExpectSessionGoesOn ("a resize to 8194x2");
  watcher_->SendText (R"({"type":"resize","width":8192,"height":8192})");
  // Frames of the new (fitted) size: a few, they take seconds each to encode here.
  ASSERT_TRUE (watcher_->WaitFor ([&] {
    int big = 0;
    for (const auto &f : watcher_->frames)
      big += f.header.height > 4096;
    return big >= 3;
  }, 240)) << webdesk_->Output ();
  ASSERT_TRUE (webdesk_->Running ()) << webdesk_->Output ();
  webdesk::testing::ReceivedFrame last;
  {
    std::lock_guard<std::mutex> lock (watcher_->mutex);
    last = watcher_->frames.back ();
  }
  const double after_mb = webdesk_->ResidentMb ();
  std::printf ("figure: resize 8194x2 and 8192x8192 asked: webdesk running, frames now %dx%d, "
      "resident memory %.0f MB -> %.0f MB\n", last.header.width, last.header.height, before_mb,
      after_mb);
  watcher_->SendText (R"({"type":"resize","width":640,"height":480})");
  ExpectSessionGoesOn ("a resize to 8192x8192 and back");
  EXPECT_LE (int64_t ((last.header.width + 15) / 16) * ((last.header.height + 15) / 16), 139264);
}

TEST_F (HostileClients, AThousandConnectHelloCloseCyclesOfViewersWithout444)
{
  // Each turns the stream to 4:2:0 and back: it stopped webdesk in 6 of 6 runs.
  const int cycles = 1000;
  const auto start = std::chrono::steady_clock::now ();
  for (int i = 0; i < cycles; i++) {
    WsTestClient churner (port_, {.password = kPassword});
    ASSERT_TRUE (churner.WaitFor ([&] { return churner.open || churner.failed; }));
    churner.Close ();
    if (i % 100 == 99) {
      ASSERT_TRUE (webdesk_->Running ()) << "after " << i + 1 << " cycles:\n" << webdesk_->Output ();
    }
  }
  const double seconds =
      std::chrono::duration<double> (std::chrono::steady_clock::now () - start).count ();
  std::printf ("figure: %d connect/hello/close cycles in %.1f s: webdesk running\n", cycles,
      seconds);
  ExpectSessionGoesOn ("1000 connect/hello/close cycles");
}

TEST_F (HostileClients, APageOfAnotherSiteRebindingItsName)
{
  const std::string evil = "Host: evil.example:" + Port () + "\r\nOrigin: http://evil.example:" +
      Port () + "\r\n";
  const int upgrade = RawGet (port_, "/ws", evil + UpgradeHeaders () + BasicAuthorization (kPassword)).status;
  const int page = RawGet (port_, "/", "Host: evil.example:" + Port () + "\r\n").status;
  std::printf ("figure: DNS rebinding (Host evil.example): WebSocket %d, page %d\n", upgrade, page);
  EXPECT_EQ (upgrade, 403);
  EXPECT_EQ (page, 403);
  ExpectSessionGoesOn ("a rebinding page");
}

// Behind a reverse proxy that serves https (a container behind a Kubernetes Ingress): the
// proxy's pages, https://NAME, open the WebSocket although this server speaks http; another
// site's page still cannot, and a name the server was not given is still refused.
TEST (BehindAProxy, TheProxysHttpsPagesConnectAndNoOtherSitesDo)
{
  g_autofree gchar *app = g_find_program_in_path ("weston-simple-shm");
  if (!app)
    GTEST_SKIP () << "weston-simple-shm is not installed (tools/install-deps.sh: weston)";
  Webdesk webdesk ({"--password", kPassword, "--behind-proxy", "--server-names",
      "desk.example", "--", app});
  ASSERT_NE (webdesk.port (), 0) << webdesk.Output ();
  const int port = webdesk.port ();
  EXPECT_NE (webdesk.Output ().find ("webdesk: open https://desk.example/"), std::string::npos)
      << "the URL printed is the proxy's:\n" << webdesk.Output ();
  auto upgrade = [&] (const std::string &host, const std::string &origin) {
    return RawGet (port, "/ws", "Host: " + host + "\r\nOrigin: " + origin + "\r\n" +
        UpgradeHeaders () + BasicAuthorization (kPassword)).status;
  };
  const int proxied = upgrade ("desk.example", "https://desk.example");
  const int other_site = upgrade ("desk.example", "https://evil.example");
  const int other_name = upgrade ("evil.example", "https://evil.example");
  std::printf ("figure: behind an https proxy: its page %d, another site's page %d, another "
      "name %d\n", proxied, other_site, other_name);
  EXPECT_EQ (proxied, 101);
  EXPECT_EQ (other_site, 403);
  EXPECT_EQ (other_name, 403);
  EXPECT_TRUE (webdesk.Running ()) << webdesk.Output ();
}

TEST_F (HostileClients, KeepAliveRequestsTheClientCloses)
{
  const std::string own = "Host: 127.0.0.1:" + Port () + "\r\n";
  const std::string auth = BasicAuthorization (kPassword);
  auto request = [&] (const std::string &path, const std::string &headers) {
    RawConnection c (port_);
    c.Send ("GET " + path + " HTTP/1.1\r\n" + headers + "\r\n");
    return c.Read ().status;  // then closed by us: keep-alive from the client's side
  };
  request ("/", own + auth);
  const int before = webdesk_->OpenDescriptors ();
  int answered = 0;
  for (int i = 0; i < 250; i++) {
    answered += request ("/", own + auth) == 200;
    answered += request ("/", own) == 401;
    answered += request ("/", "Host: evil.example\r\n") == 403;
    answered += request ("/nope", own + auth) == 404;
  }
  EXPECT_EQ (answered, 1000);
  int after = webdesk_->OpenDescriptors ();
  for (int i = 0; i < 100 && after > before + 2; i++) {
    std::this_thread::sleep_for (std::chrono::milliseconds (50));
    after = webdesk_->OpenDescriptors ();
  }
  std::printf ("figure: webdesk's open descriptors %d before, %d after 1000 keep-alive requests "
      "(200/401/403/404) closed by the client\n", before, after);
  EXPECT_LE (after, before + 2);
  ExpectSessionGoesOn ("1000 keep-alive requests");
}

TEST_F (HostileClients, AClientThatAcknowledgesWhatItNeverReads)
{
  // It took one frame, then read nothing while acknowledging: +4.7 MB/s for as long as it
  // stayed. Measured over 600 frames the watcher gets (10 s at 60 fps).
  // At 1080p, as in the probe: the stream's bitrate is what such a client made the server hold.
  watcher_->SendText (R"({"type":"resize","width":1920,"height":1080})");
  size_t at_1080p = 0;
  ASSERT_TRUE (watcher_->WaitFor ([&] {
    for (; at_1080p < watcher_->frames.size () && watcher_->frames[at_1080p].header.width != 1920;
         at_1080p++) {
    }
    return watcher_->frames.size () >= at_1080p + 120;  // and its memory has settled
  }, 60)) << webdesk_->Output ();
  RawWebSocket liar (port_, BasicAuthorization (kPassword));
  ASSERT_TRUE (liar.open ());
  size_t joined;
  {
    std::lock_guard<std::mutex> lock (watcher_->mutex);
    joined = watcher_->frames.size ();
  }
  liar.SendText (R"({"type":"hello","protocol":1,"decodes_444":true})");
  // The keyframe made for its join goes to every viewer: from then on it is sent what the
  // watcher is, so acknowledging the watcher's frames is a lie the server cannot see.
  ASSERT_TRUE (watcher_->WaitFor ([&] {
    for (size_t i = joined; i < watcher_->frames.size (); i++) {
      if (watcher_->frames[i].header.flags & 1)
        return true;
    }
    return false;
  }, 60));
  const double before_mb = webdesk_->ResidentMb ();
  double peak_mb = before_mb;
  size_t start;
  {
    std::lock_guard<std::mutex> lock (watcher_->mutex);
    start = watcher_->frames.size ();
  }
  for (;;) {
    uint32_t newest = 0;
    size_t got;
    {
      std::lock_guard<std::mutex> lock (watcher_->mutex);
      got = watcher_->frames.size () - start;
      newest = watcher_->frames.back ().header.sequence;
    }
    if (got >= 600)
      break;
    // What the watcher was sent, minus a little: as if decoded. The server cannot tell.
    if (!liar.SendText ("{\"type\":\"ack\",\"sequence\":" + std::to_string (newest - 2) + "}"))
      break;  // closed by the server
    peak_mb = std::max (peak_mb, webdesk_->ResidentMb ());
    ASSERT_TRUE (webdesk_->Running ()) << webdesk_->Output ();
    std::this_thread::sleep_for (std::chrono::milliseconds (20));
  }
  std::printf ("figure: webdesk's resident memory %.1f MB before, at most %.1f MB while a client "
      "acknowledged frames it never read\n", before_mb, peak_mb);
  EXPECT_LT (peak_mb - before_mb, 40.0);
  ExpectSessionGoesOn ("a client that acknowledges without reading");
}

TEST_F (HostileClients, FiftyViewersWithMaxViewers64)
{
  std::vector<std::unique_ptr<WsTestClient>> viewers;
  for (int i = 0; i < 49; i++) {  // and the watcher: 50
    viewers.push_back (std::make_unique<WsTestClient> (port_,
        WsTestClient::Options {.password = kViewPassword}));
    WsTestClient &v = *viewers.back ();
    ASSERT_TRUE (v.WaitFor ([&] { return v.open || v.failed; })) << i;
  }
  int with_frames = 1;
  for (auto &v : viewers) {
    if (v->WaitFor ([&] { return !v->frames.empty (); }, 60))
      with_frames++;
  }
  std::printf ("figure: %d of 50 viewers received the stream (--max-viewers 64)\n", with_frames);
  EXPECT_EQ (with_frames, 50);
  ExpectSessionGoesOn ("50 viewers");
}
