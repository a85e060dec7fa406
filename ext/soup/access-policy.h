// Who may reach the sink.
//
// Listening: anywhere but loopback needs a password (anyone who can reach the port could watch
// and control the desktop).
//
// Cross-site WebSocket hijacking: a browser sends the Origin of the page that opens a
// WebSocket, and credentials (HTTP Basic) along with it, so a page from another site must not
// get a session. The WebSocket is accepted when its Origin is the server itself (the page it
// served), or when there is no Origin at all (non-browser clients, which send none).
#pragma once

#include <string>

namespace webdesk {

// Whether `address` (an IP address) is loopback; false with a reason when it is not an IP address.
bool IsLoopbackAddress (const std::string &address, bool *loopback, std::string *error);

// `origin`: the Origin header or nullptr; `host`: the Host header ("127.0.0.1:8080").
bool IsSameOrigin (const char *origin, const char *host);

}  // namespace webdesk
