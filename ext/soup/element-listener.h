// SPDX-License-Identifier: LGPL-2.1-or-later
// What the frame server tells websocketframesink, in GStreamer terms: element messages on the
// bus (client-connected, client-disconnected, viewer-stats, login-failed, listening) and events
// upstream (force-key-unit, reconfigure, navigation and webdesk's custom events). Its callbacks
// come from the server thread.
#pragma once

#include <gst/base/gstbasesink.h>

#include <atomic>
#include <functional>
#include <mutex>

#include "frame-server.h"

namespace webdesk {

class ElementListener : public FrameServer::Listener {
 public:
  // `clients`: how many viewers there are now (for viewer-stats).
  ElementListener (GstBaseSink *sink, std::function<int ()> clients)
      : sink_ (sink), clients_ (std::move (clients))
  {
  }

  // Whether the sink may accept High 4:4:4 now: every viewer decodes it, or there is none.
  std::atomic<bool> allow_444 {true};
  // Where the controller's microphone goes (set once, before the server starts).
  std::function<void (GBytes *, const AudioHeader &)> on_microphone;
  // Whether it may accept lossless frames (lossless=true): every viewer decodes them, or none.
  std::atomic<bool> allow_lossless {true};

  // Pacing on (the `pace` property): webdesk-pace goes upstream. Turned off while upstream
  // was told the viewers are behind, upstream is told they are not.
  void SetPace (bool pace);
  bool pace () const { return pace_.load (); }

  void Post (GstStructure *s);
  // Tells upstream how many viewers there are (webdesk-viewers), when that changed since the
  // last time.
  void AnnounceViewers (int count);
  // At the first frame: announces the count if nothing was announced yet (cheap after that).
  void AnnounceViewersOnce ();
  // A new run (start): the next frame announces again; nobody is behind yet (paintoverscheduler
  // forgets too, at READY->PAUSED).
  void ForgetAnnouncements ()
  {
    {
      std::lock_guard<std::mutex> lock (announce_lock_);
      announced_ = -1;
    }
    std::lock_guard<std::mutex> lock (pace_lock_);
    told_behind_ = false;
  }

  void OnClientConnected (uint64_t id, const std::string &remote, int clients) override;
  void OnClientDisconnected (uint64_t id, uint16_t code, const std::string &reason,
      int clients) override;
  void OnLoginFailed (const std::string &remote, bool locked_out) override;
  void OnKeyframeNeeded () override;
  void OnAll444Changed (bool all_decode_444) override;
  void OnAllLosslessChanged (bool all_decode_lossless) override;
  void OnPaceChanged (bool behind) override;
  void OnClientMessage (uint64_t id, const ClientMessage &m) override;
  void OnMicrophone (GBytes *packet, const AudioHeader &header) override
  {
    if (on_microphone)
      on_microphone (packet, header);
  }

 private:
  GstPad *pad () const { return GST_BASE_SINK_PAD (sink_); }
  void AnnounceLocked (int count);  // under announce_lock_

  GstBaseSink *sink_;
  std::function<int ()> clients_;
  std::mutex announce_lock_;
  int announced_ = -1;
  std::mutex pace_lock_;
  std::atomic<bool> pace_ {true};
  bool told_behind_ = false;  // under pace_lock_
};

}  // namespace webdesk
