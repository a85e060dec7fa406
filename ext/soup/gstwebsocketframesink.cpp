// SPDX-License-Identifier: LGPL-2.1-or-later
/**
 * SECTION:element-websocketframesink
 * @title: websocketframesink
 *
 * Serves an H.264 stream to web browsers: any number of tabs open the page it serves and show
 * the video, decoded by WebCodecs. One encode goes to every viewer.
 *
 * - `GET /` serves the web client (embedded in the plugin; `web-root` serves a folder instead),
 *   `/ws` is the WebSocket: binary messages carry frames (a small versioned header, then the
 *   annex-B access unit), text messages carry JSON control (docs/protocol.md).
 * - A viewer starts at a keyframe; the sink asks upstream for one (force-key-unit) when a viewer
 *   joins or loses its picture, at most one per second however many ask.
 * - Viewers acknowledge frames once decoded; one that falls behind skips frames and restarts at
 *   a keyframe, so a slow or stalled viewer never slows the others or the pipeline.
 * - Pacing: when every viewer is behind (its oldest unacknowledged frame is older than its usual
 *   ack delay + 50 ms), the sink sends the upstream event `webdesk-pace` (behind=TRUE), and
 *   behind=FALSE once one catches up, so paintoverscheduler sends no more than the fastest
 *   viewer decodes (docs/events.md). A new run (READY -> PAUSED) starts not behind.
 * - Pointer, wheel and keys go upstream as GstNavigation events (buffer pixels); resize,
 *   clipboard and text as webdesk's custom events. A downstream `webdesk-clipboard` event goes
 *   to every viewer.
 * - Roles: only one viewer controls (the first; control can be taken or given, and passes on
 *   when the controller leaves); the input of the others is dropped. Viewers that log in with
 *   `view-password` never control.
 * - While every viewer can decode High 4:4:4 (or none is connected) the sink accepts
 *   `profile=high-4:4:4`; when one that cannot joins, it renegotiates upstream.
 * - Serving anywhere but loopback needs a `password` (HTTP Basic authentication, checked before
 *   the WebSocket upgrade); after 5 wrong passwords an address waits (429), twice as long after
 *   each further one. A request whose Host is not one of the server's names (its address,
 *   localhost on loopback, `server-names`) is refused (DNS rebinding). A WebSocket handshake
 *   from another site's page is refused unless the site is in `allowed-origins`;
 *   `tls-certificate` serves https/wss.
 * - Sound (optional): Opus on the `audio` request pad goes to every viewer that plays sound
 *   (silence is not sent); the controlling viewer's microphone comes out of the `microphone`
 *   request src pad as Opus. Files: with `files-folder`, viewers download that folder's files
 *   and the controller's side uploads into it over HTTP (docs/protocol.md, "Files").
 * - Element messages on the bus: `listening` (port, url), `client-connected`,
 *   `client-disconnected` (client-id, remote, clients, code, reason), `viewer-stats` (fps,
 *   latency-ms as measured by the viewer from capture to decoded frame), `login-failed`
 *   (remote, locked-out).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 videotestsrc is-live=true ! video/x-raw,format=BGRx,width=1280,height=720 ! \
 *     h264qualityenc ! websocketframesink port=8080
 * ]| then open http://127.0.0.1:8080/ in a browser (with sound, the microphone and files:
 * docs/elements/websocketframesink.md).
 *
 * Since: 0.1
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwebsocketframesink.h"

#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>

#include "access-policy.h"
#include "element-listener.h"
#include "stats-structure.h"
#include "cursor-event.h"
#include "frame-message.h"
#include "frame-server.h"
#include "sink-audio.h"
#include "sink-files.h"

GST_DEBUG_CATEGORY (gst_websocket_frame_sink_debug);
#define GST_CAT_DEFAULT gst_websocket_frame_sink_debug

namespace {

constexpr const char *kDefaultAddress = "127.0.0.1";
constexpr int kDefaultPort = 8080;
constexpr int kDefaultMaxClients = 16;

// Profiles the sink accepts; High 4:4:4 only while every viewer decodes it.
constexpr const char *kCapsWith444 =
    "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, "
    "profile=(string){ high-4:4:4, high, main, constrained-baseline }";
constexpr const char *kCapsWithout444 =
    "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, "
    "profile=(string){ high, main, constrained-baseline }";

GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, "
                     "profile=(string){ high-4:4:4, high, main, constrained-baseline }"));

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_WEB_ROOT,
  PROP_MAX_CLIENTS,
  PROP_PASSWORD,
  PROP_VIEW_PASSWORD,
  PROP_ALLOWED_ORIGINS,
  PROP_SERVER_NAMES,
  PROP_TLS_CERTIFICATE,
  PROP_TLS_KEY,
  PROP_PACE,
  PROP_FILES_FOLDER,
  PROP_MAX_UPLOAD_BYTES,
  PROP_STATS,
  N_PROPS
};
GParamSpec *properties[N_PROPS];

}  // namespace

struct GstWebsocketFrameSinkPriv;

struct _GstWebsocketFrameSink {
  GstBaseSink parent;
  GstWebsocketFrameSinkPriv *priv;
};

// The element's state. Settings are guarded by `lock`; the server is created in start() and
// destroyed in stop() (both on the state-change thread); the listener's callbacks come from the
// server thread and only push events upstream or post messages.
struct GstWebsocketFrameSinkPriv {
  explicit GstWebsocketFrameSinkPriv (GstWebsocketFrameSink *s) : sink (s) {}
  GstWebsocketFrameSink *sink;

  std::mutex lock;
  std::string address = kDefaultAddress;
  int port = kDefaultPort;
  std::string web_root;
  int max_clients = kDefaultMaxClients;
  std::string password;
  std::string view_password;
  std::string allowed_origins;
  std::string server_names;
  std::string tls_certificate;
  std::string tls_key;
  webdesk::SinkFiles files {PROP_FILES_FOLDER, PROP_MAX_UPLOAD_BYTES};

  std::unique_ptr<webdesk::FrameServer> server;
  std::atomic<int> bound_port {0};

  // Streaming thread.
  int width = 0, height = 0;
  uint32_t sequence = 0;

  webdesk::ElementListener listener {GST_BASE_SINK (sink), [this] {
    return server ? server->Stats ().clients : 0;
  }};
  webdesk::SinkAudio audio {GST_ELEMENT (sink), [this] { return server.get (); }};
};

#define gst_websocket_frame_sink_parent_class parent_class
G_DEFINE_TYPE (GstWebsocketFrameSink, gst_websocket_frame_sink, GST_TYPE_BASE_SINK);
GST_ELEMENT_REGISTER_DEFINE (websocketframesink, "websocketframesink", GST_RANK_NONE,
    GST_TYPE_WEBSOCKET_FRAME_SINK);

static GstStructure *
stats_structure (GstWebsocketFrameSinkPriv *priv)
{
  return webdesk::StatsStructure (priv->server ? priv->server->Stats () : webdesk::ServerStats ());
}

static void
gst_websocket_frame_sink_set_property (GObject *object, guint prop_id, const GValue *value,
    GParamSpec *pspec)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (object);
  GstWebsocketFrameSinkPriv *priv = self->priv;
  if (prop_id == PROP_PACE) {  // the one setting that changes while playing
    priv->listener.SetPace (g_value_get_boolean (value));
    return;
  }
  GstState state;
  GST_OBJECT_LOCK (self);
  state = GST_STATE (self);
  GST_OBJECT_UNLOCK (self);
  if (state > GST_STATE_READY) {
    // Every other property here configures the server, which only (re)starts in READY -> PAUSED.
    GST_WARNING_OBJECT (self, "%s can only be changed in the NULL or READY state",
        pspec->name);
    return;
  }
  std::lock_guard<std::mutex> lock (priv->lock);
  switch (prop_id) {
    case PROP_ADDRESS: {
      const gchar *s = g_value_get_string (value);
      priv->address = s ? s : kDefaultAddress;
      break;
    }
    case PROP_PORT:
      priv->port = g_value_get_int (value);
      break;
    case PROP_WEB_ROOT: {
      const gchar *s = g_value_get_string (value);
      priv->web_root = s ? s : "";
      break;
    }
    case PROP_MAX_CLIENTS:
      priv->max_clients = g_value_get_int (value);
      break;
    case PROP_PASSWORD: {
      const gchar *s = g_value_get_string (value);
      priv->password = s ? s : "";
      break;
    }
    case PROP_VIEW_PASSWORD: {
      const gchar *s = g_value_get_string (value);
      priv->view_password = s ? s : "";
      break;
    }
    case PROP_ALLOWED_ORIGINS: {
      const gchar *s = g_value_get_string (value);
      priv->allowed_origins = s ? s : "";
      break;
    }
    case PROP_SERVER_NAMES: {
      const gchar *s = g_value_get_string (value);
      priv->server_names = s ? s : "";
      break;
    }
    case PROP_TLS_CERTIFICATE: {
      const gchar *s = g_value_get_string (value);
      priv->tls_certificate = s ? s : "";
      break;
    }
    case PROP_TLS_KEY: {
      const gchar *s = g_value_get_string (value);
      priv->tls_key = s ? s : "";
      break;
    }
    default:
      if (!priv->files.Set (prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_websocket_frame_sink_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (object);
  GstWebsocketFrameSinkPriv *priv = self->priv;
  std::lock_guard<std::mutex> lock (priv->lock);
  switch (prop_id) {
    case PROP_ADDRESS:
      g_value_set_string (value, priv->address.c_str ());
      break;
    case PROP_PORT:
      g_value_set_int (value, priv->bound_port ? priv->bound_port.load () : priv->port);
      break;
    case PROP_WEB_ROOT:
      g_value_set_string (value, priv->web_root.empty () ? nullptr : priv->web_root.c_str ());
      break;
    case PROP_PACE:
      g_value_set_boolean (value, priv->listener.pace ());
      break;
    case PROP_MAX_CLIENTS:
      g_value_set_int (value, priv->max_clients);
      break;
    case PROP_ALLOWED_ORIGINS:
      g_value_set_string (value,
          priv->allowed_origins.empty () ? nullptr : priv->allowed_origins.c_str ());
      break;
    case PROP_SERVER_NAMES:
      g_value_set_string (value,
          priv->server_names.empty () ? nullptr : priv->server_names.c_str ());
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_string (value,
          priv->tls_certificate.empty () ? nullptr : priv->tls_certificate.c_str ());
      break;
    case PROP_TLS_KEY:
      g_value_set_string (value, priv->tls_key.empty () ? nullptr : priv->tls_key.c_str ());
      break;
    case PROP_STATS:
      g_value_take_boxed (value, stats_structure (priv));
      break;
    default:
      if (!priv->files.Get (prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static gboolean
gst_websocket_frame_sink_start (GstBaseSink *base)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (base);
  GstWebsocketFrameSinkPriv *priv = self->priv;
  priv->listener.ForgetAnnouncements ();
  webdesk::ServerConfig config;
  std::string allowed_origins, server_names;
  webdesk::SinkFiles files {0, 0};
  {
    std::lock_guard<std::mutex> lock (priv->lock);
    files = priv->files;
    config.address = priv->address;
    config.port = priv->port;
    config.web_root = priv->web_root;
    config.max_clients = priv->max_clients;
    config.password = priv->password;
    config.view_password = priv->view_password;
    allowed_origins = priv->allowed_origins;
    server_names = priv->server_names;
    config.tls_certificate = priv->tls_certificate;
    config.tls_key = priv->tls_key;
  }
  std::string error;
  if (!webdesk::CheckAccessSettings (config.address, config.password, config.view_password,
          allowed_origins, server_names, &config.allowed_origins, &config.server_names,
          &error)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS, ("%s", error.c_str ()), ("%s", error.c_str ()));
    return FALSE;
  }
  if (!files.Configure (GST_ELEMENT (self), &config))
    return FALSE;
  priv->sequence = 0;
  priv->listener.allow_444 = true;
  priv->listener.allow_lossless = true;
  priv->server = std::make_unique<webdesk::FrameServer> (config, &priv->listener);
  if (!priv->server->Start (&error)) {
    priv->server.reset ();
    GST_ELEMENT_ERROR (self, RESOURCE, OPEN_READ_WRITE,
        ("Could not listen on %s port %d (%s). Is another program using the port? Pick another, "
         "or port=0 for any free one; check the tls-certificate and tls-key files.",
            config.address.c_str (), config.port, error.c_str ()),
        ("%s", error.c_str ()));
    return FALSE;
  }
  priv->bound_port = priv->server->port ();
  priv->audio.ServerStarted (priv->server.get ());
  const bool v6 = config.address.find (':') != std::string::npos;
  g_autofree gchar *url = g_strdup_printf ("%s://%s%s%s:%d/",
      config.tls_certificate.empty () ? "http" : "https", v6 ? "[" : "",
      config.address.c_str (), v6 ? "]" : "", priv->bound_port.load ());
  GST_INFO_OBJECT (self, "serving on %s", url);
  priv->listener.Post (gst_structure_new ("listening", "port", G_TYPE_INT, priv->bound_port.load (), "url",
      G_TYPE_STRING, url, nullptr));
  return TRUE;
}

static gboolean
gst_websocket_frame_sink_stop (GstBaseSink *base)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (base);
  if (self->priv->server) {
    self->priv->server->Stop ();
    self->priv->server.reset ();
  }
  self->priv->bound_port = 0;
  return TRUE;
}

static GstCaps *
gst_websocket_frame_sink_get_caps (GstBaseSink *base, GstCaps *filter)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (base);
  GstCaps *caps =
      gst_caps_from_string (self->priv->listener.allow_444 ? kCapsWith444 : kCapsWithout444);
  // Lossless frames (h264qualityenc's lossless=true) only while every viewer decodes them.
  if (!self->priv->listener.allow_lossless)
    gst_caps_set_simple (caps, "lossless", G_TYPE_BOOLEAN, FALSE, nullptr);
  if (filter) {
    GstCaps *both = gst_caps_intersect_full (filter, caps, GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref (caps);
    caps = both;
  }
  return caps;
}

static gboolean
gst_websocket_frame_sink_query (GstBaseSink *base, GstQuery *query)
{
  if (GST_QUERY_TYPE (query) == GST_QUERY_ACCEPT_CAPS) {
    // Accept any caps our current set can intersect with: an encoder that leaves out the
    // profile field is fine; the profile is read from the SPS anyway.
    GstCaps *caps = nullptr;
    gst_query_parse_accept_caps (query, &caps);
    GstCaps *ours = gst_websocket_frame_sink_get_caps (base, nullptr);
    gst_query_set_accept_caps_result (query, gst_caps_can_intersect (caps, ours));
    gst_caps_unref (ours);
    return TRUE;
  }
  return GST_BASE_SINK_CLASS (parent_class)->query (base, query);
}

static gboolean
gst_websocket_frame_sink_set_caps (GstBaseSink *base, GstCaps *caps)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (base);
  const GstStructure *s = gst_caps_get_structure (caps, 0);
  int w = 0, h = 0;
  gst_structure_get_int (s, "width", &w);
  gst_structure_get_int (s, "height", &h);
  self->priv->width = w;
  self->priv->height = h;
  GST_DEBUG_OBJECT (self, "caps %" GST_PTR_FORMAT, caps);
  return TRUE;
}

static gboolean
gst_websocket_frame_sink_event (GstBaseSink *base, GstEvent *event)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (base);
  g_autofree gchar *clipboard = gst_webdesk_event_parse_clipboard (event);
  if (clipboard && GST_EVENT_TYPE (event) == GST_EVENT_CUSTOM_DOWNSTREAM_OOB &&
      self->priv->server) {
    GST_DEBUG_OBJECT (self, "clipboard for the viewers (%zu bytes)", strlen (clipboard));
    self->priv->server->BroadcastText (webdesk::ClipboardJson (clipboard));
  }
  // The application's cursor: every viewer, and later ones at their hello, get the latest.
  const std::string cursor = webdesk::CursorJsonForEvent (event);
  if (!cursor.empty () && self->priv->server)
    self->priv->server->BroadcastState ("cursor", cursor);
  return GST_BASE_SINK_CLASS (parent_class)->event (base, event);
}

static GstFlowReturn
gst_websocket_frame_sink_render (GstBaseSink *base, GstBuffer *buffer)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (base);
  GstWebsocketFrameSinkPriv *priv = self->priv;
  const int64_t arrival_us = g_get_monotonic_time ();
  if (!priv->server)
    return GST_FLOW_OK;
  // Upstream learns at the first frame whether anyone watches (then from every join/leave).
  priv->listener.AnnounceViewersOnce ();
  webdesk::FrameMessage m;
  if (!webdesk::MakeFrameMessage (buffer, priv->sequence, priv->width, priv->height, arrival_us,
          &m)) {
    GST_ELEMENT_ERROR (self, RESOURCE, READ, ("Could not read an encoded frame."),
        ("gst_buffer_map failed"));
    return GST_FLOW_ERROR;
  }
  priv->sequence++;
  if (m.info.has_sps)
    priv->server->SetStreamInfo (m.info.CodecString (), priv->width, priv->height);
  if (m.facts.keyframe && ((m.facts.high444 && !priv->listener.allow_444) ||
                              (m.facts.lossless && !priv->listener.allow_lossless))) {
    // Still 4:4:4 (or lossless) after we renegotiated: the encoder missed the reconfigure (a
    // GstVideoEncoder can consume the flag in finish_frame before its subclass looks). Ask
    // again; keyframes are rate-limited, so this is at most once a second.
    GST_DEBUG_OBJECT (self, "a keyframe a viewer cannot decode: reconfiguring");
    gst_pad_push_event (GST_BASE_SINK_PAD (base), gst_event_new_reconfigure ());
  }
  priv->server->SubmitFrame (m.bytes, m.facts, arrival_us);
  GST_LOG_OBJECT (self, "frame %u, %zu bytes%s", m.facts.sequence, m.facts.bytes,
      m.facts.keyframe ? " (keyframe)" : "");
  g_bytes_unref (m.bytes);
  return GST_FLOW_OK;
}

static void
gst_websocket_frame_sink_finalize (GObject *object)
{
  auto *self = GST_WEBSOCKET_FRAME_SINK (object);
  delete self->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_websocket_frame_sink_init (GstWebsocketFrameSink *self)
{
  self->priv = new GstWebsocketFrameSinkPriv (self);
  self->priv->listener.on_microphone = [self] (GBytes *packet, const webdesk::AudioHeader &h) {
    self->priv->audio.OnMicrophone (packet, h);
  };
  webdesk::SinkAudio::Isolate (GST_BASE_SINK_PAD (self));  // the video pad hears no audio pad
  // Frames go out as they come: no clock sync, no preroll wait (a still desktop sends nothing).
  gst_base_sink_set_sync (GST_BASE_SINK (self), FALSE);
  gst_base_sink_set_async_enabled (GST_BASE_SINK (self), FALSE);
  gst_base_sink_set_qos_enabled (GST_BASE_SINK (self), FALSE);
}

static void
gst_websocket_frame_sink_class_init (GstWebsocketFrameSinkClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSinkClass *sink_class = GST_BASE_SINK_CLASS (klass);

  gobject_class->set_property = gst_websocket_frame_sink_set_property;
  gobject_class->get_property = gst_websocket_frame_sink_get_property;
  gobject_class->finalize = gst_websocket_frame_sink_finalize;

  const auto rw = GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                               GST_PARAM_MUTABLE_READY | GST_PARAM_DOC_SHOW_DEFAULT);
  /**
   * GstWebsocketFrameSink:address:
   *
   * The IP address to listen on. Anything but loopback needs a password.
   */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", "Address",
      "IP address to listen on (127.0.0.1 or ::1: this machine only; 0.0.0.0 or :: : every "
      "interface, which needs the password property)",
      kDefaultAddress, rw);
  /**
   * GstWebsocketFrameSink:port:
   *
   * The TCP port; 0 picks a free one, which reading the property returns once started.
   */
  properties[PROP_PORT] = g_param_spec_int ("port", "Port",
      "TCP port for the page and the WebSocket; 0 picks a free port (read this property after "
      "the element has started to learn which)",
      0, 65535, kDefaultPort, rw);
  /**
   * GstWebsocketFrameSink:web-root:
   *
   * A folder to serve the web client from instead of the copy built into the plugin.
   */
  properties[PROP_WEB_ROOT] = g_param_spec_string ("web-root", "Web root",
      "Folder to serve the web client from, e.g. the web/ folder of a webdesk checkout while "
      "developing it (default: the client built into the plugin)",
      nullptr, rw);
  /**
   * GstWebsocketFrameSink:max-clients:
   *
   * How many viewers may be connected at once; more are refused (WebSocket close 4003).
   */
  properties[PROP_MAX_CLIENTS] = g_param_spec_int ("max-clients", "Max clients",
      "Most viewers connected at once; one more is refused with close code 4003", 1, 1024,
      kDefaultMaxClients, rw);
  /**
   * GstWebsocketFrameSink:password:
   *
   * When set, the page and the WebSocket need HTTP Basic authentication with this password
   * (any user name). Required to listen on anything but loopback.
   */
  properties[PROP_PASSWORD] = g_param_spec_string ("password", "Password",
      "Password viewers must give (HTTP Basic authentication, any user name); required when "
      "address is not loopback. Write-only",
      nullptr,
      GParamFlags (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  /**
   * GstWebsocketFrameSink:view-password:
   *
   * A second password that gives view-only access: a viewer who logs in with it watches but
   * never controls (its input is dropped). Needs password, and must differ from it.
   */
  properties[PROP_VIEW_PASSWORD] = g_param_spec_string ("view-password", "View-only password",
      "Password for view-only access (HTTP Basic, any user name): such viewers never control "
      "the desktop. Needs password, and must differ from it. Write-only",
      nullptr,
      GParamFlags (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  /**
   * GstWebsocketFrameSink:allowed-origins:
   *
   * Origins of other sites whose pages may open the WebSocket (the page the sink serves always
   * may), e.g. a portal that embeds the viewer.
   */
  properties[PROP_ALLOWED_ORIGINS] = g_param_spec_string ("allowed-origins", "Allowed origins",
      "Other sites whose pages may open the WebSocket, besides the sink's own page: origins "
      "separated by commas, e.g. \"https://portal.example,http://10.0.0.5:8000\" (default: none)",
      nullptr, rw);
  /**
   * GstWebsocketFrameSink:server-names:
   *
   * Names the server is reached by, besides its address (and localhost on loopback): a
   * request whose Host is none of them is refused (403), so that a page on another site whose
   * name is made to point at this machine (DNS rebinding) gets nothing.
   */
  properties[PROP_SERVER_NAMES] = g_param_spec_string ("server-names", "Server names",
      "Host names the page is opened by, besides the listen address (localhost too on "
      "loopback; any IP address and this machine's name on 0.0.0.0 or ::), separated by "
      "commas, e.g. \"desk.example,desk\". Requests for any other name are refused (403)",
      nullptr, rw);
  /**
   * GstWebsocketFrameSink:tls-certificate:
   *
   * A PEM certificate file: serve https and wss. Browsers allow WebCodecs only in a secure
   * context, which plain http is only on 127.0.0.1 / localhost.
   */
  properties[PROP_TLS_CERTIFICATE] = g_param_spec_string ("tls-certificate", "TLS certificate",
      "PEM certificate file (with its key, or see tls-key): serve https/wss, which browsers need "
      "for WebCodecs anywhere but on localhost",
      nullptr, rw);
  /**
   * GstWebsocketFrameSink:tls-key:
   *
   * The PEM private key of tls-certificate, when it is not in the same file.
   */
  properties[PROP_TLS_KEY] = g_param_spec_string ("tls-key", "TLS key",
      "PEM private key file for tls-certificate (default: the certificate file itself)", nullptr,
      rw);
  /**
   * GstWebsocketFrameSink:pace:
   *
   * Slow the stream to what the viewers decode: when every viewer is behind (frames sent but
   * not yet decoded for longer than usual), send `webdesk-pace` upstream so paintoverscheduler
   * keeps frames back and then sends one frame with all that changed. Off: every frame is
   * sent, and a viewer that falls 16 frames behind skips to the next keyframe.
   */
  properties[PROP_PACE] = g_param_spec_boolean ("pace", "Pace",
      "Ask upstream (paintoverscheduler) to keep frames back while every viewer is behind, so "
      "a slow decoder sees the newest picture instead of a growing backlog. Changeable while "
      "playing", TRUE, GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
  webdesk::SinkFiles::InstallProperties (properties, PROP_FILES_FOLDER, PROP_MAX_UPLOAD_BYTES, rw);
  /**
   * GstWebsocketFrameSink:stats:
   *
   * A snapshot: viewers, frames, keyframe requests, how long the sink held frames (p50/p99 from
   * arrival to the socket write, and of that the hand-off to the server thread), whether every
   * viewer is behind, and per-viewer frames sent, dropped and in flight and usual ack delay.
   */
  properties[PROP_STATS] = g_param_spec_boxed ("stats", "Statistics",
      "Viewers, frames, keyframe requests, sink latency (p50/p99 in us from arrival to socket "
      "write, and to the server thread's pick-up), behind (every viewer is) and per-viewer "
      "frames sent, dropped and in flight and usual ack delay (ack-delay-us)",
      GST_TYPE_STRUCTURE, GParamFlags (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (gobject_class, N_PROPS, properties);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  webdesk::SinkAudio::AddRequestPads (element_class);
  gst_element_class_set_static_metadata (element_class, "WebSocket frame sink",
      "Sink/Network/Video",
      "Serves H.264 (and Opus sound) to web browsers over WebSocket, with the web client, "
      "viewer flow control, input and the microphone back, and file transfer",
      "webdesk");

  sink_class->start = gst_websocket_frame_sink_start;
  sink_class->stop = gst_websocket_frame_sink_stop;
  sink_class->get_caps = gst_websocket_frame_sink_get_caps;
  sink_class->set_caps = gst_websocket_frame_sink_set_caps;
  sink_class->query = gst_websocket_frame_sink_query;
  sink_class->event = gst_websocket_frame_sink_event;
  sink_class->render = gst_websocket_frame_sink_render;

  GST_DEBUG_CATEGORY_INIT (gst_websocket_frame_sink_debug, "websocketframesink", 0,
      "websocketframesink");
}
