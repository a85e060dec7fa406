// SPDX-License-Identifier: LGPL-2.1-or-later
// See roles.h.
#include "roles.h"

#include <algorithm>

namespace webdesk {

bool
Roles::FullAccess (uint64_t id) const
{
  for (const Member &m : members_) {
    if (m.id == id)
      return m.full_access;
  }
  return false;
}

bool
Roles::Join (uint64_t id, bool full_access)
{
  members_.push_back ({id, full_access});
  if (controller_ == 0 && full_access) {
    controller_ = id;
    return true;
  }
  return false;
}

bool
Roles::Leave (uint64_t id)
{
  members_.erase (std::remove_if (members_.begin (), members_.end (),
                      [id] (const Member &m) { return m.id == id; }),
      members_.end ());
  if (controller_ != id)
    return false;
  controller_ = 0;
  for (const Member &m : members_) {
    if (m.full_access) {
      controller_ = m.id;
      break;
    }
  }
  return true;
}

bool
Roles::Take (uint64_t id)
{
  if (!FullAccess (id) || controller_ == id)
    return false;
  controller_ = id;
  return true;
}

bool
Roles::Give (uint64_t from, uint64_t to)
{
  if (!InControl (from) || from == to || !FullAccess (to))
    return false;
  controller_ = to;
  return true;
}

bool
IsInput (ClientMessageType type)
{
  switch (type) {
    case ClientMessageType::kPointerMove:
    case ClientMessageType::kPointerDown:
    case ClientMessageType::kPointerUp:
    case ClientMessageType::kWheel:
    case ClientMessageType::kKeyDown:
    case ClientMessageType::kKeyUp:
    case ClientMessageType::kResize:
    case ClientMessageType::kClipboard:
    case ClientMessageType::kText:
    case ClientMessageType::kPreedit:
      return true;
    default:
      return false;
  }
}

void
HeldInput::Track (const ClientMessage &m)
{
  switch (m.type) {
    case ClientMessageType::kKeyDown:
    case ClientMessageType::kKeyUp: {
      const std::string name = m.code ? std::to_string (m.code) : "key:" + m.key;
      if (m.type == ClientMessageType::kKeyDown)
        keys_[name] = m;
      else
        keys_.erase (name);
      break;
    }
    case ClientMessageType::kPointerDown:
      buttons_[m.button] = m;
      x_ = m.x;
      y_ = m.y;
      break;
    case ClientMessageType::kPointerUp:
      buttons_.erase (m.button);
      x_ = m.x;
      y_ = m.y;
      break;
    case ClientMessageType::kPointerMove:
    case ClientMessageType::kWheel:
      x_ = m.x;
      y_ = m.y;
      break;
    default:
      break;
  }
}

std::vector<ClientMessage>
HeldInput::ReleaseAll ()
{
  std::vector<ClientMessage> out;
  for (auto &[name, down] : keys_) {
    ClientMessage up = down;
    up.type = ClientMessageType::kKeyUp;
    up.text.clear ();
    out.push_back (up);
  }
  for (auto &[button, down] : buttons_) {
    ClientMessage up = down;
    up.type = ClientMessageType::kPointerUp;
    up.x = x_;
    up.y = y_;
    out.push_back (up);
  }
  keys_.clear ();
  buttons_.clear ();
  return out;
}

}  // namespace webdesk
