// SPDX-License-Identifier: LGPL-2.1-or-later
// Which names the server answers to: the Host header of every request must be one of them, or
// the request is refused before anything is served or upgraded.
//
// Why: DNS rebinding. A page on another site (http://evil.example:8080) whose name the
// attacker then points at 127.0.0.1 is, to the browser, the same origin as itself, so the
// Origin check alone lets it in; only the Host header (evil.example:8080) tells it apart. The
// server's own names are:
// - its listen address, as an IP address;
// - on loopback: localhost, 127.0.0.1 and ::1;
// - on every interface (0.0.0.0, ::): any IP address (a rebinding needs a name: a page whose
//   origin is an IP address is this server's own page), localhost, and the machine's host
//   name (webdesk prints it in the URL);
// - the names given by the user (the sink's `server-names`): a DNS name, a reverse proxy's.
// The port is not compared: a rebinding attack uses the server's own port anyway, and a proxy
// may change it.
#pragma once

#include <string>
#include <vector>

namespace webdesk {

// "host", "host:port", "[v6]:port": the host part, lower case, without a trailing dot or the
// brackets of an IPv6 address; empty when the header is malformed.
std::string HostOfHeader (const char *host_header);

// "desk.example, other.example" (commas or spaces) -> names in the form HostOfHeader returns;
// false with a reason for an entry that is not a host name or address.
bool ParseServerNames (const std::string &list, std::vector<std::string> *names,
    std::string *error);

class HostPolicy {
 public:
  // `listen_address`: an IP address (see CheckAccessSettings); `machine_name`: this machine's
  // host name (g_get_host_name), accepted when listening on every interface; `names`: as
  // ParseServerNames returns them.
  HostPolicy (const std::string &listen_address, const std::string &machine_name,
      std::vector<std::string> names);

  // Whether a request with this Host header (nullptr: none) reaches this server by one of its
  // own names.
  bool Allows (const char *host_header) const;

 private:
  bool any_address_ = false;
  std::vector<std::string> names_;
};

}  // namespace webdesk
