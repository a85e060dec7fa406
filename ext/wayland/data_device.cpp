// SPDX-License-Identifier: LGPL-2.1-or-later
#include "data_device.h"

#include <fcntl.h>
#include <unistd.h>
#include <wayland-server-protocol.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "compositor.h"
#include "seat.h"

namespace webdesk::wayland {

namespace {

const char *const kTextTypes[] = {"text/plain;charset=utf-8", "text/plain", "UTF8_STRING",
  "TEXT", "STRING"};
// Clipboard text beyond this is cut off (a clipboard is not a file transfer).
constexpr size_t kMaxTextBytes = 4 << 20;

struct Source {
  DataDevice *device;
  std::vector<std::string> mime_types;
};

Source *
SourceOf (wl_resource *r)
{
  return static_cast<Source *> (wl_resource_get_user_data (r));
}

DataDevice *
DeviceOf (wl_resource *r)
{
  return static_cast<DataDevice *> (wl_resource_get_user_data (r));
}

void
Destroy (wl_client *, wl_resource *r)
{
  wl_resource_destroy (r);
}

void
SourceOffer (wl_client *, wl_resource *r, const char *mime_type)
{
  SourceOf (r)->mime_types.push_back (mime_type);
}

void
SourceSetActions (wl_client *, wl_resource *, uint32_t)
{
}

const struct wl_data_source_interface kSourceImpl = {SourceOffer, Destroy, SourceSetActions};

void
SourceDestroyed (wl_resource *r)
{
  Source *s = SourceOf (r);
  if (s->device)
    s->device->SourceGone (r);
  delete s;
}

// Writes `text` to `fd` and closes it, off the Wayland thread (the reader may be slow).
void
WriteTextAsync (int fd, std::string text)
{
  std::thread ([fd, text = std::move (text)] {
    size_t done = 0;
    while (done < text.size ()) {
      ssize_t n = write (fd, text.data () + done, text.size () - done);
      if (n <= 0)
        break;
      done += size_t (n);
    }
    close (fd);
  }).detach ();
}

// wl_data_offer: user data is the DataDevice; one per (client, selection).
void
OfferAccept (wl_client *, wl_resource *, uint32_t, const char *)
{
}

void
OfferReceive (wl_client *, wl_resource *r, const char *mime_type, int32_t fd)
{
  if (DataDevice *d = DeviceOf (r))
    d->Receive (mime_type, fd);
  else
    close (fd);
}

void
OfferFinish (wl_client *, wl_resource *)
{
}

void
OfferSetActions (wl_client *, wl_resource *, uint32_t, uint32_t)
{
}

const struct wl_data_offer_interface kOfferImpl = {OfferAccept, OfferReceive, Destroy,
  OfferFinish, OfferSetActions};

// wl_data_device
void
DeviceStartDrag (wl_client *, wl_resource *, wl_resource *, wl_resource *, wl_resource *, uint32_t)
{
}

void
DeviceSetSelection (wl_client *, wl_resource *r, wl_resource *source, uint32_t)
{
  if (DataDevice *d = DeviceOf (r))
    d->SetSelectionSource (source);
}

const struct wl_data_device_interface kDeviceImpl = {DeviceStartDrag, DeviceSetSelection, Destroy};

void
DeviceDestroyed (wl_resource *r)
{
  if (DataDevice *d = DeviceOf (r))
    d->devices.erase (std::remove (d->devices.begin (), d->devices.end (), r), d->devices.end ());
}

// wl_data_device_manager
void
ManagerCreateSource (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_data_source_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kSourceImpl, new Source{DeviceOf (resource), {}},
      SourceDestroyed);
}

void
ManagerGetDevice (wl_client *client, wl_resource *resource, uint32_t id, wl_resource *)
{
  wl_resource *r = wl_resource_create (client, &wl_data_device_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  DataDevice *d = DeviceOf (resource);
  wl_resource_set_implementation (r, &kDeviceImpl, d, DeviceDestroyed);
  if (d) {
    d->devices.push_back (r);
    d->SendSelectionTo (client);
  }
}

const struct wl_data_device_manager_interface kManagerImpl = {ManagerCreateSource,
  ManagerGetDevice};

}  // namespace

DataDevice::DataDevice (Compositor *compositor) : compositor_ (compositor)
{
  global_ = wl_global_create (compositor->display (), &wl_data_device_manager_interface, 3, this,
      &DataDevice::Bind);
}

DataDevice::~DataDevice ()
{
  StopReading ();
  for (wl_resource *r : devices)
    wl_resource_set_user_data (r, nullptr);
  wl_global_destroy (global_);
}

void
DataDevice::Bind (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_data_device_manager_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kManagerImpl, data, nullptr);
}

