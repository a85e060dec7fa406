// SPDX-License-Identifier: LGPL-2.1-or-later
// Nested desktops: which sockets are displays, which processes are the command's, and the
// clipboard joined between our compositor and a nested one. The nested compositor here is a
// second of our own (a wlroots compositor with data-control, as sway is), in this process, so
// this process stands for the command that started it.
#include <gtest/gtest.h>
#include <glib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "compositor_fixture.h"
#include "nested_desktops.h"

using namespace webdesk::wayland;
using webdesk::testing::CompositorTest;

namespace {

constexpr auto kTimeout = std::chrono::seconds (15);  // bounds a hang on a loaded machine

// What a listener on a compositor's thread has seen, for the test's thread to wait on.
template <typename T>
class Seen {
 public:
  void Add (const T &item)
  {
    std::lock_guard<std::mutex> lock (mutex_);
    items_.push_back (item);
    cond_.notify_all ();
  }
  // Everything seen, once there are at least `count` items (or what there is after kTimeout).
  std::vector<T> AtLeast (size_t count)
  {
    std::unique_lock<std::mutex> lock (mutex_);
    cond_.wait_for (lock, kTimeout, [&] { return items_.size () >= count; });
    return items_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cond_;
  std::vector<T> items_;
};

class NestedCompositorTest : public CompositorTest {
 protected:
  void SetUp () override
  {
    CompositorTest::SetUp ();
    compositor_.SetClipboardListener ([this] (const std::string &text) { ours_.Add (text); });
    compositor_.SetNestedDisplayListener ([this] (const NestedDisplay &d) { reports_.Add (d); });
    // This process is the command: a display it opens is a nested desktop.
    compositor_.WatchNestedDesktops (getpid ());
  }
  void TearDown () override
  {
    nested_.Stop ();
    CompositorTest::TearDown ();
  }
  // Starts the nested compositor and waits until it has been joined.
  void StartNested ()
  {
    std::string error;
    ASSERT_TRUE (nested_.Start ("wayland-nested", OutputSize{64, 48, 1}, &error)) << error;
    nested_.SetClipboardListener ([this] (const std::string &text) { nested_texts_.Add (text); });
    const auto reports = reports_.AtLeast (1);
    ASSERT_EQ (reports.size (), 1u) << "the nested display was not found";
    EXPECT_EQ (reports[0].socket_name, nested_.SocketName ());
    EXPECT_TRUE (reports[0].present);
    EXPECT_TRUE (reports[0].clipboard);
  }

  Compositor nested_;
  Seen<std::string> ours_;          // our clipboard, as the viewer gets it
  Seen<std::string> nested_texts_;  // the nested compositor's clipboard, as it reads it
  Seen<NestedDisplay> reports_;
};

}  // namespace

TEST (NestedDesktops, DisplaySocketsAreKnownByName)
{
  EXPECT_TRUE (IsDisplaySocketName ("wayland-0"));
  EXPECT_TRUE (IsDisplaySocketName ("wayland-12"));
  EXPECT_TRUE (IsDisplaySocketName ("wayland-kwin"));
  EXPECT_FALSE (IsDisplaySocketName ("wayland-1.lock"));
  EXPECT_FALSE (IsDisplaySocketName ("wayland-"));
  EXPECT_FALSE (IsDisplaySocketName ("sway-ipc.1000.42.sock"));
  EXPECT_FALSE (IsDisplaySocketName ("pulse"));
}

TEST (NestedDesktops, TheCommandsTreeIsItsDescendantsEvenInAnotherSession)
{
  // A child that left our process group (setsid, as a daemonising helper does).
  const gchar *argv[] = {"sleep", "30", nullptr};
  GPid child = 0;
  g_autoptr (GError) error = nullptr;
  ASSERT_TRUE (g_spawn_async (nullptr, const_cast<gchar **> (argv), nullptr,
      GSpawnFlags (G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD),
      [] (gpointer) { setsid (); }, nullptr, &child, &error)) << error->message;
  EXPECT_NE (getpgid (child), getpgid (getpid ()));
  EXPECT_TRUE (InProcessTree (child, getpid ()));
  EXPECT_TRUE (InProcessTree (getpid (), getpid ()));
  EXPECT_FALSE (InProcessTree (getpid (), child)) << "a parent is not in its child's tree";
  EXPECT_FALSE (InProcessTree (1, getpid ()));
  kill (child, SIGKILL);
  waitpid (child, nullptr, 0);
  EXPECT_FALSE (InProcessTree (child, getpid ())) << "a process that has gone";
}

TEST_F (NestedCompositorTest, ACopyInsideReachesOursAndOursReachesInside)
{
  StartNested ();
  // An application inside the nested desktop copies (the nested compositor's own selection).
  nested_.SetClipboardText ("copied inside");
  EXPECT_EQ (ours_.AtLeast (1), std::vector<std::string> ({"copied inside"}));

  // The viewer's text: the nested desktop's applications paste it.
  compositor_.SetClipboardText ("from the viewer");
  EXPECT_EQ (nested_texts_.AtLeast (1), std::vector<std::string> ({"from the viewer"}));

  // Nothing bounced: our clipboard's next text is the next copy inside, not the viewer's.
  nested_.SetClipboardText ("copied inside again");
  EXPECT_EQ (ours_.AtLeast (2),
      std::vector<std::string> ({"copied inside", "copied inside again"}));
  EXPECT_EQ (nested_texts_.AtLeast (1), std::vector<std::string> ({"from the viewer"}));
}

TEST_F (NestedCompositorTest, ANestedDesktopStartsWithTheTextWeHave)
{
  compositor_.SetClipboardText ("copied before it started");
  StartNested ();
  EXPECT_EQ (nested_texts_.AtLeast (1), std::vector<std::string> ({"copied before it started"}));
}

TEST_F (NestedCompositorTest, ANestedDesktopThatExitsIsReportedGone)
{
  StartNested ();
  const std::string socket = nested_.SocketName ();
  nested_.Stop ();
  const auto reports = reports_.AtLeast (2);
  ASSERT_EQ (reports.size (), 2u);
  EXPECT_EQ (reports[1].socket_name, socket);
  EXPECT_FALSE (reports[1].present);
}
