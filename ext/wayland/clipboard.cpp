// SPDX-License-Identifier: LGPL-2.1-or-later
#include "clipboard.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>

#include "text_mime.h"

namespace webdesk::wayland {

namespace {

// Clipboard text beyond this is cut off (a clipboard is not a file transfer).
constexpr size_t kMaxTextBytes = 4 << 20;

// Writes the viewer's text to one reader without blocking the Wayland thread: a reader that
// never reads holds a pipe, not the compositor.
struct Writer {
  int fd;
  std::string text;
  size_t done = 0;
  wl_event_source *source = nullptr;

  static int OnWritable (int fd, uint32_t mask, void *data)
  {
    auto *w = static_cast<Writer *> (data);
    while (w->done < w->text.size () && !(mask & (WL_EVENT_HANGUP | WL_EVENT_ERROR))) {
      const ssize_t n = write (fd, w->text.data () + w->done, w->text.size () - w->done);
      if (n > 0) {
        w->done += size_t (n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;  // go on once the reader has read
      break;
    }
    wl_event_source_remove (w->source);
    close (fd);
    delete w;
    return 0;
  }
};

// The viewer's text as a data source.
struct TextSource {
  wlr_data_source base;
  wl_event_loop *loop;
  std::string text;
};

void
TextSourceSend (wlr_data_source *base, const char *, int32_t fd)
{
  TextSource *self = wl_container_of (base, self, base);
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  auto *w = new Writer{fd, self->text};
  w->source = wl_event_loop_add_fd (self->loop, fd, WL_EVENT_WRITABLE, &Writer::OnWritable, w);
  if (!w->source) {
    close (fd);
    delete w;
  }
}

void
TextSourceDestroy (wlr_data_source *base)
{
  TextSource *self = wl_container_of (base, self, base);
  delete self;  // wlroots has freed the mime types

}

const wlr_data_source_impl kTextSourceImpl = {
  TextSourceSend, nullptr, TextSourceDestroy, nullptr, nullptr, nullptr,
};

}  // namespace

Clipboard::Clipboard (wlr_seat *seat, TextListener listener)
    : seat_ (seat), listener_ (std::move (listener))
{
  // Applications set the selection (copy) and the primary selection (select) at will.
  request_selection_.Connect (&seat->events.request_set_selection, [this] (void *data) {
    auto *event = static_cast<wlr_seat_request_set_selection_event *> (data);
    wlr_seat_set_selection (seat_, event->source, event->serial);
  });
  request_primary_.Connect (&seat->events.request_set_primary_selection, [this] (void *data) {
    auto *event = static_cast<wlr_seat_request_set_primary_selection_event *> (data);
    wlr_seat_set_primary_selection (seat_, event->source, event->serial);
  });
  selection_.Connect (&seat->events.set_selection, [this] (void *) { SelectionChanged (); });
}

Clipboard::~Clipboard ()
{
  request_selection_.Disconnect ();
  request_primary_.Disconnect ();
  selection_.Disconnect ();
  StopReading ();
}

void
Clipboard::SetText (const std::string &text)
{
  auto *source = new TextSource{};
  wlr_data_source_init (&source->base, &kTextSourceImpl);
  source->loop = wl_display_get_event_loop (seat_->display);
  source->text = text;
  for (const char *type : kTextMimeTypes) {
    char **slot = static_cast<char **> (wl_array_add (&source->base.mime_types, sizeof (char *)));
    *slot = strdup (type);
  }
  // The newest serial given out so far: an application's copy made for any event it has seen
  // since still replaces the viewer's text (a newer serial would make wlroots refuse it).
  wlr_seat_set_selection (seat_, &source->base, wl_display_get_serial (seat_->display));
}

void
Clipboard::SelectionChanged ()
{
  StopReading ();
  wlr_data_source *source = seat_->selection_source;
  if (!source || source->impl == &kTextSourceImpl)
    return;  // cleared, or the viewer's own text coming back
  const char *type = PreferredTextType (static_cast<char *const *> (source->mime_types.data),
      source->mime_types.size / sizeof (char *));
  if (!type)
    return;  // no text (an image, files)
  int fds[2];
  if (pipe2 (fds, O_CLOEXEC | O_NONBLOCK) != 0)
    return;
  wlr_data_source_send (source, type, fds[1]);  // takes the write end
  read_fd_ = fds[0];
  read_buffer_.clear ();
  read_source_ = wl_event_loop_add_fd (wl_display_get_event_loop (seat_->display), read_fd_,
      WL_EVENT_READABLE, &Clipboard::OnReadable, this);
}

int
Clipboard::OnReadable (int fd, uint32_t mask, void *data)
{
  auto *self = static_cast<Clipboard *> (data);
  char chunk[4096];
  for (;;) {
    const ssize_t n = read (fd, chunk, sizeof chunk);
    if (n > 0) {
      if (self->read_buffer_.size () < kMaxTextBytes)
        self->read_buffer_.append (chunk, size_t (std::min<size_t> (size_t (n),
            kMaxTextBytes - self->read_buffer_.size ())));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR) && !(mask & WL_EVENT_HANGUP))
      return 0;
    break;  // end of the text (or an error: what came is what there is)
  }
  std::string text;
  text.swap (self->read_buffer_);
  self->StopReading ();
  if (self->listener_)
    self->listener_ (text);
  return 0;
}

void
Clipboard::StopReading ()
{
  if (read_source_)
    wl_event_source_remove (read_source_);
  read_source_ = nullptr;
  if (read_fd_ >= 0)
    close (read_fd_);
  read_fd_ = -1;
}

}  // namespace webdesk::wayland
