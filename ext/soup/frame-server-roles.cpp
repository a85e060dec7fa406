// SPDX-License-Identifier: LGPL-2.1-or-later
// FrameServer's part in Roles (roles.h): who controls, who hears of it, and what is let go when
// control moves on. Server thread only.
#include "frame-server.h"

namespace webdesk {

void
FrameServer::JoinRoles (Client *c)
{
  c->joined = true;
  if (roles_.Join (c->id, c->full_access))
    ControllerChanged (0);
  SendRoles ();
}

void
FrameServer::LeaveRoles (Client *c)
{
  if (!c->joined)
    return;
  c->joined = false;
  if (roles_.Leave (c->id))
    ControllerChanged (c->id);
  SendRoles ();
}

void
FrameServer::HandleControl (Client *c, const ClientMessage &m)
{
  const uint64_t previous = roles_.controller ();
  const bool changed = m.action == "take" ? roles_.Take (c->id) : roles_.Give (c->id, m.client_id);
  if (changed)
    ControllerChanged (previous);
  SendRoles ();  // a refused client hears its role again
}

void
FrameServer::ControllerChanged (uint64_t previous)
{
  // What the previous controller held down is let go, on its behalf.
  for (const ClientMessage &release : held_.ReleaseAll ())
    listener_->OnClientMessage (previous, release);
}

void
FrameServer::SendRoles ()
{
  for (auto &c : clients_) {
    if (c->joined)
      SendText (c.get (), RoleJson (roles_.InControl (c->id), c->full_access,
          roles_.controller (), roles_.clients ()));
  }
}

}  // namespace webdesk