void
DataDevice::SetSelectionText (const std::string &text)
{
  if (source_)
    wl_data_source_send_cancelled (source_);
  source_ = nullptr;
  StopReading ();
  text_ = text;
  has_text_ = true;
  SendSelectionTo (compositor_->seat ().KeyboardFocusClient ());
}

void
DataDevice::SetSelectionSource (wl_resource *source)
{
  if (source == source_)
    return;
  if (source_)
    wl_data_source_send_cancelled (source_);
  source_ = source;
  has_text_ = false;
  StopReading ();
  if (source_)
    ReadSourceText ();
  SendSelectionTo (compositor_->seat ().KeyboardFocusClient ());
}

void
DataDevice::SourceGone (wl_resource *source)
{
  if (source != source_)
    return;
  source_ = nullptr;
  StopReading ();
  SendSelectionTo (compositor_->seat ().KeyboardFocusClient ());
}

void
DataDevice::SendSelectionTo (wl_client *client)
{
  if (!client)
    return;
  std::vector<std::string> types;
  if (source_)
    types = SourceOf (source_)->mime_types;
  else if (has_text_)
    types.assign (std::begin (kTextTypes), std::end (kTextTypes));
  for (wl_resource *device : devices) {
    if (wl_resource_get_client (device) != client)
      continue;
    if (types.empty ()) {
      wl_data_device_send_selection (device, nullptr);
      continue;
    }
    wl_resource *offer = wl_resource_create (client, &wl_data_offer_interface,
        wl_resource_get_version (device), 0);
    if (!offer)
      continue;
    wl_resource_set_implementation (offer, &kOfferImpl, this, nullptr);
    wl_data_device_send_data_offer (device, offer);
    for (const auto &type : types)
      wl_data_offer_send_offer (offer, type.c_str ());
    wl_data_device_send_selection (device, offer);
  }
}

void
DataDevice::Receive (const std::string &mime_type, int fd)
{
  if (source_) {
    wl_data_source_send_send (source_, mime_type.c_str (), fd);
    close (fd);
  } else if (has_text_) {
    WriteTextAsync (fd, text_);
  } else {
    close (fd);
  }
}

void
DataDevice::ReadSourceText ()
{
  const auto &types = SourceOf (source_)->mime_types;
  for (const char *want : kTextTypes) {
    if (std::find (types.begin (), types.end (), want) == types.end ())
      continue;
    int fds[2];
    if (pipe2 (fds, O_CLOEXEC | O_NONBLOCK) != 0)
      return;
    wl_data_source_send_send (source_, want, fds[1]);
    close (fds[1]);
    read_fd_ = fds[0];
    read_buffer_.clear ();
    read_source_ = wl_event_loop_add_fd (wl_display_get_event_loop (compositor_->display ()),
        read_fd_, WL_EVENT_READABLE, &DataDevice::OnReadable, this);
    return;
  }
}

int
DataDevice::OnReadable (int fd, uint32_t mask, void *data)
{
  auto *self = static_cast<DataDevice *> (data);
  char chunk[4096];
  for (;;) {
    ssize_t n = read (fd, chunk, sizeof chunk);
    if (n > 0) {
      if (self->read_buffer_.size () < kMaxTextBytes)
        self->read_buffer_.append (chunk, size_t (n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR) && !(mask & WL_EVENT_HANGUP))
      return 0;
    break;  // EOF or error: the text is complete
  }
  std::string text;
  text.swap (self->read_buffer_);
  self->StopReading ();
  std::function<void (const std::string &)> listener;
  {
    std::lock_guard<std::mutex> lock (self->compositor_->mutex_);
    listener = self->compositor_->clipboard_listener_;
  }
  if (listener)
    listener (text);
  return 0;
}

void
DataDevice::StopReading ()
{
  if (read_source_)
    wl_event_source_remove (read_source_);
  read_source_ = nullptr;
  if (read_fd_ >= 0)
    close (read_fd_);
  read_fd_ = -1;
}

}  // namespace webdesk::wayland
