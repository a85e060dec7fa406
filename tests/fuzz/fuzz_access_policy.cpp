// SPDX-License-Identifier: LGPL-2.1-or-later
// libFuzzer target: who gets in, decided from what a remote party sends before it is anyone:
// the Host header (host-policy.cpp), the Origin (access-policy.cpp), the password in its login
// (AccessForPassword), the login throttle's bookkeeping of addresses (login-throttle.cpp), and
// the settings a user gives (server names, allowed origins). The input is fields separated by
// newlines: Host, Origin, listen address, server names, allowed origins, password given, the
// full password, the view-only password; the rest drives the throttle. Whatever the input: no
// crash, and the policy's promises hold.
#include <gio/gio.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "access-policy.h"
#include "host-policy.h"
#include "login-throttle.h"

namespace {

void
Check (bool condition)
{
  if (!condition)
    std::abort ();
}

}  // namespace

extern "C" int
LLVMFuzzerInitialize (int *, char ***)
{
  webdesk::HostPolicy ("127.0.0.1", "machine", {}).Allows ("localhost");  // GLib's types, once
  return 0;
}

extern "C" int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  std::vector<std::string> f;
  size_t start = 0;
  for (size_t i = 0; i <= size && f.size () < 8; i++) {
    if (i == size || data[i] == '\n') {
      f.emplace_back (reinterpret_cast<const char *> (data) + start, i - start);
      start = i + 1;
    }
  }
  if (f.size () < 8)
    return 0;
  for (const std::string &s : f) {
    if (s.find ('\0') != std::string::npos)
      return 0;  // HTTP headers carry no NUL (libsoup refuses them)
  }
  const bool tls = size & 1;
  const std::string &host = f[0], &origin = f[1], &address = f[2];

  // The Host: what is allowed is one of the server's own names, or an address on 0.0.0.0.
  std::vector<std::string> names, origins;
  std::string error;
  const bool names_ok = webdesk::ParseServerNames (f[3], &names, &error);
  Check (names_ok || !error.empty ());
  const webdesk::HostPolicy hosts (address, "machine", names);
  const std::string name = webdesk::HostOfHeader (host.c_str ());
  if (hosts.Allows (host.c_str ())) {
    Check (!name.empty ());
    for (unsigned char c : name)
      Check (g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == ':');
  }
  bool loopback = false;
  if (webdesk::IsLoopbackAddress (address, &loopback, &error) && loopback && names.empty () &&
      hosts.Allows (host.c_str ())) {
    g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (name.c_str ());
    Check (name == "localhost" || (inet && g_inet_address_get_is_loopback (inet)));
  }

  // The Origin: its own page, or one on the list, and never another scheme than the server's.
  const bool origins_ok = webdesk::ParseOriginList (f[4], &origins, &error);
  Check (origins_ok || !error.empty ());
  const bool same = webdesk::IsSameOrigin (origin.c_str (), host.c_str (), tls);
  if (same)
    Check (g_ascii_strncasecmp (origin.c_str (), tls ? "https://" : "http://", tls ? 8 : 7) == 0);
  if (!webdesk::IsAllowedOrigin (origin.c_str (), host.c_str (), tls, origins))
    Check (!same);
  Check (webdesk::IsSameOrigin (nullptr, host.c_str (), tls));  // not a browser

  // A password opens what it equals, and nothing else.
  const webdesk::Access access = webdesk::AccessForPassword (f[6], f[7], f[5].c_str ());
  if (access == webdesk::Access::kFull)
    Check (!f[6].empty () && f[5] == f[6]);
  else if (access == webdesk::Access::kView)
    Check (!f[7].empty () && f[5] == f[7] && f[5] != f[6]);
  else
    Check (f[6].empty () || (f[5] != f[6] && (f[7].empty () || f[5] != f[7])));

  // The settings check never accepts what the parts refuse.
  std::vector<std::string> o2, n2;
  if (webdesk::CheckAccessSettings (address, f[6], f[7], f[4], f[3], &o2, &n2, &error))
    Check (names_ok && origins_ok && (loopback || !f[6].empty ()));

  // The throttle: any sequence of failures and successes from any addresses keeps its promises.
  webdesk::ThrottlePolicy policy;
  policy.max_addresses = 8;
  webdesk::LoginThrottle throttle (policy);
  int64_t now = 0;
  for (size_t i = start; i + 1 < size; i += 2) {
    const std::string who = "10.0.0." + std::to_string (data[i] & 15);
    now += int64_t (data[i + 1]) * 1000000;
    if (data[i] & 16)
      throttle.Succeeded (who);
    else
      throttle.Failed (who, now);
    Check (throttle.tracked () <= policy.max_addresses);
    const int64_t wait = throttle.LockedOutFor (who, now);
    Check (wait >= 0 && wait <= policy.max_lockout_us);
    if (data[i] & 16)
      Check (wait == 0);
  }
  return 0;
}
