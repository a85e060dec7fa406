// SPDX-License-Identifier: LGPL-2.1-or-later
// The application started inside the display (`command`): spawned with the display in its
// environment, watched by a thread, stopped with SIGTERM (then SIGKILL) when the element stops.
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace webdesk::wayland {

struct ExitStatus {
  bool exited = false;   // exited by itself (else killed by a signal)
  int code = 0;          // exit code when exited
  int signal = 0;        // terminating signal otherwise
  bool Success () const { return exited && code == 0; }
  std::string Describe () const;
};

class ChildProcess {
 public:
  ChildProcess () = default;
  ~ChildProcess () { Stop (); }

  // Parses `command_line` like a shell would (no expansion) and starts it, with `environment`
  // over ours (an empty value unsets the variable). `on_exit` runs on
  // the watcher thread when the process ends by itself (not when Stop() ended it).
  bool Start (const std::string &command_line,
      const std::vector<std::pair<std::string, std::string>> &environment,
      std::function<void (const ExitStatus &)> on_exit, std::string *error);
  // Ends the process (SIGTERM, SIGKILL after `grace_ms`) and waits for it.
  void Stop (int grace_ms = 2000);
  bool Running () const;
  // The command's process id (it leads its own process group), or 0 when none was started.
  pid_t Pid () const { return group_; }

 private:
  void Watch ();

  GSubprocess *process_ = nullptr;
  std::thread watcher_;
  std::function<void (const ExitStatus &)> on_exit_;
  mutable std::mutex mutex_;
  std::condition_variable exited_cond_;
  bool exited_ = false;
  bool stopping_ = false;
  pid_t group_ = 0;  // the command's process group (its pid)
};

}  // namespace webdesk::wayland
