// SPDX-License-Identifier: LGPL-2.1-or-later
#include "child_process.h"

#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>

#include <chrono>
#include <cstdlib>

namespace webdesk::wayland {

std::string
ExitStatus::Describe () const
{
  if (exited)
    return "exited with status " + std::to_string (code);
  return std::string ("was killed by signal ") + strsignal (signal);
}

namespace {

void
ChildSetup (gpointer)
{
  // It leads a process group of its own, so that what it starts (a session's panel and
  // wallpaper, an application's helpers) is stopped with it.
  setpgid (0, 0);
  // If the pipeline's process dies, the application goes with it.
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

}  // namespace

bool
ChildProcess::Start (const std::string &command_line,
    const std::vector<std::pair<std::string, std::string>> &environment,
    std::function<void (const ExitStatus &)> on_exit, std::string *error)
{
  Stop ();
  g_autoptr (GError) err = nullptr;
  g_auto (GStrv) argv = nullptr;
  if (!g_shell_parse_argv (command_line.c_str (), nullptr, &argv, &err)) {
    *error = err->message;
    return false;
  }
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  for (const auto &kv : environment) {
    if (kv.second.empty ())
      g_subprocess_launcher_unsetenv (launcher, kv.first.c_str ());
    else
      g_subprocess_launcher_setenv (launcher, kv.first.c_str (), kv.second.c_str (), TRUE);
  }
  g_subprocess_launcher_set_child_setup (launcher, ChildSetup, nullptr, nullptr);
  process_ = g_subprocess_launcher_spawnv (launcher, argv, &err);
  if (!process_) {
    *error = err->message;
    return false;
  }
  if (const char *id = g_subprocess_get_identifier (process_))
    group_ = pid_t (atoi (id));
  on_exit_ = std::move (on_exit);
  exited_ = stopping_ = false;
  watcher_ = std::thread (&ChildProcess::Watch, this);
  return true;
}

void
ChildProcess::Watch ()
{
  g_subprocess_wait (process_, nullptr, nullptr);
  ExitStatus status;
  status.exited = g_subprocess_get_if_exited (process_);
  if (status.exited)
    status.code = g_subprocess_get_exit_status (process_);
  else if (g_subprocess_get_if_signaled (process_))
    status.signal = g_subprocess_get_term_sig (process_);
  bool stopping;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    exited_ = true;
    stopping = stopping_;
    exited_cond_.notify_all ();
  }
  if (!stopping && on_exit_)
    on_exit_ (status);
}

bool
ChildProcess::Running () const
{
  std::lock_guard<std::mutex> lock (mutex_);
  return process_ && !exited_;
}

void
ChildProcess::Stop (int grace_ms)
{
  if (!process_)
    return;
  {
    std::unique_lock<std::mutex> lock (mutex_);
    stopping_ = true;
    // The whole group: the command and whatever it started that is still there.
    if (group_ > 0)
      kill (-group_, SIGTERM);
    if (!exited_) {
      g_subprocess_send_signal (process_, SIGTERM);
      if (!exited_cond_.wait_for (lock, std::chrono::milliseconds (grace_ms),
              [&] { return exited_; })) {
        if (group_ > 0)
          kill (-group_, SIGKILL);
        g_subprocess_force_exit (process_);
      }
    }
  }
  if (watcher_.joinable ())
    watcher_.join ();
  g_clear_object (&process_);
  group_ = 0;
}

}  // namespace webdesk::wayland
