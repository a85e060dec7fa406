// SPDX-License-Identifier: LGPL-2.1-or-later
// See raw-http.h.
#include "raw-http.h"

#include <cstdlib>
#include <cstring>

namespace webdesk::testing {

RawConnection::RawConnection (int port, double timeout_s)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_socket_client_set_timeout (client, guint (timeout_s + 0.5));
  connection_ = g_socket_client_connect_to_host (client, "127.0.0.1", guint16 (port), nullptr,
      nullptr);
  if (!connection_)
    return;
  socket_ = g_socket_connection_get_socket (connection_);
  g_socket_set_timeout (socket_, guint (timeout_s + 0.5));
}

RawConnection::~RawConnection ()
{
  Close ();
}

void
RawConnection::Close ()
{
  if (connection_) {
    g_io_stream_close (G_IO_STREAM (connection_), nullptr, nullptr);
    g_object_unref (connection_);
  }
  connection_ = nullptr;
  socket_ = nullptr;
}

bool
RawConnection::Send (const std::string &bytes)
{
  size_t sent = 0;
  while (socket_ && sent < bytes.size ()) {
    const gssize n = g_socket_send (socket_, bytes.data () + sent, bytes.size () - sent, nullptr,
        nullptr);
    if (n <= 0)
      return false;
    sent += size_t (n);
  }
  return socket_ != nullptr;
}

RawResponse
RawConnection::Read ()
{
  RawResponse r;
  char chunk[4096];
  size_t end;
  while ((end = buffered_.find ("\r\n\r\n")) == std::string::npos) {
    const gssize n = socket_ ? g_socket_receive (socket_, chunk, sizeof chunk, nullptr, nullptr) : -1;
    if (n <= 0)
      return r;
    buffered_.append (chunk, size_t (n));
  }
  r.head = buffered_.substr (0, end + 2);
  buffered_.erase (0, end + 4);
  size_t length = 0;
  g_autofree gchar *lower = g_ascii_strdown (r.head.c_str (), -1);
  if (const char *cl = strstr (lower, "\r\ncontent-length:"))
    length = size_t (std::strtoul (cl + 17, nullptr, 10));
  while (buffered_.size () < length) {
    const gssize n = g_socket_receive (socket_, chunk, sizeof chunk, nullptr, nullptr);
    if (n <= 0)
      return r;
    buffered_.append (chunk, size_t (n));
  }
  r.body = buffered_.substr (0, length);
  buffered_.erase (0, length);
  if (r.head.compare (0, 5, "HTTP/") == 0 && r.head.size () > 12)
    r.status = std::atoi (r.head.c_str () + 9);
  return r;
}

bool
RawConnection::ClosedByServer ()
{
  char chunk[4096];
  while (socket_) {
    g_autoptr (GError) error = nullptr;
    const gssize n = g_socket_receive (socket_, chunk, sizeof chunk, nullptr, &error);
    if (n == 0)
      return true;
    if (n < 0)  // reset by the server, or timed out
      return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  }
  return false;
}

RawWebSocket::RawWebSocket (int port, const std::string &headers) : connection_ (port)
{
  const std::string request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string (port) +
      "\r\n" + UpgradeHeaders () + headers + "\r\n";
  open_ = connection_.Send (request) && connection_.Read ().status == 101;
}

bool
RawWebSocket::SendText (const std::string &text)
{
  std::string frame (1, char (0x81));  // FIN, text
  const size_t n = text.size ();
  if (n < 126) {
    frame += char (0x80 | n);
  } else if (n < 65536) {
    frame += char (0x80 | 126);
    frame += char (n >> 8);
    frame += char (n & 0xff);
  } else {
    frame += char (0x80 | 127);
    for (int shift = 56; shift >= 0; shift -= 8)
      frame += char ((uint64_t (n) >> shift) & 0xff);
  }
  const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
  frame.append (reinterpret_cast<const char *> (mask), 4);
  for (size_t i = 0; i < n; i++)
    frame += char (text[i] ^ mask[i % 4]);
  return connection_.Send (frame);
}

RawResponse
RawGet (int port, const std::string &path, const std::string &headers)
{
  RawConnection c (port);
  const std::string host = headers.find ("Host:") == std::string::npos
      ? "Host: 127.0.0.1:" + std::to_string (port) + "\r\n"
      : "";
  if (!c.Send ("GET " + path + " HTTP/1.1\r\n" + host + headers + "\r\n"))
    return {};
  return c.Read ();
}

std::string
UpgradeHeaders ()
{
  return "Upgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
}

std::string
BasicAuthorization (const std::string &password)
{
  const std::string credentials = "viewer:" + password;
  g_autofree gchar *b64 =
      g_base64_encode (reinterpret_cast<const guchar *> (credentials.data ()), credentials.size ());
  return std::string ("Authorization: Basic ") + b64 + "\r\n";
}

}  // namespace webdesk::testing
