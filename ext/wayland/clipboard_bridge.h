// SPDX-License-Identifier: LGPL-2.1-or-later
// The clipboard of a nested desktop (sway, kwin_wayland, ... running as an application in our
// display) joined with ours: we are a client of its display with wlr-data-control, and mirror
// text selections both ways. What an application inside the nested desktop copies becomes our
// seat's selection (so the viewer gets it, clipboard.h, and so do our other applications); what
// our seat's selection becomes (the viewer's text, or an application of ours copying) becomes
// the nested one.
//
// Nothing is copied through us: each side's selection is offered on the other side by a source
// of ours that, when asked for the text, hands the asker's file descriptor on to the side that
// has it (the nested application, or our selection's owner), which writes into it directly. So
// nothing here reads, buffers or waits; the Wayland thread never blocks on either side (the
// nested display's socket is read and written without blocking, on our event loop).
//
// Only text types go across. A selection we set on one side is not mirrored back: on our seat
// it is recognised by its source (ours), on the nested side by a private type it carries
// (kBridgeMimeType), as the nested compositor's offers carry no sign of who made them.
// Wayland thread only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "listener.h"
#include "wlr.h"

struct wl_callback;
struct wl_registry;
struct wl_seat;
struct zwlr_data_control_device_v1;
struct zwlr_data_control_manager_v1;
struct zwlr_data_control_offer_v1;
struct zwlr_data_control_source_v1;

namespace webdesk::wayland {

// Carried by the selections the bridge sets in the nested desktop, so it knows them when the
// nested compositor announces them back.
inline constexpr char kBridgeMimeType[] = "application/x-webdesk-clipboard-bridge";

class ClipboardBridge {
 public:
  // `bridged`: whether the nested compositor offers data-control (its clipboard is joined).
  using Ready = std::function<void (ClipboardBridge *bridge, bool bridged)>;
  // The nested display is gone (the compositor exited) or broke the protocol; the bridge may
  // be destroyed from here.
  using Closed = std::function<void (ClipboardBridge *bridge)>;

  // `fd`: a socket connected to the nested display `socket_name` (taken over). `seat`: ours.
  ClipboardBridge (wl_event_loop *loop, wlr_seat *seat, int fd, std::string socket_name,
      Ready ready, Closed closed);
  ~ClipboardBridge ();
  ClipboardBridge (const ClipboardBridge &) = delete;
  ClipboardBridge &operator= (const ClipboardBridge &) = delete;

  const std::string &socket_name () const { return socket_name_; }
  // False when libwayland could not take the connection (the bridge is useless then).
  bool Connected () const { return nested_ != nullptr; }

  // Public for the C callbacks of the generated protocol code.
  struct Offer;
  struct SeatSource;
  void OnGlobal (wl_registry *registry, uint32_t name, const char *interface, uint32_t version);
  void OnSynced ();
  void OnNestedOffer (zwlr_data_control_offer_v1 *offer);
  void OnNestedSelection (zwlr_data_control_offer_v1 *offer);
  void OnNestedDeviceFinished ();
  void OnMirrorSend (zwlr_data_control_source_v1 *source, const char *mime_type, int fd);
  void OnMirrorCancelled (zwlr_data_control_source_v1 *source);
  void SendToNested (SeatSource *source, const char *mime_type, int fd);
  void SeatSourceDestroyed (SeatSource *source);

 private:
  static int OnNestedEvents (int fd, uint32_t mask, void *data);
  bool Dispatch (uint32_t mask);
  void Flush ();
  void Close ();
  // Our seat's selection changed: offer its text in the nested desktop.
  void SeatSelectionChanged ();
  void DropMirror ();
  void ClearSeatProxy ();
  void DestroyOffer (Offer *offer);

  wl_event_loop *loop_;
  wlr_seat *seat_;
  std::string socket_name_;
  Ready ready_;
  Closed closed_;
  // The nested display (a libwayland-client connection) and its objects.
  struct wl_display *nested_ = nullptr;
  wl_event_source *nested_source_ = nullptr;
  bool waiting_to_write_ = false;  // its socket was full: writable wakes us
  wl_registry *registry_ = nullptr;
  wl_callback *sync_ = nullptr;  // the globals, then the new device's first events
  wl_seat *nested_seat_ = nullptr;
  zwlr_data_control_manager_v1 *manager_ = nullptr;
  zwlr_data_control_device_v1 *device_ = nullptr;
  bool finished_ = false;  // the nested seat is gone
  // Until the nested desktop has said what its selection is, ours is not pushed there.
  bool first_selection_seen_ = false;
  // Offers announced and not yet destroyed; `selection_` is the nested selection that our
  // seat's selection (`proxy_`) stands for, if it does.
  std::vector<Offer *> offers_;
  Offer *selection_ = nullptr;
  SeatSource *proxy_ = nullptr;
  // Our seat's selection as offered in the nested desktop (`mirror_`), and the source it asks
  // for the text (`mirror_of_`, until that source is destroyed).
  zwlr_data_control_source_v1 *mirror_ = nullptr;
  wlr_data_source *mirror_of_ = nullptr;
  Listener mirror_of_destroy_;
  Listener seat_selection_;
};

}  // namespace webdesk::wayland
