// SPDX-License-Identifier: LGPL-2.1-or-later
// See access-policy.h. Addresses and URIs are parsed by GLib (GInetAddress, GUri).
#include "access-policy.h"

#include <gio/gio.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "host-policy.h"

namespace webdesk {

bool
IsLoopbackAddress (const std::string &address, bool *loopback, std::string *error)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address.c_str ());
  if (!inet) {
    *error = "\"" + address + "\" is not an IP address";
    return false;
  }
  *loopback = g_inet_address_get_is_loopback (inet);
  return true;
}

namespace {

// "scheme://host:port" in lower case with the port always written; empty when `origin` is not
// an http(s) origin.
std::string
CanonicalOrigin (const char *origin)
{
  g_autoptr (GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, nullptr);
  if (!uri || !g_uri_get_host (uri) || !*g_uri_get_host (uri))
    return "";
  const char *path = g_uri_get_path (uri);
  if ((path && *path && g_strcmp0 (path, "/") != 0) || g_uri_get_query (uri) ||
      g_uri_get_userinfo (uri))
    return "";
  g_autofree gchar *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  const bool https = g_str_equal (scheme, "https");
  if (!https && !g_str_equal (scheme, "http"))
    return "";
  int port = g_uri_get_port (uri);
  if (port < 0)
    port = https ? 443 : 80;
  g_autofree gchar *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  std::string h = host;
  if (h.find (':') != std::string::npos)
    h = "[" + h + "]";
  return std::string (scheme) + "://" + h + ":" + std::to_string (port);
}

}  // namespace

bool
IsAllowedOrigin (const char *origin, const char *host, bool tls,
    const std::vector<std::string> &allowed)
{
  if (IsSameOrigin (origin, host, tls))
    return true;
  const std::string canonical = CanonicalOrigin (origin);
  return !canonical.empty () &&
         std::find (allowed.begin (), allowed.end (), canonical) != allowed.end ();
}

bool
ParseOriginList (const std::string &list, std::vector<std::string> *origins, std::string *error)
{
  origins->clear ();
  g_auto (GStrv) parts = g_strsplit_set (list.c_str (), ", \t\n", -1);
  for (int i = 0; parts[i]; i++) {
    if (!*parts[i])
      continue;
    const std::string canonical = CanonicalOrigin (parts[i]);
    if (canonical.empty ()) {
      *error = std::string ("\"") + parts[i] +
               "\" is not an origin such as https://example.com or http://host:8080";
      return false;
    }
    origins->push_back (canonical);
  }
  return true;
}

bool
IsSameOrigin (const char *origin, const char *host, bool tls)
{
  if (!origin)
    return true;
  if (!host || !*host)
    return false;
  // The page this server served has its scheme, and the Host the browser sent as host and port.
  const std::string own = CanonicalOrigin ((std::string (tls ? "https://" : "http://") + host).c_str ());
  return !own.empty () && CanonicalOrigin (origin) == own;
}

namespace {

bool
SecretEquals (const std::string &a, const char *b)
{
  const size_t n = strlen (b);
  size_t diff = a.size () ^ n;
  for (size_t i = 0; i < n; i++)
    diff |= uint8_t (b[i]) ^ uint8_t (i < a.size () ? a[i] : 0);
  return diff == 0;
}

}  // namespace

Access
AccessForPassword (const std::string &password, const std::string &view_password,
    const char *given)
{
  if (!given || password.empty ())
    return Access::kNone;
  if (SecretEquals (password, given))
    return Access::kFull;
  if (!view_password.empty () && SecretEquals (view_password, given))
    return Access::kView;
  return Access::kNone;
}

bool
CheckAccessSettings (const std::string &address, const std::string &password,
    const std::string &view_password, const std::string &allowed_origins,
    const std::string &server_names, std::vector<std::string> *origins,
    std::vector<std::string> *names, std::string *problem)
{
  bool loopback = false;
  std::string error;
  if (!IsLoopbackAddress (address, &loopback, &error)) {
    *problem = "Cannot serve on \"" + address + "\": the address property wants an IP address "
               "such as 127.0.0.1, ::1 or 0.0.0.0.";
    return false;
  }
  if (!loopback && password.empty ()) {
    *problem = "Refusing to serve on " + address + " without a password: anyone who can reach "
               "it could watch and control the desktop. Set the password property, or use "
               "address=127.0.0.1.";
    return false;
  }
  if (!view_password.empty () && password.empty ()) {
    *problem = "view-password is set but password is not: set password too (it gives full "
               "access; view-password gives view-only access).";
    return false;
  }
  if (!view_password.empty () && view_password == password) {
    *problem = "view-password is the same as password: a viewer could not be told from a "
               "controller. Choose two different passwords.";
    return false;
  }
  if (!ParseOriginList (allowed_origins, origins, &error)) {
    *problem = "allowed-origins: " + error + ".";
    return false;
  }
  if (!ParseServerNames (server_names, names, &error)) {
    *problem = "server-names: " + error + ".";
    return false;
  }
  return true;
}

}  // namespace webdesk
