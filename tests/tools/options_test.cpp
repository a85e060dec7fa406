// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesk's command line: what users type is understood, and mistakes are refused clearly.
#include <glib.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>

#include <vector>

#include "options.h"

using webdesk::ParseCommandLine;

static webdesk::ParsedCommandLine
Parse (std::vector<const char *> args)
{
  args.insert (args.begin (), "webdesk");
  return ParseCommandLine (int (args.size ()), const_cast<char **> (args.data ()), false);
}

TEST (WebdeskOptions, DefaultsServeADesktopOnLoopback8080)
{
  auto r = Parse ({});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.address, "127.0.0.1");
  EXPECT_EQ (r.options.port, 8080);
  EXPECT_TRUE (r.options.app.empty ());
  EXPECT_EQ (r.options.chroma, webdesk::Chroma::kAuto);
}

TEST (WebdeskOptions, ApplicationAfterDoubleDashKeepsItsOwnArguments)
{
  auto r = Parse ({"--size", "1280x720", "--", "foot", "--font=monospace:size=14", "-e", "top"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.width, 1280);
  EXPECT_EQ (r.options.height, 720);
  ASSERT_EQ (r.options.app.size (), 4u);
  EXPECT_EQ (r.options.app[0], "foot");
  EXPECT_EQ (r.options.app[1], "--font=monospace:size=14");
}

TEST (WebdeskOptions, ListenAcceptsIpv4Ipv6AndPortZero)
{
  auto r = Parse ({"--listen", "[::1]:0"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.address, "::1");
  EXPECT_EQ (r.options.port, 0);
}

TEST (WebdeskOptions, NonLoopbackWithoutPasswordIsRefused)
{
  g_unsetenv ("WEBDESK_PASSWORD");
  auto r = Parse ({"--listen", "0.0.0.0:8080", "--tls-certificate", "c.pem", "--tls-key", "k.pem"});
  EXPECT_FALSE (r.ok);
  EXPECT_NE (r.error.find ("password"), std::string::npos) << r.error;
  auto with = Parse ({"--listen", "0.0.0.0:8080", "--password", "s3cret", "--tls-certificate",
      "c.pem", "--tls-key", "k.pem"});
  EXPECT_TRUE (with.ok) << with.error;
}

TEST (WebdeskOptions, NonLoopbackWithoutTlsIsRefusedWithHowToGetACertificate)
{
  // It printed an http:// URL no other machine could use (no WebCodecs outside a secure
  // context), and the password went in clear.
  auto r = Parse ({"--listen", "0.0.0.0:8080", "--password", "s3cret"});
  EXPECT_FALSE (r.ok);
  EXPECT_NE (r.error.find ("--tls-certificate"), std::string::npos) << r.error;
  EXPECT_NE (r.error.find ("openssl req -x509"), std::string::npos) << r.error;
  EXPECT_TRUE (Parse ({"--listen", "127.0.0.1:8080", "--password", "s3cret"}).ok)
      << "loopback is a secure context: no certificate needed";
}

TEST (WebdeskOptions, BehindAProxyServesHttpAndTakesTheProxysHttpsPages)
{
  // A container behind a Kubernetes Ingress or Caddy: the proxy serves https and passes
  // requests on over http. Refused as plain http off loopback, the image could not be deployed.
  auto r = Parse ({"--listen", "0.0.0.0:8080", "--password", "s3cret", "--behind-proxy",
      "--server-names", "desk-0.desktops.example, desk.example", "--allowed-origins",
      "https://portal.example"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_TRUE (r.options.behind_proxy);
  EXPECT_EQ (r.options.allowed_origins,
      "https://portal.example,https://desk-0.desktops.example,https://desk.example")
      << "the proxy's pages come from https://NAME while this server speaks http";
  EXPECT_EQ (r.options.proxy_name, "desk-0.desktops.example") << "the URL printed";

  // A container's port published on the host's loopback: no names, nothing more allowed.
  auto published = Parse ({"--listen", "0.0.0.0:8080", "--password", "s3cret", "--behind-proxy"});
  ASSERT_TRUE (published.ok) << published.error;
  EXPECT_EQ (published.options.allowed_origins, "");
  // A container image says --behind-proxy; who mounts a certificate into it adds TLS.
  EXPECT_TRUE (Parse ({"--listen", "0.0.0.0:8080", "--password", "s3cret", "--behind-proxy",
      "--tls-certificate", "c.pem", "--tls-key", "k.pem"}).ok);
  g_unsetenv ("WEBDESK_PASSWORD");
  EXPECT_FALSE (Parse ({"--listen", "0.0.0.0:8080", "--behind-proxy"}).ok)
      << "still no serving off loopback without a password";
  auto plain = Parse ({"--listen", "0.0.0.0:8080", "--password", "s3cret"});
  EXPECT_NE (plain.error.find ("--behind-proxy --server-names"), std::string::npos)
      << "the refusal says what a proxy's user gives: " << plain.error;
}

TEST (WebdeskOptions, ListenTakesANameAndLooksItUpOnce)
{
  // "localhost" passed option parsing, then the sink refused it (not an IP address).
  auto r = Parse ({"--listen", "localhost:0"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.host, "localhost");
  EXPECT_TRUE (r.options.address == "127.0.0.1" || r.options.address == "::1") << r.options.address;
  EXPECT_TRUE (webdesk::IsLoopbackAddress (r.options.address));
  EXPECT_EQ (r.options.server_names, "localhost") << "the page is opened by that name";
  auto bad = Parse ({"--listen", "no-such-host.invalid:80"});
  EXPECT_FALSE (bad.ok);
  EXPECT_NE (bad.error.find ("no-such-host.invalid"), std::string::npos) << bad.error;
}

TEST (WebdeskOptions, MaxViewersAndServerNamesGoToTheSink)
{
  auto r = Parse ({"--max-viewers", "64", "--server-names", "desk.example"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.max_viewers, 64);
  EXPECT_EQ (r.options.server_names, "desk.example");
  EXPECT_EQ (Parse ({}).options.max_viewers, 16);
  for (const char *n : {"0", "1025"}) {
    auto bad = Parse ({"--max-viewers", n});
    EXPECT_FALSE (bad.ok);
    EXPECT_NE (bad.error.find ("--max-viewers"), std::string::npos) << bad.error;
  }
}

TEST (WebdeskOptions, PasswordMayComeFromTheEnvironment)
{
  g_setenv ("WEBDESK_PASSWORD", "from-env", TRUE);
  auto r = Parse ({"--listen", "0.0.0.0:9000", "--tls-certificate", "c.pem", "--tls-key", "k.pem"});
  g_unsetenv ("WEBDESK_PASSWORD");
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.password, "from-env");
}

TEST (WebdeskOptions, MistakesSayWhatIsWrong)
{
  struct Case {
    std::vector<const char *> args;
    const char *mentions;
  } cases[] = {
      {{"--listen", "8080"}, "ADDRESS:PORT"},
      {{"--listen", "127.0.0.1:99999"}, "port"},
      {{"--listen", "a/b:80"}, "host name"},
      {{"--size", "1920by1080"}, "WIDTHxHEIGHT"},
      {{"--size", "1921x1080"}, "even"},
      {{"--max-fps", "0"}, "--max-fps"},
      {{"--chroma", "422"}, "auto, 420 or 444"},
      {{"--tls-certificate", "c.pem"}, "--tls-key"},
      {{"--password", "same", "--view-password", "same"}, "differ"},
      {{"--no-such-option"}, "no-such-option"},
  };
  for (const auto &c : cases) {
    auto r = Parse (c.args);
    EXPECT_FALSE (r.ok) << c.args[0];
    EXPECT_NE (r.error.find (c.mentions), std::string::npos) << r.error;
  }
}

TEST (WebdeskOptions, LoopbackIsRecognised)
{
  EXPECT_TRUE (webdesk::IsLoopbackAddress ("127.0.0.1"));
  EXPECT_TRUE (webdesk::IsLoopbackAddress ("127.1.2.3"));
  EXPECT_TRUE (webdesk::IsLoopbackAddress ("::1"));
  EXPECT_FALSE (webdesk::IsLoopbackAddress ("0.0.0.0"));
  EXPECT_FALSE (webdesk::IsLoopbackAddress ("192.0.2.1"));
}

TEST (WebdeskOptions, FilesGoToTheDesktopFolderOrDownloadsUnlessToldOtherwise)
{
  g_autofree gchar *home = g_dir_make_tmp ("webdesk-home-XXXXXX", nullptr);
  EXPECT_EQ (webdesk::DefaultFilesFolder (home), std::string (home) + "/Downloads");
  const std::string desktop = std::string (home) + "/Desktop";
  g_mkdir (desktop.c_str (), 0700);
  EXPECT_EQ (webdesk::DefaultFilesFolder (home), desktop);
  g_rmdir (desktop.c_str ());
  g_rmdir (home);

  auto r = Parse ({"--files", "/srv/exchange"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.files_folder, "/srv/exchange");
  r = Parse ({"--files", "relative/folder"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_TRUE (g_path_is_absolute (r.options.files_folder.c_str ())) << r.options.files_folder;
  r = Parse ({"--no-files"});
  ASSERT_TRUE (r.ok) << r.error;
  EXPECT_EQ (r.options.files_folder, "");
  r = Parse ({});
  EXPECT_FALSE (r.options.files_folder.empty ());
  EXPECT_FALSE (Parse ({"--files", "/a", "--no-files"}).ok);
}

TEST (WebdeskOptions, SoundIsOnUnlessTurnedOff)
{
  EXPECT_TRUE (Parse ({}).options.sound);
  EXPECT_FALSE (Parse ({"--no-sound"}).options.sound);
}
