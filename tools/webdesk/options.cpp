// SPDX-License-Identifier: LGPL-2.1-or-later
#include "options.h"

#include <gio/gio.h>
#include <gst/gst.h>

#include <cstdlib>

namespace webdesk {

const char *
ChromaName (Chroma chroma)
{
  switch (chroma) {
    case Chroma::k420:
      return "420";
    case Chroma::k444:
      return "444";
    default:
      return "auto";
  }
}

static bool
ParseInt (const std::string &text, int min, int max, int *out)
{
  if (text.empty ())
    return false;
  char *end = nullptr;
  const long v = std::strtol (text.c_str (), &end, 10);
  if (*end != '\0' || v < min || v > max)
    return false;
  *out = int (v);
  return true;
}

bool
ParseListen (const std::string &text, std::string *host_out, int *port, std::string *error)
{
  const auto colon = text.rfind (':');
  if (colon == std::string::npos) {
    *error = "--listen wants ADDRESS:PORT (for example 127.0.0.1:8080 or [::1]:8080), got '" +
        text + "'";
    return false;
  }
  std::string host = text.substr (0, colon);
  if (host.size () >= 2 && host.front () == '[' && host.back () == ']')
    host = host.substr (1, host.size () - 2);
  else if (host.find (':') != std::string::npos) {
    *error = "--listen: write IPv6 addresses in brackets, like [::1]:8080";
    return false;
  }
  if (host.empty ())
    host = "127.0.0.1";
  int p = 0;
  if (!ParseInt (text.substr (colon + 1), 0, 65535, &p)) {
    *error = "--listen: the port must be a number from 0 to 65535 (0 picks a free one), got '" +
        text.substr (colon + 1) + "'";
    return false;
  }
  if (!g_hostname_is_ip_address (host.c_str ()) &&
      (g_hostname_is_non_ascii (host.c_str ()) || host.find_first_of ("/@ ?#") != std::string::npos)) {
    *error = "--listen: '" + host + "' is neither an IP address nor a host name (use 0.0.0.0 "
        "for every interface)";
    return false;
  }
  *host_out = host;
  *port = p;
  return true;
}

bool
ResolveListenHost (const std::string &host, std::string *address, std::string *error)
{
  if (g_hostname_is_ip_address (host.c_str ())) {
    *address = host;
    return true;
  }
  GResolver *resolver = g_resolver_get_default ();
  GError *err = nullptr;
  GList *addresses = g_resolver_lookup_by_name (resolver, host.c_str (), nullptr, &err);
  g_object_unref (resolver);
  if (!addresses) {
    *error = "--listen: cannot find the address of '" + host + "' (" +
        (err ? err->message : "no address") + "); give an IP address, such as 127.0.0.1 or "
        "0.0.0.0";
    g_clear_error (&err);
    return false;
  }
  GInetAddress *chosen = G_INET_ADDRESS (addresses->data);
  for (GList *a = addresses; a; a = a->next) {
    if (g_inet_address_get_family (G_INET_ADDRESS (a->data)) == G_SOCKET_FAMILY_IPV4) {
      chosen = G_INET_ADDRESS (a->data);
      break;
    }
  }
  gchar *text = g_inet_address_to_string (chosen);
  *address = text;
  g_free (text);
  g_resolver_free_addresses (addresses);
  return true;
}

bool
ParseSize (const std::string &text, int *width, int *height, std::string *error)
{
  const auto x = text.find ('x');
  int w = 0, h = 0;
  if (x == std::string::npos || !ParseInt (text.substr (0, x), 64, 8192, &w) ||
      !ParseInt (text.substr (x + 1), 64, 8192, &h) || w % 2 || h % 2) {
    *error = "--size wants WIDTHxHEIGHT with even numbers from 64 to 8192, like 1920x1080; got '" +
        text + "'";
    return false;
  }
  *width = w;
  *height = h;
  return true;
}

bool
IsLoopbackAddress (const std::string &address)
{
  GInetAddress *inet = g_inet_address_new_from_string (address.c_str ());
  if (!inet)
    return false;
  const bool loopback = g_inet_address_get_is_loopback (inet);
  g_object_unref (inet);
  return loopback;
}

std::string
DefaultFilesFolder (const std::string &home)
{
  const std::string desktop = home + "/Desktop";
  if (g_file_test (desktop.c_str (), G_FILE_TEST_IS_DIR))
    return desktop;
  return home + "/Downloads";
}

ParsedCommandLine
ParseCommandLine (int argc, char **argv, bool with_gst_options)
{
  ParsedCommandLine result;
  Options &o = result.options;
  g_autofree gchar *listen = nullptr, *size = nullptr, *chroma = nullptr, *password = nullptr,
      *view_password = nullptr, *cert = nullptr, *key = nullptr, *origins = nullptr,
      *server_names = nullptr, *files = nullptr;
  gint max_fps = o.max_fps;
  gint max_viewers = o.max_viewers;
  gboolean verbose = FALSE, no_sound = FALSE, no_files = FALSE, behind_proxy = FALSE;
  gchar **rest = nullptr;

  GOptionEntry entries[] = {
      {"listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
          "Where to serve the page and WebSocket (default 127.0.0.1:8080; port 0 picks a free "
          "one). HOST is an address or a name (localhost, or this machine's name on the "
          "network), looked up once. Anything but loopback needs --password, and "
          "--tls-certificate or --behind-proxy.",
          "HOST:PORT"},
      {"size", 's', 0, G_OPTION_ARG_STRING, &size,
          "Size in pixels until a page says its own (default 1920x1080). The desktop, or "
          "the application, then follows the controlling page's window.",
          "WIDTHxHEIGHT"},
      {"max-fps", 'f', 0, G_OPTION_ARG_INT, &max_fps,
          "Most frames per second sent while things move, 1-240 (default 60). A still screen "
          "sends none.",
          "N"},
      {"chroma", 'c', 0, G_OPTION_ARG_STRING, &chroma,
          "Colour detail: auto (4:4:4 while every browser can decode it, else 4:2:0), 420 or 444 "
          "(sharper coloured text; Firefox cannot decode it). Default auto.",
          "auto|420|444"},
      {"password", 'p', 0, G_OPTION_ARG_STRING, &password,
          "Password for full control. Required when listening on anything but loopback. "
          "Prefer the WEBDESK_PASSWORD environment variable: a command line is visible to "
          "other users.",
          "PASSWORD"},
      {"view-password", 0, 0, G_OPTION_ARG_STRING, &view_password,
          "Password for watching without control (or WEBDESK_VIEW_PASSWORD).", "PASSWORD"},
      {"max-viewers", 0, 0, G_OPTION_ARG_INT, &max_viewers,
          "Most pages connected at once, 1-1024 (default 16); one more is told the server is "
          "full.",
          "N"},
      {"server-names", 0, 0, G_OPTION_ARG_STRING, &server_names,
          "Other names the page is opened by (a DNS name, a reverse proxy's), separated by "
          "commas; requests for names the server does not know are refused. The --listen "
          "name, localhost on loopback, and any address and this machine's name on 0.0.0.0 "
          "need no listing.",
          "NAMES"},
      {"allowed-origins", 0, 0, G_OPTION_ARG_STRING, &origins,
          "Other sites whose pages may open the viewer's WebSocket, e.g. a portal that embeds "
          "it: origins separated by commas (https://portal.example,http://10.0.0.5:8000).",
          "ORIGINS"},
      {"tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &cert,
          "PEM certificate: serve https and wss instead of http and ws (needs --tls-key).",
          "FILE"},
      {"tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, "PEM private key for --tls-certificate.",
          "FILE"},
      {"behind-proxy", 0, 0, G_OPTION_ARG_NONE, &behind_proxy,
          "Something in front passes connections on to this server over plain http: a "
          "reverse proxy that serves https (a Kubernetes Ingress, Caddy, nginx: give its names "
          "in --server-names) or a container port published on the host's loopback. Serves "
          "plain http on any address, and takes pages from https://NAME for each of "
          "--server-names.",
          nullptr},
      {"files", 0, 0, G_OPTION_ARG_FILENAME, &files,
          "Folder for files both ways: pages list and download its files, and pages with full "
          "control upload into it (default ~/Desktop if there is one, else ~/Downloads; created "
          "if missing).",
          "FOLDER"},
      {"no-files", 0, 0, G_OPTION_ARG_NONE, &no_files, "No file transfer.", nullptr},
      {"no-sound", 0, 0, G_OPTION_ARG_NONE, &no_sound,
          "No sound server: no sound to the pages, no microphone from them.", nullptr},
      {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
          "Print the pipeline and each client's arrival and departure.", nullptr},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, nullptr, "[-- APP ARGS...]"},
      {nullptr}};

