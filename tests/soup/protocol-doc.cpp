// SPDX-License-Identifier: LGPL-2.1-or-later
#include "protocol-doc.h"

#include <glib.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace webdesk::testing {

std::vector<DocBlock>
ReadProtocolDocBlocks ()
{
  const char *root = g_getenv ("WEBDESK_SOURCE_ROOT");
  EXPECT_NE (root, nullptr) << "run through meson test";
  std::ifstream in (std::string (root ? root : ".") + "/docs/protocol.md");
  EXPECT_TRUE (in.good ()) << "docs/protocol.md not found";
  std::vector<DocBlock> blocks;
  std::string line;
  DocBlock *open = nullptr;
  while (std::getline (in, line)) {
    if (line.rfind ("```", 0) == 0) {
      if (open) {
        open = nullptr;
      } else {
        std::istringstream words (line.substr (3));
        DocBlock b;
        words >> b.kind >> b.name;
        blocks.push_back (b);
        open = &blocks.back ();
      }
    } else if (open) {
      open->lines.push_back (line);
    }
  }
  return blocks;
}

std::vector<uint8_t>
FromHex (const std::string &text)
{
  std::vector<uint8_t> bytes;
  std::istringstream in (text);
  std::string word;
  while (in >> word) {
    for (size_t i = 0; i + 1 < word.size (); i += 2)
      bytes.push_back (uint8_t (std::stoul (word.substr (i, 2), nullptr, 16)));
  }
  return bytes;
}

}  // namespace webdesk::testing
