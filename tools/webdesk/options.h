// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesk's command line: what the user asked for, checked before anything starts.
#pragma once

#include <string>
#include <vector>

namespace webdesk {

enum class Chroma { kAuto, k420, k444 };

struct Options {
  std::string host = "127.0.0.1";     // as given to --listen: an address or a name (for the URL)
  std::string address = "127.0.0.1";  // the IP address it stands for (what the sink listens on)
  int port = 8080;
  int max_viewers = 16;
  int width = 1920;
  int height = 1080;
  int max_fps = 60;
  Chroma chroma = Chroma::kAuto;
  std::string password;       // full control; required off loopback
  std::string view_password;  // view-only access
  std::string allowed_origins;  // other sites whose pages may connect (websocketframesink's)
  std::string server_names;     // names the server is reached by (websocketframesink's)
  std::string tls_certificate;
  std::string tls_key;
  bool behind_proxy = false;  // a proxy (or a published port) in front; this server speaks http
  std::string proxy_name;     // with it: the first of --server-names, the page's (for the URL)
  bool sound = true;          // the session's sound server, sound to the pages, microphone back
  std::string files_folder;  // files both ways; empty: none (--no-files)
  bool verbose = false;
  std::vector<std::string> app;  // empty: a whole desktop (a panel with a launcher, a window list and a clock; a terminal)
};

struct ParsedCommandLine {
  bool ok = false;  // false: `error` says why (exit non-zero); --help prints and exits 0
  std::string error;
  Options options;
};

// Parses argv (GOptionContext, plus GStreamer's own options when with_gst_options).
ParsedCommandLine ParseCommandLine (int argc, char **argv, bool with_gst_options);

// "HOST:PORT", "[v6]:PORT" or ":PORT", HOST an address or a name; false with a reason on
// nonsense. Names are not resolved here.
bool ParseListen (const std::string &text, std::string *host, int *port, std::string *error);
// The IP address to listen on for `host`: itself when it is one, else what the name resolves to
// (IPv4 first), looked up once; false with a reason when it resolves to nothing.
bool ResolveListenHost (const std::string &host, std::string *address, std::string *error);
// "WIDTHxHEIGHT", even sizes from 64 to 8192.
bool ParseSize (const std::string &text, int *width, int *height, std::string *error);
// Whether an IP address is loopback (names are resolved first: ResolveListenHost).
bool IsLoopbackAddress (const std::string &address);
// Where files go without --files: ~/Desktop when there is one, else ~/Downloads.
std::string DefaultFilesFolder (const std::string &home);

const char *ChromaName (Chroma chroma);

}  // namespace webdesk
