// SPDX-License-Identifier: LGPL-2.1-or-later
// The streams compared in the benchmark suite: webdesk's pipeline and the references, each
// fed the same frames in real time, each able to replay what a viewer would have seen.
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scenario.h"

namespace webdesk::bench {

struct Output {
  int frame_index = 0;     // the newest source frame this output shows
  bool capture = true;     // false: a refinement the stream sent on its own (no new capture)
  int64_t capture_ns = 0;  // CLOCK_MONOTONIC when that frame was captured (pushed)
  int64_t output_ns = 0;   // CLOCK_MONOTONIC when the bytes were ready
  size_t bytes = 0;
  std::vector<uint8_t> data;  // the encoded unit(s), for replay
  std::vector<GstVideoRectangle> rects;  // JPEG: where each part goes
  std::vector<size_t> part_sizes;
};

using SharedPicture = std::shared_ptr<const Picture>;

class Contestant {
 public:
  virtual ~Contestant () = default;
  virtual std::string Name () const = 0;
  virtual void Start (const ScenarioSpec &spec) = 0;
  virtual void Push (int index, const SharedPicture &picture,
      const std::vector<GstVideoRectangle> &damage, int64_t capture_ns) = 0;
  // Waits until everything pushed has come out (or `settle_ms` passed with nothing new).
  virtual void Stop (int settle_ms) = 0;
  // Decodes `outputs` (this stream's, from TakeOutputs) in order; calls back with each output
  // and the picture the viewer has after it.
  virtual void Replay (const std::vector<Output> &outputs,
      const std::function<void (const Output &, const Picture &)> &cb) = 0;

  std::vector<Output> TakeOutputs ();
  // CPU time spent by this process on the viewer's side (a socket reader), not the stream's.
  virtual double ViewerCpuSeconds () { return 0; }

 protected:
  void Record (Output output);
  std::mutex mutex_;
  std::vector<Output> outputs_;
};

// appsrc ! paintoverscheduler ! h264qualityenc ! websocketframesink, read by a WebSocket
// viewer in this process: outputs are the frames as they come off the viewer's socket.
// With the encoder's default chroma (auto: 4:4:4 from BGRx when every viewer decodes it).
std::unique_ptr<Contestant> MakeWebdesk ();
// appsrc ! videoconvert ! x264enc tune=zerolatency speed-preset=ultrafast bitrate=kbps ! appsink
// `note` goes into the name (shown in the tables).
std::unique_ptr<Contestant> MakeConstantRate (int kbps, bool chroma444,
    const std::string &note = "");
// Each damaged region as a JPEG (libjpeg-turbo), as VNC's Tight encoding does.
std::unique_ptr<Contestant> MakeJpegRegions (int quality);

// Decodes H.264 outputs one by one (avdec_h264, exact libyuv conversion back to BGRx).
void ReplayH264 (const std::vector<Output> &outputs,
    const std::function<void (const Output &, const Picture &)> &cb);

}  // namespace webdesk::bench
