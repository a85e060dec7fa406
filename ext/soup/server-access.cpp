// SPDX-License-Identifier: LGPL-2.1-or-later
// See server-access.h.
#include "server-access.h"

#include <cstring>

#include "access-policy.h"

namespace webdesk {

namespace {

// What a request logged in with, kept on the SoupServerMessage.
constexpr const char *kAccessKey = "webdesk-access";
constexpr intptr_t kAccessFull = 1;
constexpr intptr_t kAccessView = 2;

void
Refuse (SoupServerMessage *msg, guint status, const std::string &body)
{
  soup_server_message_set_status (msg, status, nullptr);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, body.data (),
      body.size ());
}

std::string
RemoteOf (SoupServerMessage *msg)
{
  const char *remote = soup_server_message_get_remote_host (msg);
  return remote ? remote : "";
}

}  // namespace

ServerAccess::ServerAccess (AccessSettings settings,
    std::function<void (const std::string &, bool)> on_login_failed)
    : settings_ (std::move (settings)),
      hosts_ (settings_.address, g_get_host_name (), settings_.server_names),
      on_login_failed_ (std::move (on_login_failed)),
      throttle_ (settings_.throttle)
{
}

void
ServerAccess::Install (SoupServer *server)
{
  // Every path but /ws, whose early handler is the server's (CheckWebSocketRequest).
  soup_server_add_early_handler (server, nullptr, OnEarlyRequest, this, nullptr);
  // libsoup 3.2 runs no early handler for a request that passed authentication: the same
  // checks again once every request's headers are in, authenticated or not.
  g_signal_connect (server, "request-started", G_CALLBACK (OnRequestStartedChecks), this);
  if (settings_.password.empty ())
    return;
  SoupAuthDomain *domain = soup_auth_domain_basic_new ("realm", "webdesk", nullptr);
  soup_auth_domain_basic_set_auth_callback (domain, CheckPassword, this, nullptr);
  // libsoup authenticates before any early handler runs: the Host is checked first here, so a
  // page for another host neither gets a login prompt nor counts as a failed login.
  soup_auth_domain_set_filter (domain, FilterByHost, this, nullptr);
  soup_auth_domain_add_path (domain, "/");
  soup_server_add_auth_domain (server, domain);
  g_object_unref (domain);
  g_signal_connect (server, "request-started", G_CALLBACK (OnRequestStarted), this);
}

void
ServerAccess::OnRequestStarted (SoupServer *, SoupServerMessage *msg, gpointer data)
{
  auto *self = static_cast<ServerAccess *> (data);
  const int64_t wait_us = self->throttle_.LockedOutFor (RemoteOf (msg), g_get_monotonic_time ());
  if (wait_us <= 0)
    return;
  // A status set this early skips authentication and every handler: the request gets this.
  const std::string retry_after = std::to_string ((wait_us + 999999) / 1000000);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
      retry_after.c_str ());
  soup_server_message_set_status (msg, 429, "Too Many Requests");
  const char *body = "Too many failed logins from this address; try again later.\n";
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, body, strlen (body));
}

gboolean
ServerAccess::CheckPassword (SoupAuthDomain *, SoupServerMessage *msg, const char *,
    const char *password, gpointer data)
{
  auto *self = static_cast<ServerAccess *> (data);
  const std::string remote = RemoteOf (msg);
  const Access given =
      AccessForPassword (self->settings_.password, self->settings_.view_password, password);
  const intptr_t access = given == Access::kFull ? kAccessFull
                          : given == Access::kView ? kAccessView
                                                   : 0;
  if (!access) {
    const int64_t now = g_get_monotonic_time ();
    self->throttle_.Failed (remote, now);
    if (self->on_login_failed_)
      self->on_login_failed_ (remote, self->throttle_.LockedOutFor (remote, now) > 0);
    return FALSE;
  }
  self->throttle_.Succeeded (remote);
  g_object_set_data (G_OBJECT (msg), kAccessKey, reinterpret_cast<gpointer> (access));
  return TRUE;
}

bool
ServerAccess::CheckHost (SoupServerMessage *msg) const
{
  if (soup_server_message_get_status (msg) != 0)
    return false;  // already answered (429)
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  // A header given twice is read back joined by commas; neither a host nor an origin has one.
  const char *host = soup_message_headers_get_list (headers, "Host");
  if (host && strchr (host, ',')) {
    Refuse (msg, SOUP_STATUS_BAD_REQUEST, "More than one Host header.\n");
    return false;
  }
  if (hosts_.Allows (host))
    return true;
  const std::string body = "This server is not known by the name \"" +
      std::string (host ? host : "") + "\". Open it by its address, or start it with this name "
      "in its server names (websocketframesink server-names, webdesk --server-names).\n";
  Refuse (msg, SOUP_STATUS_FORBIDDEN, body);
  return false;
}

gboolean
ServerAccess::FilterByHost (SoupAuthDomain *, SoupServerMessage *msg, gpointer data)
{
  // Covered by the password only when the Host is ours; else the 403 set here is the answer.
  return static_cast<ServerAccess *> (data)->CheckHost (msg);
}

void
ServerAccess::OnEarlyRequest (SoupServer *, SoupServerMessage *msg, const char *, GHashTable *,
    gpointer data)
{
  static_cast<ServerAccess *> (data)->CheckHost (msg);
}

void
ServerAccess::OnRequestStartedChecks (SoupServer *, SoupServerMessage *msg, gpointer data)
{
  // Connected after libsoup's own got-headers handler (which authenticates): runs after it.
  g_signal_connect (msg, "got-headers", G_CALLBACK (OnGotHeadersChecks), data);
}

void
ServerAccess::OnGotHeadersChecks (SoupServerMessage *msg, gpointer data)
{
  if (soup_server_message_get_status (msg) != 0)
    return;  // answered already (refused, throttled, a login asked for)
  auto *self = static_cast<ServerAccess *> (data);
  if (g_strcmp0 (g_uri_get_path (soup_server_message_get_uri (msg)), "/ws") == 0)
    self->CheckWebSocketRequest (msg);
  else
    self->CheckHost (msg);
}

void
ServerAccess::CheckWebSocketRequest (SoupServerMessage *msg) const
{
  if (!CheckHost (msg))
    return;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_list (headers, "Origin");
  if (origin && strchr (origin, ',')) {
    // Which one would the browser have meant? Neither is trusted.
    Refuse (msg, SOUP_STATUS_FORBIDDEN, "More than one Origin header.\n");
    return;
  }
  if (!IsAllowedOrigin (origin, soup_message_headers_get_one (headers, "Host"), settings_.tls,
          settings_.allowed_origins)) {
    // Another site's page must not ride on the viewer's credentials.
    Refuse (msg, SOUP_STATUS_FORBIDDEN, "Origin not allowed.\n");
  }
}

bool
ServerAccess::FullAccess (SoupServerMessage *msg) const
{
  if (settings_.password.empty ())
    return true;
  return reinterpret_cast<intptr_t> (g_object_get_data (G_OBJECT (msg), kAccessKey)) ==
         kAccessFull;
}

}  // namespace webdesk
