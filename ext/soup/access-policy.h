// SPDX-License-Identifier: LGPL-2.1-or-later
// Who may reach the sink.
//
// Listening: anywhere but loopback needs a password (anyone who can reach the port could watch
// and control the desktop).
//
// Cross-site WebSocket hijacking: a browser sends the Origin of the page that opens a
// WebSocket, and credentials (HTTP Basic) along with it, so a page from another site must not
// get a session. The WebSocket is accepted when its Origin is the server itself (the page it
// served), when there is no Origin at all (non-browser clients, which send none), or when it
// is on the allow-list (the sink's allowed-origins: pages of other sites trusted to embed it).
#pragma once

#include <string>
#include <vector>

namespace webdesk {

// Whether `address` (an IP address) is loopback; false with a reason when it is not an IP address.
bool IsLoopbackAddress (const std::string &address, bool *loopback, std::string *error);

// `origin`: the Origin header or nullptr; `host`: the Host header ("127.0.0.1:8080"); `tls`:
// the server speaks https. Same origin: the same scheme, host and port (the scheme's default
// when not written).
bool IsSameOrigin (const char *origin, const char *host, bool tls);

// Same origin, or one of `allowed` (as ParseOriginList returns them).
bool IsAllowedOrigin (const char *origin, const char *host, bool tls,
    const std::vector<std::string> &allowed);

// "https://a.example, http://b.example:8080" (commas or spaces) -> origins in the form
// IsAllowedOrigin compares ("https://a.example:443"); false with a reason for an entry that is
// not an http(s) origin (a scheme and a host, an optional port, no path).
bool ParseOriginList (const std::string &list, std::vector<std::string> *origins,
    std::string *error);

// What a password given in a login opens: the full password full access, the view-only one
// (when set) view-only access, anything else nothing. Compared in a time that depends on the
// lengths only, not on where the first difference is.
enum class Access { kNone, kView, kFull };
Access AccessForPassword (const std::string &password, const std::string &view_password,
    const char *given);

// The sink's settings together, before it serves: the address must be an IP address; anything
// but loopback needs a password; a view-only password needs a password and must differ from
// it; allowed origins must parse (into `origins`), and server names (into `names`, see
// host-policy.h). False with what to do, for the user.
bool CheckAccessSettings (const std::string &address, const std::string &password,
    const std::string &view_password, const std::string &allowed_origins,
    const std::string &server_names, std::vector<std::string> *origins,
    std::vector<std::string> *names, std::string *problem);

}  // namespace webdesk
