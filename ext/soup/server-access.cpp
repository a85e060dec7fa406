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

// Compares in time that depends only on the lengths, not on where the first difference is.
bool
SecretEquals (const std::string &a, const char *b)
{
  const size_t n = strlen (b);
  size_t diff = a.size () ^ n;
  for (size_t i = 0; i < n; i++)
    diff |= uint8_t (b[i]) ^ uint8_t (i < a.size () ? a[i] : 0);
  return diff == 0;
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
      on_login_failed_ (std::move (on_login_failed)),
      throttle_ (settings_.throttle)
{
}

void
ServerAccess::Install (SoupServer *server)
{
  if (settings_.password.empty ())
    return;
  SoupAuthDomain *domain = soup_auth_domain_basic_new ("realm", "webdesk", nullptr);
  soup_auth_domain_basic_set_auth_callback (domain, CheckPassword, this, nullptr);
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
  intptr_t access = 0;
  if (password && SecretEquals (self->settings_.password, password))
    access = kAccessFull;
  else if (password && !self->settings_.view_password.empty () &&
           SecretEquals (self->settings_.view_password, password))
    access = kAccessView;
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

void
ServerAccess::CheckWebSocketRequest (SoupServerMessage *msg) const
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  if (!IsAllowedOrigin (origin, soup_message_headers_get_one (headers, "Host"),
          settings_.allowed_origins)) {
    // Another site's page must not ride on the viewer's credentials.
    soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, "Origin not allowed");
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
