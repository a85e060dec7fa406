// See access-policy.h. Addresses and URIs are parsed by GLib (GInetAddress, GUri).
#include "access-policy.h"

#include <gio/gio.h>

#include <string>

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

bool
IsSameOrigin (const char *origin, const char *host)
{
  if (!origin)
    return true;
  if (!host)
    return false;
  g_autoptr (GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, nullptr);
  if (!uri || !g_uri_get_host (uri))
    return false;
  const char *scheme = g_uri_get_scheme (uri);
  int port = g_uri_get_port (uri);
  if (port < 0)
    port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;
  std::string origin_host = g_uri_get_host (uri);
  if (origin_host.find (':') != std::string::npos)
    origin_host = "[" + origin_host + "]";
  const std::string with_port = origin_host + ":" + std::to_string (port);
  // The Host header leaves the port out when it is the scheme's default.
  const bool default_port = (port == 80 || port == 443);
  return g_ascii_strcasecmp (host, with_port.c_str ()) == 0 ||
         (default_port && g_ascii_strcasecmp (host, origin_host.c_str ()) == 0);
}

}  // namespace webdesk
