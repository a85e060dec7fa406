// Cross-site WebSocket hijacking guard: a browser sends the Origin of the page that opens a
// WebSocket, and credentials (HTTP Basic) along with it, so a page from another site must not
// get a session. The WebSocket is accepted when its Origin is the server itself (the page it
// served), or when there is no Origin at all (non-browser clients, which send none).
#pragma once

namespace webdesk {

// `origin`: the Origin header or nullptr; `host`: the Host header ("127.0.0.1:8080").
bool IsSameOrigin (const char *origin, const char *host);

}  // namespace webdesk
