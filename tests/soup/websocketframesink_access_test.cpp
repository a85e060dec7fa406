// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink: who may connect. A password off loopback, wss with a certificate, pages
// from other sites, a connection that never says hello, clients beyond max-clients.
#include <gtest/gtest.h>

#include "sink_pipeline.h"
#include "ws-test-client.h"

using webdesk::testing::HttpGet;
using webdesk::testing::IsForceKeyUnit;
using webdesk::testing::IsNavigation;
using webdesk::testing::Pipeline;
using webdesk::testing::WsTestClient;

TEST (WebsocketFrameSink, ServingBeyondLoopbackNeedsAPassword)
{
  Pipeline open ("address=0.0.0.0");
  EXPECT_FALSE (open.Play ());
  {
    std::lock_guard<std::mutex> lock (open.mutex);
    EXPECT_NE (open.error.find ("password"), std::string::npos) << open.error;
  }

  Pipeline guarded ("address=0.0.0.0 password=s3cret");
  ASSERT_TRUE (guarded.Play ());
  std::string body;
  EXPECT_EQ (HttpGet (guarded.port, "/", &body, nullptr), 401);
  EXPECT_EQ (HttpGet (guarded.port, "/", &body, nullptr, "wrong"), 401);
  EXPECT_EQ (HttpGet (guarded.port, "/", &body, nullptr, "s3cret"), 200);
  WsTestClient stranger (guarded.port, {});
  EXPECT_TRUE (stranger.WaitFor ([&] { return stranger.failed; }));
  WsTestClient viewer (guarded.port, {.password = "s3cret"});
  EXPECT_TRUE (viewer.WaitFor ([&] { return !viewer.frames.empty (); }));
}

TEST (WebsocketFrameSink, WithACertificateItServesWss)
{
  g_autofree gchar *openssl = g_find_program_in_path ("openssl");
  if (!openssl)
    GTEST_SKIP () << "openssl is needed to make a test certificate (tools/install-deps.sh)";
  g_autofree gchar *dir = g_dir_make_tmp ("webdesk-tls-XXXXXX", nullptr);
  g_autofree gchar *cert = g_build_filename (dir, "cert.pem", nullptr);
  g_autofree gchar *key = g_build_filename (dir, "key.pem", nullptr);
  const gchar *argv[] = {openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, nullptr};
  gint status = -1;
  ASSERT_TRUE (g_spawn_sync (nullptr, const_cast<gchar **> (argv), nullptr,
      GSpawnFlags (G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL), nullptr, nullptr,
      nullptr, nullptr, &status, nullptr));
  ASSERT_EQ (status, 0);
  {
    Pipeline p (std::string ("tls-certificate=") + cert + " tls-key=" + key);
    ASSERT_TRUE (p.Play ());
    WsTestClient secure (p.port, {.tls = true});
    EXPECT_TRUE (secure.WaitFor ([&] { return !secure.frames.empty (); }));
    WsTestClient plain (p.port, {});
    EXPECT_TRUE (plain.WaitFor ([&] { return plain.failed || plain.closed; }));
    std::lock_guard<std::mutex> lock (p.mutex);
    bool https_url = false;
    for (GstStructure *s : p.messages) {
      if (gst_structure_has_name (s, "listening"))
        https_url = g_str_has_prefix (gst_structure_get_string (s, "url"), "https://");
    }
    EXPECT_TRUE (https_url);
  }
  Pipeline missing ("tls-certificate=/nonexistent/cert.pem");
  EXPECT_FALSE (missing.Play ());
  {
    std::lock_guard<std::mutex> lock (missing.mutex);
    EXPECT_NE (missing.error.find ("tls-certificate"), std::string::npos) << missing.error;
  }
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

TEST (WebsocketFrameSink, PagesFromOtherSitesCannotOpenTheWebSocket)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient other_site (p.port, {.origin = "http://evil.example"});
  EXPECT_TRUE (other_site.WaitFor ([&] { return other_site.failed; }));
  WsTestClient own_page (p.port, {.origin = "http://127.0.0.1:" + std::to_string (p.port)});
  EXPECT_TRUE (own_page.WaitFor ([&] { return !own_page.frames.empty (); }));
}

TEST (WebsocketFrameSink, AConnectionThatNeverSaysHelloIsClosed)
{
  Pipeline p ("max-clients=1");
  ASSERT_TRUE (p.Play ());
  WsTestClient silent (p.port, {.send_hello = false});
  ASSERT_TRUE (silent.WaitFor ([&] { return silent.closed; }));
  {
    std::lock_guard<std::mutex> lock (silent.mutex);
    EXPECT_EQ (silent.close_code, 1008);
    EXPECT_NE (silent.close_reason.find ("hello"), std::string::npos);
  }
  // Its slot is free again.
  WsTestClient viewer (p.port, {});
  EXPECT_TRUE (viewer.WaitFor ([&] { return !viewer.frames.empty (); }));
}

TEST (WebsocketFrameSink, ClientsBeyondMaxClientsAreTurnedAway)
{
  Pipeline p ("max-clients=1");
  ASSERT_TRUE (p.Play ());
  WsTestClient first (p.port, {});
  ASSERT_TRUE (first.WaitFor ([&] { return !first.frames.empty (); }));
  WsTestClient second (p.port, {});
  ASSERT_TRUE (second.WaitFor ([&] { return second.closed; }));
  std::lock_guard<std::mutex> lock (second.mutex);
  EXPECT_EQ (second.close_code, 4003);
}

