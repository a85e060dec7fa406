// SPDX-License-Identifier: LGPL-2.1-or-later
// paintoverscheduler's timer while downstream renegotiates: websocketframesink switches the
// encoder between 4:4:4 and 4:2:0 as viewers come and go (RECONFIGURE upstream), and a
// refinement frame the timer pushes in between can come back NOT_NEGOTIATED. That is the
// renegotiation in progress, not a failure: the element goes on (the next frame negotiates
// again). Whether the stream can be negotiated at all is for the frames from upstream to find.
#include <condition_variable>
#include <mutex>

#include "element_harness.h"

namespace {

using namespace paintover_test;

class RenegotiationTest : public ElementTest {
 protected:
  void SetUp () override
  {
    ElementTest::SetUp ();
    bus_ = gst_bus_new ();
    gst_element_set_bus (h_->element, bus_);
  }
  void TearDown () override
  {
    ElementTest::TearDown ();
    gst_object_unref (bus_);
  }

  // From now on, frames reaching downstream are refused as not negotiated (and counted).
  void RefuseFrames ()
  {
    GstPad *src = gst_element_get_static_pad (h_->element, "src");
    probe_ = gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, Refuse, this, nullptr);
    gst_object_unref (src);
  }
  void AcceptFrames ()
  {
    GstPad *src = gst_element_get_static_pad (h_->element, "src");
    gst_pad_remove_probe (src, probe_);
    gst_object_unref (src);
  }

  // Lets the timer fire once and waits until what it pushed was refused.
  void CrankRefused ()
  {
    int before;
    {
      std::lock_guard<std::mutex> lock (mutex_);
      before = refused_;
    }
    GstTestClock *clock = gst_harness_get_testclock (h_);
    gst_test_clock_wait_for_next_pending_id (clock, nullptr);
    gst_object_unref (clock);
    ASSERT_TRUE (gst_harness_crank_single_clock_wait (h_));
    std::unique_lock<std::mutex> lock (mutex_);
    ASSERT_TRUE (changed_.wait_for (lock, std::chrono::seconds (10),
        [&] { return refused_ > before; }));
  }

  // The error the element posted, if any ("" when none).
  std::string PostedError ()
  {
    // The timer task posts after the push returned: give it the time to.
    GstMessage *m = gst_bus_timed_pop_filtered (bus_, GST_SECOND / 2, GST_MESSAGE_ERROR);
    if (!m)
      return "";
    g_autoptr (GError) error = nullptr;
    gst_message_parse_error (m, &error, nullptr);
    gst_message_unref (m);
    return error->message;
  }

  GstBus *bus_ = nullptr;

 private:
  static GstPadProbeReturn Refuse (GstPad *, GstPadProbeInfo *info, gpointer data)
  {
    auto *self = static_cast<RenegotiationTest *> (data);
    gst_buffer_unref (GST_PAD_PROBE_INFO_BUFFER (info));
    GST_PAD_PROBE_INFO_DATA (info) = nullptr;
    GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_NOT_NEGOTIATED;
    std::lock_guard<std::mutex> lock (self->mutex_);
    self->refused_++;
    self->changed_.notify_all ();
    return GST_PAD_PROBE_HANDLED;
  }

  gulong probe_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  int refused_ = 0;
};

TEST_F (RenegotiationTest, ARefinementRefusedWhileDownstreamRenegotiatesDoesNotStopTheStream)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  // The sink no longer takes the current format and asks upstream to renegotiate.
  gst_harness_push_upstream_event (h_, gst_event_new_reconfigure ());
  RefuseFrames ();
  CrankRefused ();
  EXPECT_EQ (PostedError (), "") << "a renegotiation is not a stream error";
  // Renegotiated: the burst goes on, and so do new frames.
  AcceptFrames ();
  gst_buffer_unref (CrankRefinement ());
  GstBuffer *moved = PushAndTryPull (Picture (kFrame, 10, 10, 1));
  ASSERT_NE (moved, nullptr);
  gst_buffer_unref (moved);
  EXPECT_EQ (PostedError (), "");
}

TEST_F (RenegotiationTest, AStreamThatCannotBeNegotiatedStillStopsAtTheNextFrame)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  RefuseFrames ();
  CrankRefused ();
  // The streaming thread hears of it, and its source decides (GstBaseSrc: an error unless a
  // renegotiation is pending).
  EXPECT_EQ (gst_harness_push (h_, Picture (kFrame, 10, 10, 1)), GST_FLOW_NOT_NEGOTIATED);
}

}  // namespace
