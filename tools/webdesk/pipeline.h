// SPDX-License-Identifier: LGPL-2.1-or-later
// The pipeline webdesk runs: waylanddamagesrc ! paintoverscheduler ! h264qualityenc !
// websocketframesink, configured from the command line.
#pragma once

#include <gst/gst.h>

#include <string>
#include <vector>

#include "options.h"

namespace webdesk {

// The command started inside the display: the user's application, or webdesk's own desktop,
// `session_script` (desktop-session.h). When `desktop_log` is not empty, the desktop's output
// (its parts' messages) goes to that file instead of the terminal, which keeps webdesk's one
// status line readable.
std::string ClientCommand (const Options &options, const std::string &session_script,
    const std::string &desktop_log = "");
// The last `lines` lines of a text file ("" when it cannot be read).
std::string TailOfFile (const std::string &path, int lines);

// Builds the pipeline; NULL with a reason when an element or property is missing. With a
// `sound_server` (SoundServer::address), the sound branches too (sound-branches.h).
GstElement *BuildPipeline (const Options &options, const std::string &client_command,
    std::string *error, const std::string &sound_server = "");

}  // namespace webdesk
