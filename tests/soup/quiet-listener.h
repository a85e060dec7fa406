// SPDX-License-Identifier: LGPL-2.1-or-later
// A FrameServer::Listener that ignores everything: for tests of the server's own behaviour
// (connections, routes, backlog) that need none of the events. Override what a test watches.
#pragma once

#include <cstdint>
#include <string>

#include "frame-server.h"

namespace webdesk::testing {

class QuietListener : public webdesk::FrameServer::Listener {
 public:
  void OnClientConnected (uint64_t, const std::string &, int) override {}
  void OnClientDisconnected (uint64_t, uint16_t, const std::string &, int) override {}
  void OnKeyframeNeeded () override {}
  void OnAll444Changed (bool) override {}
  void OnClientMessage (uint64_t, const webdesk::ClientMessage &) override {}
};

}  // namespace webdesk::testing
