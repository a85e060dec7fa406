// SPDX-License-Identifier: LGPL-2.1-or-later
// The pipeline webdesk runs: waylanddamagesrc ! paintoverscheduler ! h264qualityenc !
// websocketframesink, configured from the command line.
#pragma once

#include <gst/gst.h>

#include <string>
#include <vector>

#include "options.h"

namespace webdesk {

// The command started inside the display: the user's application, or a nested weston desktop
// that reads `weston_ini` (a file the caller writes; see WestonIni). When `desktop_log` is not
// empty, the desktop's output (weston's log and its clients' messages) goes to that file instead
// of the terminal, which keeps webdesk's one status line readable.
std::string ClientCommand (const Options &options, const std::string &weston_ini,
    const std::string &desktop_log = "");
// The last `lines` lines of a text file ("" when it cannot be read).
std::string TailOfFile (const std::string &path, int lines);
// A weston.ini for the nested desktop: no screen lock, no idle blanking, and `terminal` (a full
// path; none when empty) started with it.
std::string WestonIni (const std::string &terminal);
// The terminal the desktop starts: the first of weston-terminal and foot found on PATH, as a full
// path ("" when neither is there). Distributions put them in different places.
std::string FindDesktopTerminal ();

// Builds the pipeline; NULL with a reason when an element or property is missing. With a
// `sound_server` (SoundServer::address), the sound branches too (sound-branches.h).
GstElement *BuildPipeline (const Options &options, const std::string &client_command,
    std::string *error, const std::string &sound_server = "");

}  // namespace webdesk