  GOptionContext *ctx = g_option_context_new ("[-- APP [ARGS...]]");
  g_option_context_set_summary (ctx,
      "Serves a Linux desktop, or one application (Wayland or X11), to web browsers.\n\n"
      "Without APP: a whole desktop (a panel with a launcher, a window list and a clock; a terminal).\n"
      "With -- APP ARGS: only that application, started inside webdesk's display.\n"
      "Open the URL it prints in a browser. Ctrl-C stops it and the application.");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  if (with_gst_options)
    g_option_context_add_group (ctx, gst_init_get_option_group ());

  GError *err = nullptr;
  // GOption edits argv; give it a copy so the caller's stays intact.
  gchar **args = g_new0 (gchar *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  const bool parsed = g_option_context_parse_strv (ctx, &args, &err);
  g_strfreev (args);
  g_option_context_free (ctx);
  if (!parsed) {
    result.error = err->message;
    g_error_free (err);
    g_strfreev (rest);
    return result;
  }

  auto fail = [&] (const std::string &why) {
    result.error = why;
    g_strfreev (rest);
    return result;
  };
  if (listen && (!ParseListen (listen, &o.host, &o.port, &result.error) ||
                    !ResolveListenHost (o.host, &o.address, &result.error)))
    return fail (result.error);
  if (size && !ParseSize (size, &o.width, &o.height, &result.error))
    return fail (result.error);
  if (max_fps < 1 || max_fps > 240)
    return fail ("--max-fps must be from 1 to 240");
  o.max_fps = max_fps;
  if (max_viewers < 1 || max_viewers > 1024)
    return fail ("--max-viewers must be from 1 to 1024");
  o.max_viewers = max_viewers;
  if (chroma) {
    const std::string c = chroma;
    if (c == "auto")
      o.chroma = Chroma::kAuto;
    else if (c == "420")
      o.chroma = Chroma::k420;
    else if (c == "444")
      o.chroma = Chroma::k444;
    else
      return fail ("--chroma must be auto, 420 or 444, got '" + c + "'");
  }
  const char *env_password = g_getenv ("WEBDESK_PASSWORD");
  const char *env_view = g_getenv ("WEBDESK_VIEW_PASSWORD");
  o.password = password ? password : (env_password ? env_password : "");
  o.view_password = view_password ? view_password : (env_view ? env_view : "");
  o.allowed_origins = origins ? origins : "";
  o.server_names = server_names ? server_names : "";
  // The name given to --listen is one the page is opened by.
  if (!g_hostname_is_ip_address (o.host.c_str ()))
    o.server_names += (o.server_names.empty () ? "" : ",") + o.host;
  if (!o.view_password.empty () && o.view_password == o.password)
    return fail ("--view-password must differ from --password");
  o.tls_certificate = cert ? cert : "";
  o.tls_key = key ? key : "";
  if (o.tls_certificate.empty () != o.tls_key.empty ())
    return fail ("--tls-certificate and --tls-key go together: give both or neither");
  if (!IsLoopbackAddress (o.address) && o.password.empty ())
    return fail ("refusing to serve " + o.host +
        " without a password: anyone who reaches it would control this desktop. "
        "Give --password (or WEBDESK_PASSWORD), or listen on 127.0.0.1");
  o.behind_proxy = behind_proxy;
  if (o.behind_proxy) {
    // The proxy's pages are https://NAME while this server speaks http: their Origin is not
    // this server's own, so each name's is allowed.
    g_auto (GStrv) names = g_strsplit_set (server_names ? server_names : "", ", ", -1);
    for (gchar **n = names; *n; n++) {
      if (**n == '\0')
        continue;
      o.allowed_origins += (o.allowed_origins.empty () ? "" : ",") + std::string ("https://") + *n;
      if (o.proxy_name.empty ())
        o.proxy_name = *n;
    }
  }
  // Off loopback, plain http is of no use to a browser (WebCodecs only runs in a secure
  // context: https, or localhost) and would carry the password in clear, unless what is in
  // front serves https (or publishes the port on loopback).
  if (!IsLoopbackAddress (o.address) && o.tls_certificate.empty () && !o.behind_proxy)
    return fail ("refusing to serve " + o.host + " over plain http: browsers decode video only "
        "over https (or on localhost), and the password would cross the network in clear. "
        "Give --tls-certificate FILE --tls-key FILE (PEM). Without a certificate, make one for "
        "this machine's name: openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "
        "/CN=" + std::string (g_get_host_name ()) + " -keyout key.pem -out cert.pem (browsers "
        "will ask you to accept it once). Behind a reverse proxy that serves https (a "
        "Kubernetes Ingress, Caddy, nginx), give --behind-proxy --server-names NAME (in a "
        "container whose port is published on the host's loopback, --behind-proxy); or "
        "listen on 127.0.0.1 with the proxy on this machine");
  if (files && no_files)
    return fail ("--files and --no-files: give one or the other");
  if (files) {
    g_autofree gchar *absolute = g_canonicalize_filename (files, nullptr);
    o.files_folder = absolute;
  } else if (!no_files) {
    o.files_folder = DefaultFilesFolder (g_get_home_dir ());
  }
  o.sound = !no_sound;
  o.verbose = verbose;
  for (gchar **a = rest; a && *a; a++)
    o.app.emplace_back (*a);
  g_strfreev (rest);
  result.ok = true;
  return result;
}

}  // namespace webdesk
