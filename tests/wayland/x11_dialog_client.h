// SPDX-License-Identifier: LGPL-2.1-or-later
// What x11-dialog-client shows, for the test that runs it: an X11 main window and its dialog
// (WM_TRANSIENT_FOR), each one plain colour.
#pragma once

#include <cstdint>

namespace webdesk::testing::x11_dialog {

// The main window's minimum size is larger than the test's output: it is shown at its minimum
// from the top left, so "centred over its parent" and "centred on the output" differ.
inline constexpr int kMainMinWidth = 600, kMainMinHeight = 400;
inline constexpr uint32_t kMainColour = 0x2060c0;
inline constexpr char kMainTitle[] = "webdesk x11 main";

inline constexpr int kDialogWidth = 100, kDialogHeight = 60;
inline constexpr uint32_t kDialogColour = 0xe0a020;
inline constexpr char kDialogTitle[] = "webdesk x11 dialog";

}  // namespace webdesk::testing::x11_dialog
