// SPDX-License-Identifier: LGPL-2.1-or-later
// The HTTP side of who may reach the server, installed on its SoupServer:
// - passwords: HTTP Basic authentication on every request, the page and the WebSocket upgrade
//   alike, so nothing is served and no WebSocket opens before it. The password gives full
//   access, the view-only password gives a viewer that never controls;
// - failed logins throttled per remote address (LoginThrottle): 429 with Retry-After while an
//   address is locked out, whatever password it sends;
// - the Host of every request: one of the server's own names (HostPolicy), checked before
//   the password (403 else: no login prompt, no failed login counted, nothing served);
// - the WebSocket's Origin: same scheme, host and port as the server, none (not a browser) or
//   on the allow-list (403 else); more than one Origin (or Host) header is refused.
// Everything here runs on the server thread.
#pragma once

#include <libsoup/soup.h>

#include <functional>
#include <string>
#include <vector>

#include "host-policy.h"
#include "login-throttle.h"

namespace webdesk {

struct AccessSettings {
  std::string address;        // the listen address (an IP address)
  bool tls = false;           // the server speaks https
  std::vector<std::string> server_names;  // as ParseServerNames returns them
  std::string password;       // empty: no authentication (loopback only)
  std::string view_password;  // empty: none; needs `password`
  std::vector<std::string> allowed_origins;  // as ParseOriginList returns them
  ThrottlePolicy throttle;
};

class ServerAccess {
 public:
  // `on_login_failed` (remote address, now locked out) is told of every wrong password.
  ServerAccess (AccessSettings settings,
      std::function<void (const std::string &, bool)> on_login_failed);
  ServerAccess (const ServerAccess &) = delete;
  ServerAccess &operator= (const ServerAccess &) = delete;

  void Install (SoupServer *server);
  // For the WebSocket's early handler: sets 403 on a request for another host or from a page
  // of another site. (Install checks the Host of every other request itself.)
  void CheckWebSocketRequest (SoupServerMessage *msg) const;
  // Whether an (authenticated) request may control: logged in with the full password, or
  // there is no password at all.
  bool FullAccess (SoupServerMessage *msg) const;

 private:
  static gboolean CheckPassword (SoupAuthDomain *domain, SoupServerMessage *msg,
      const char *user, const char *password, gpointer self);
  // Sets 403 (400 for a second Host header) unless the request's Host is one of ours; false then.
  bool CheckHost (SoupServerMessage *msg) const;
  static gboolean FilterByHost (SoupAuthDomain *domain, SoupServerMessage *msg, gpointer self);
  static void OnEarlyRequest (SoupServer *server, SoupServerMessage *msg, const char *path,
      GHashTable *query, gpointer self);
  static void OnRequestStarted (SoupServer *server, SoupServerMessage *msg, gpointer self);
  static void OnRequestStartedChecks (SoupServer *server, SoupServerMessage *msg, gpointer self);
  static void OnGotHeadersChecks (SoupServerMessage *msg, gpointer self);

  AccessSettings settings_;
  HostPolicy hosts_;
  std::function<void (const std::string &, bool)> on_login_failed_;
  LoginThrottle throttle_;
};

}  // namespace webdesk
