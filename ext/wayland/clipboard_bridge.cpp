// SPDX-License-Identifier: LGPL-2.1-or-later
#include "clipboard_bridge.h"

// The nested display is a libwayland-client connection: the client's `struct wl_display` has
// the same (opaque) name as the server's, and is only ever handed to client functions here.
#include <wayland-client.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "text_mime.h"
#include "wlr-data-control-unstable-v1-client-protocol.h"

namespace webdesk::wayland {

// A selection announced by the nested compositor, with the types it offers.
struct ClipboardBridge::Offer {
  zwlr_data_control_offer_v1 *offer;
  std::vector<std::string> types;

  bool Has (const char *type) const
  {
    return std::find (types.begin (), types.end (), type) != types.end ();
  }
  bool HasText () const
  {
    return std::any_of (types.begin (), types.end (),
        [] (const std::string &t) { return IsTextMimeType (t.c_str ()); });
  }
};

// The nested selection as our seat's selection: a paste asks the nested application for it.
struct ClipboardBridge::SeatSource {
  wlr_data_source base;
  ClipboardBridge *bridge;  // null once the bridge is gone
  Offer *offer;             // null once the nested desktop has replaced it
};

namespace {

ClipboardBridge::SeatSource *
SeatSourceOf (wlr_data_source *base)
{
  ClipboardBridge::SeatSource *self = wl_container_of (base, self, base);
  return self;
}

void
SeatSourceSend (wlr_data_source *base, const char *mime_type, int32_t fd)
{
  ClipboardBridge::SeatSource *self = SeatSourceOf (base);
  if (self->bridge)
    self->bridge->SendToNested (self, mime_type, fd);
  close (fd);
}

void
SeatSourceDestroy (wlr_data_source *base)
{
  ClipboardBridge::SeatSource *self = SeatSourceOf (base);
  if (self->bridge)
    self->bridge->SeatSourceDestroyed (self);
  delete self;  // wlroots has freed the mime types
}

const wlr_data_source_impl kSeatSourceImpl = {
  SeatSourceSend, nullptr, SeatSourceDestroy, nullptr, nullptr, nullptr,
};

// The text types `source` offers.
std::vector<const char *>
TextTypesOf (const wlr_data_source *source)
{
  std::vector<const char *> types;
  const auto *offered = static_cast<char *const *> (source->mime_types.data);
  for (size_t i = 0; i < source->mime_types.size / sizeof (char *); i++)
    if (IsTextMimeType (offered[i]))
      types.push_back (offered[i]);
  return types;
}

ClipboardBridge *
Self (void *data)
{
  return static_cast<ClipboardBridge *> (data);
}

const wl_registry_listener kRegistryListener = {
  [] (void *data, wl_registry *registry, uint32_t name, const char *interface, uint32_t version) {
    Self (data)->OnGlobal (registry, name, interface, version);
  },
  [] (void *, wl_registry *, uint32_t) {},
};

const wl_callback_listener kSyncListener = {
  [] (void *data, wl_callback *, uint32_t) { Self (data)->OnSynced (); },
};

const zwlr_data_control_offer_v1_listener kOfferListener = {
  [] (void *data, zwlr_data_control_offer_v1 *, const char *mime_type) {
    static_cast<ClipboardBridge::Offer *> (data)->types.emplace_back (mime_type);
  },
};

const zwlr_data_control_device_v1_listener kDeviceListener = {
  [] (void *data, zwlr_data_control_device_v1 *, zwlr_data_control_offer_v1 *offer) {
    Self (data)->OnNestedOffer (offer);
  },
  [] (void *data, zwlr_data_control_device_v1 *, zwlr_data_control_offer_v1 *offer) {
    Self (data)->OnNestedSelection (offer);
  },
  [] (void *data, zwlr_data_control_device_v1 *) { Self (data)->OnNestedDeviceFinished (); },
  // Version 1 is bound: there is no primary selection.
  [] (void *, zwlr_data_control_device_v1 *, zwlr_data_control_offer_v1 *) {},
};

const zwlr_data_control_source_v1_listener kMirrorListener = {
  [] (void *data, zwlr_data_control_source_v1 *source, const char *mime_type, int32_t fd) {
    Self (data)->OnMirrorSend (source, mime_type, fd);
  },
  [] (void *data, zwlr_data_control_source_v1 *source) {
    Self (data)->OnMirrorCancelled (source);
  },
};

}  // namespace

ClipboardBridge::ClipboardBridge (wl_event_loop *loop, wlr_seat *seat, int fd,
    std::string socket_name, Ready ready, Closed closed)
    : loop_ (loop), seat_ (seat), socket_name_ (std::move (socket_name)),
      ready_ (std::move (ready)), closed_ (std::move (closed))
{
  nested_ = wl_display_connect_to_fd (fd);
  if (!nested_) {
    close (fd);
    return;
  }
  nested_source_ = wl_event_loop_add_fd (loop_, wl_display_get_fd (nested_), WL_EVENT_READABLE,
      &ClipboardBridge::OnNestedEvents, this);
  if (!nested_source_) {
    wl_display_disconnect (nested_);
    nested_ = nullptr;
    return;
  }
  registry_ = wl_display_get_registry (nested_);
  wl_registry_add_listener (registry_, &kRegistryListener, this);
  // Answered once the registry has announced every global.
  sync_ = wl_display_sync (nested_);
  wl_callback_add_listener (sync_, &kSyncListener, this);
  Flush ();
}

ClipboardBridge::~ClipboardBridge ()
{
  seat_selection_.Disconnect ();
  mirror_of_destroy_.Disconnect ();
  // Our seat may still hold the nested selection; it now offers nothing (server teardown).
  if (proxy_) {
    proxy_->bridge = nullptr;
    proxy_->offer = nullptr;
  }
  if (nested_source_)
    wl_event_source_remove (nested_source_);
  if (!nested_)
    return;
  while (!offers_.empty ())
    DestroyOffer (offers_.back ());
  if (mirror_)
    zwlr_data_control_source_v1_destroy (mirror_);
  if (device_)
    zwlr_data_control_device_v1_destroy (device_);
  if (manager_)
    zwlr_data_control_manager_v1_destroy (manager_);
  if (nested_seat_)
    wl_seat_destroy (nested_seat_);
  if (sync_)
    wl_callback_destroy (sync_);
  if (registry_)
    wl_registry_destroy (registry_);
  wl_display_flush (nested_);
  wl_display_disconnect (nested_);
}

// --- the nested display's connection ---

int
ClipboardBridge::OnNestedEvents (int, uint32_t mask, void *data)
{
  auto *self = Self (data);
  if (!self->Dispatch (mask))
    self->Close ();  // may destroy self
  return 0;
}

bool
ClipboardBridge::Dispatch (uint32_t mask)
{
  if (mask & (WL_EVENT_HANGUP | WL_EVENT_ERROR))
    return false;
  // Reads what is there and no more: wl_display_dispatch would wait (poll) for a full socket.
  while (wl_display_prepare_read (nested_) != 0)
    if (wl_display_dispatch_pending (nested_) < 0)
      return false;
  if (mask & WL_EVENT_READABLE) {
    if (wl_display_read_events (nested_) < 0)
      return false;
  } else {
    wl_display_cancel_read (nested_);
  }
  if (wl_display_dispatch_pending (nested_) < 0 || finished_)
    return false;
  Flush ();
  return true;
}

void
ClipboardBridge::Flush ()
{
  // A nested compositor that does not read yet gets the rest when its socket takes it.
  const bool full = wl_display_flush (nested_) < 0 && errno == EAGAIN;
  if (full != waiting_to_write_) {
    waiting_to_write_ = full;
    wl_event_source_fd_update (nested_source_, WL_EVENT_READABLE | (full ? WL_EVENT_WRITABLE : 0));
  }
}

void
ClipboardBridge::Close ()
{
  // Its applications are gone, and their selection with them.
  seat_selection_.Disconnect ();
  ClearSeatProxy ();
  const Closed closed = closed_;  // the callback may destroy this bridge
  closed (this);
}

void
ClipboardBridge::OnGlobal (wl_registry *registry, uint32_t name, const char *interface,
    uint32_t)
{
  if (!nested_seat_ && strcmp (interface, wl_seat_interface.name) == 0)
    nested_seat_ = static_cast<wl_seat *> (wl_registry_bind (registry, name, &wl_seat_interface, 1));
  else if (!manager_ && strcmp (interface, zwlr_data_control_manager_v1_interface.name) == 0)
    manager_ = static_cast<zwlr_data_control_manager_v1 *> (
        wl_registry_bind (registry, name, &zwlr_data_control_manager_v1_interface, 1));
}

void
ClipboardBridge::OnSynced ()
{
  wl_callback_destroy (sync_);
  sync_ = nullptr;
  if (device_) {
    // The device's first answers are in. wlroots announces the nested selection on a new
    // device at once; where nothing was announced, the nested desktop gets ours.
    if (!first_selection_seen_) {
      first_selection_seen_ = true;
      SeatSelectionChanged ();
    }
    return;
  }
  // Every global is announced.
  const bool bridged = manager_ && nested_seat_;
  if (bridged) {
    device_ = zwlr_data_control_manager_v1_get_data_device (manager_, nested_seat_);
    zwlr_data_control_device_v1_add_listener (device_, &kDeviceListener, this);
    seat_selection_.Connect (&seat_->events.set_selection, [this] (void *) {
      SeatSelectionChanged ();
    });
    sync_ = wl_display_sync (nested_);
    wl_callback_add_listener (sync_, &kSyncListener, this);
  }
  const Ready ready = ready_;
  ready (this, bridged);
}

void
ClipboardBridge::OnNestedDeviceFinished ()
{
  finished_ = true;  // the nested seat is gone
}

// --- nested -> ours ---

void
ClipboardBridge::OnNestedOffer (zwlr_data_control_offer_v1 *offer)
{
  auto *o = new Offer{offer, {}};
  zwlr_data_control_offer_v1_add_listener (offer, &kOfferListener, o);
  offers_.push_back (o);
}

void
ClipboardBridge::OnNestedSelection (zwlr_data_control_offer_v1 *offer)
{
  Offer *o = offer ? static_cast<Offer *> (zwlr_data_control_offer_v1_get_user_data (offer))
                   : nullptr;
  const bool ours = o && o->Has (kBridgeMimeType);
  Offer *const old = selection_;
  selection_ = o && !ours && o->HasText () ? o : nullptr;
  if (selection_) {
    // Offered on our seat with its text types; the viewer's clipboard reads it from there.
    auto *source = new SeatSource{{}, this, selection_};
    wlr_data_source_init (&source->base, &kSeatSourceImpl);
    for (const std::string &type : selection_->types) {
      if (!IsTextMimeType (type.c_str ()))
        continue;
      char **slot = static_cast<char **> (wl_array_add (&source->base.mime_types, sizeof (char *)));
      *slot = strdup (type.c_str ());
    }
    wlr_seat_set_selection (seat_, &source->base, wl_display_next_serial (seat_->display));
    proxy_ = source;
  } else {
    // The nested clipboard was cleared, holds no text, or holds what we mirrored into it: what
    // our seat offered for it is gone.
    ClearSeatProxy ();
  }
  if (old && old != selection_)
    DestroyOffer (old);
  if (o && o != selection_)
    DestroyOffer (o);
  if (!first_selection_seen_) {
    // Joined: a nested desktop that has no text yet gets ours.
    first_selection_seen_ = true;
    if (!selection_)
      SeatSelectionChanged ();
  }
}

void
ClipboardBridge::SendToNested (SeatSource *source, const char *mime_type, int fd)
{
  // The caller closes `fd`; libwayland sends a duplicate of it.
  if (!source->offer || !source->offer->Has (mime_type))
    return;
  zwlr_data_control_offer_v1_receive (source->offer->offer, mime_type, fd);
  Flush ();
}

void
ClipboardBridge::SeatSourceDestroyed (SeatSource *source)
{
  if (proxy_ == source)
    proxy_ = nullptr;
}

void
ClipboardBridge::ClearSeatProxy ()
{
  // While it exists it is our seat's selection (wlroots destroys a replaced one).
  if (proxy_)
    wlr_seat_set_selection (seat_, nullptr, wl_display_next_serial (seat_->display));
}

void
ClipboardBridge::DestroyOffer (Offer *offer)
{
  if (proxy_ && proxy_->offer == offer)
    proxy_->offer = nullptr;
  if (selection_ == offer)
    selection_ = nullptr;
  zwlr_data_control_offer_v1_destroy (offer->offer);
  offers_.erase (std::find (offers_.begin (), offers_.end (), offer));
  delete offer;
}

// --- ours -> nested ---

void
ClipboardBridge::SeatSelectionChanged ()
{
  if (!first_selection_seen_)
    return;  // joining: what the nested desktop has comes first
  wlr_data_source *source = seat_->selection_source;
  if (source && source->impl == &kSeatSourceImpl && SeatSourceOf (source)->bridge == this)
    return;  // the nested selection itself
  const std::vector<const char *> types = source ? TextTypesOf (source) : std::vector<const char *> ();
  if (types.empty ()) {
    // No text here now: the nested desktop no longer offers what we mirrored.
    if (mirror_)
      zwlr_data_control_device_v1_set_selection (device_, nullptr);
    DropMirror ();
    Flush ();
    return;
  }
  zwlr_data_control_source_v1 *mirror = zwlr_data_control_manager_v1_create_data_source (manager_);
  zwlr_data_control_source_v1_add_listener (mirror, &kMirrorListener, this);
  for (const char *type : types)
    zwlr_data_control_source_v1_offer (mirror, type);
  zwlr_data_control_source_v1_offer (mirror, kBridgeMimeType);
  zwlr_data_control_device_v1_set_selection (device_, mirror);
  DropMirror ();
  mirror_ = mirror;
  mirror_of_ = source;
  mirror_of_destroy_.Connect (&source->events.destroy, [this] (void *) {
    mirror_of_ = nullptr;
    mirror_of_destroy_.Disconnect ();
  });
  Flush ();
}

void
ClipboardBridge::OnMirrorSend (zwlr_data_control_source_v1 *source, const char *mime_type, int fd)
{
  // An application inside the nested desktop pastes: our selection's owner writes to it.
  if (source == mirror_ && mirror_of_ && IsTextMimeType (mime_type))
    wlr_data_source_send (mirror_of_, mime_type, fd);  // takes `fd`
  else
    close (fd);
}

void
ClipboardBridge::OnMirrorCancelled (zwlr_data_control_source_v1 *source)
{
  if (source == mirror_)
    DropMirror ();  // replaced by a nested application's selection
}

void
ClipboardBridge::DropMirror ()
{
  if (mirror_)
    zwlr_data_control_source_v1_destroy (mirror_);
  mirror_ = nullptr;
  mirror_of_ = nullptr;
  mirror_of_destroy_.Disconnect ();
}

}  // namespace webdesk::wayland
