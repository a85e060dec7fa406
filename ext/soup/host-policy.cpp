// SPDX-License-Identifier: LGPL-2.1-or-later
// See host-policy.h. Addresses and names are parsed by GLib (GInetAddress, GUri).
#include "host-policy.h"

#include <gio/gio.h>

#include <algorithm>
#include <cstring>

namespace webdesk {

namespace {

// An IP address in GLib's canonical spelling ("::1", not "0:0::1"); empty when it is not one.
std::string
CanonicalAddress (const std::string &text)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (text.c_str ());
  if (!inet)
    return "";
  g_autofree gchar *canonical = g_inet_address_to_string (inet);
  return canonical;
}

// A host name or address as HostOfHeader returns it: lower case, no trailing dot, an address in
// canonical spelling.
std::string
NormalName (std::string name)
{
  std::transform (name.begin (), name.end (), name.begin (),
      [] (unsigned char c) { return char (g_ascii_tolower (c)); });
  if (name.size () > 1 && name.back () == '.')
    name.pop_back ();
  const std::string address = CanonicalAddress (name);
  return address.empty () ? name : address;
}

}  // namespace

std::string
HostOfHeader (const char *host_header)
{
  if (!host_header || !*host_header)
    return "";
  // GUri checks the authority's syntax (brackets, port digits, characters allowed).
  g_autofree gchar *uri_text = g_strconcat ("http://", host_header, "/", nullptr);
  g_autoptr (GUri) uri = g_uri_parse (uri_text, G_URI_FLAGS_NONE, nullptr);
  if (!uri || !g_uri_get_host (uri) || !*g_uri_get_host (uri) || g_uri_get_userinfo (uri) ||
      g_strcmp0 (g_uri_get_path (uri), "/") != 0 || g_uri_get_query (uri) ||
      g_uri_get_fragment (uri))
    return "";
  const std::string host = g_uri_get_host (uri);
  // GUri lets through characters no host name has (a space); browsers send IDNs as punycode.
  const bool address = !CanonicalAddress (host).empty ();
  for (const char c : host) {
    if (!g_ascii_isalnum (c) && c != '-' && c != '.' && c != '_' && !(address && c == ':'))
      return "";
  }
  return NormalName (host);
}

bool
ParseServerNames (const std::string &list, std::vector<std::string> *names, std::string *error)
{
  names->clear ();
  g_auto (GStrv) parts = g_strsplit_set (list.c_str (), ", \t\n", -1);
  for (int i = 0; parts[i]; i++) {
    if (!*parts[i])
      continue;
    std::string name = CanonicalAddress (parts[i]);  // an address, IPv6 ones unbracketed
    if (name.empty () && !strchr (parts[i], ':'))
      name = HostOfHeader (parts[i]);
    if (name.empty ()) {
      *error = std::string ("\"") + parts[i] +
               "\" is not a host name or address such as desk.example or 192.168.1.5 (no "
               "scheme, no port)";
      return false;
    }
    names->push_back (name);
  }
  return true;
}

HostPolicy::HostPolicy (const std::string &listen_address, const std::string &machine_name,
    std::vector<std::string> names)
    : names_ (std::move (names))
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (listen_address.c_str ());
  const bool loopback = inet && g_inet_address_get_is_loopback (inet);
  any_address_ = inet && g_inet_address_get_is_any (inet);
  if (inet)
    names_.push_back (NormalName (listen_address));
  if (loopback || any_address_) {
    for (const char *local : {"localhost", "127.0.0.1", "::1"})
      names_.push_back (local);
  }
  if (any_address_ && !machine_name.empty ())
    names_.push_back (NormalName (machine_name));
}

bool
HostPolicy::Allows (const char *host_header) const
{
  const std::string host = HostOfHeader (host_header);
  if (host.empty ())
    return false;
  if (any_address_ && !CanonicalAddress (host).empty ())
    return true;
  return std::find (names_.begin (), names_.end (), host) != names_.end ();
}

}  // namespace webdesk
