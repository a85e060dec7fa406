// SPDX-License-Identifier: LGPL-2.1-or-later
// docs/protocol.md as test data: its fenced ```<kind> <name> blocks (golden vectors, examples),
// so the specification, the C++ server and the JavaScript client cannot drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace webdesk::testing {

struct DocBlock {
  std::string kind, name;
  std::vector<std::string> lines;
};

// Every fenced block of docs/protocol.md (found through WEBDESK_SOURCE_ROOT, as meson test sets).
std::vector<DocBlock> ReadProtocolDocBlocks ();

// Hex digits in pairs, words separated by white space ("00ff 10") -> bytes.
std::vector<uint8_t> FromHex (const std::string &text);

}  // namespace webdesk::testing
