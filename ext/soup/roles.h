// SPDX-License-Identifier: LGPL-2.1-or-later
// Who controls the desktop (docs/protocol.md, "Roles").
//
// - A client that logged in with the full password (or any client where there is no password)
//   has full access; one that logged in with the view-only password never controls.
// - The first full-access client controls; the others view. A full-access viewer may take
//   control at any time, and the controller may give it to a full-access viewer. When the
//   controller leaves, control passes to the full-access client that joined earliest.
// - Only the controller's input reaches the desktop; the server drops everyone else's.
//
// HeldInput remembers the keys and buttons the controller holds down, so that they are
// released when control moves on (a tab closed while Shift was down must not leave it stuck).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "control-message.h"

namespace webdesk {

class Roles {
 public:
  // Each returns true when the controller changed.
  bool Join (uint64_t id, bool full_access);
  bool Leave (uint64_t id);
  // `id` takes control; refused (false) for a view-only or unknown client.
  bool Take (uint64_t id);
  // The controller `from` gives control to `to`; refused unless `from` controls and `to` is a
  // full-access client.
  bool Give (uint64_t from, uint64_t to);

  uint64_t controller () const { return controller_; }  // 0: nobody
  bool InControl (uint64_t id) const { return id != 0 && id == controller_; }
  bool FullAccess (uint64_t id) const;
  int clients () const { return int (members_.size ()); }

 private:
  struct Member {
    uint64_t id;
    bool full_access;
  };
  std::vector<Member> members_;  // in joining order
  uint64_t controller_ = 0;
};

// Messages that act on the desktop: pointer, wheel, keys, text, clipboard and resize.
bool IsInput (ClientMessageType type);

class HeldInput {
 public:
  // Follows an input message the controller sent.
  void Track (const ClientMessage &message);
  // key-up and pointer-up messages for everything still held down; then nothing is.
  std::vector<ClientMessage> ReleaseAll ();

 private:
  std::map<std::string, ClientMessage> keys_;  // by evdev code, else key name
  std::map<int, ClientMessage> buttons_;
  double x_ = 0, y_ = 0;
};

}  // namespace webdesk
