// SPDX-License-Identifier: LGPL-2.1-or-later
#include "pipeline.h"

#include <glib.h>

#include "sound-branches.h"

namespace webdesk {

static std::string
Quote (const std::string &arg)
{
  g_autofree gchar *q = g_shell_quote (arg.c_str ());
  return q;
}

std::string
ClientCommand (const Options &options, const std::string &session_script,
    const std::string &desktop_log)
{
  std::string cmd;
  if (!options.app.empty ()) {
    for (const auto &arg : options.app)
      cmd += (cmd.empty () ? "" : " ") + Quote (arg);
    return cmd;
  }
  const std::string session = "sh " + Quote (session_script);
  if (desktop_log.empty ())
    return session;
  // exec: the shell becomes the session, so stopping the command stops it.
  return "sh -c " + Quote ("exec " + session + " >" + Quote (desktop_log) + " 2>&1");
}

std::string
TailOfFile (const std::string &path, int lines)
{
  g_autofree gchar *text = nullptr;
  gsize length = 0;
  if (!g_file_get_contents (path.c_str (), &text, &length, nullptr))
    return "";
  std::string all (text, length);
  while (!all.empty () && all.back () == '\n')
    all.pop_back ();
  size_t start = all.size ();
  for (int n = 0; n < lines && start > 0; n++) {
    start = all.rfind ('\n', start - 1);
    if (start == std::string::npos) {
      start = 0;
      break;
    }
  }
  if (start > 0 && all[start] == '\n')
    start++;
  return all.substr (start);
}

static bool
SetIfPresent (GstElement *element, const char *property, const GValue *value, bool required,
    std::string *error)
{
  if (!g_object_class_find_property (G_OBJECT_GET_CLASS (element), property)) {
    if (required)
      *error = std::string ("this build's ") + GST_OBJECT_NAME (element) + " has no '" + property +
          "' property, which the options you gave need";
    return !required;
  }
  g_object_set_property (G_OBJECT (element), property, value);
  return true;
}

static bool
SetString (GstElement *e, const char *prop, const std::string &v, bool required, std::string *err)
{
  GValue value = G_VALUE_INIT;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, v.c_str ());
  const bool ok = SetIfPresent (e, prop, &value, required, err);
  g_value_unset (&value);
  return ok;
}

// An enum property, by its nick; required.
static bool
SetEnum (GstElement *e, const char *prop, const char *nick, std::string *err)
{
  if (!g_object_class_find_property (G_OBJECT_GET_CLASS (e), prop)) {
    *err = std::string ("this build's ") + GST_OBJECT_NAME (e) + " has no '" + prop +
        "' property, which webdesk needs";
    return false;
  }
  gst_util_set_object_arg (G_OBJECT (e), prop, nick);
  return true;
}

GstElement *
BuildPipeline (const Options &o, const std::string &client_command, std::string *error,
    const std::string &sound_server)
{
  const char *factories[] = {"waylanddamagesrc", "paintoverscheduler", "h264qualityenc",
      "websocketframesink"};
  GstElement *pipeline = gst_pipeline_new ("webdesk");
  GstElement *elements[4];
  for (int i = 0; i < 4; i++) {
    elements[i] = gst_element_factory_make (factories[i], factories[i]);
    if (!elements[i]) {
      *error = std::string ("GStreamer element '") + factories[i] +
          "' not found: is webdesk installed (or run through `meson devenv -C build`)?";
      gst_object_unref (pipeline);
      return nullptr;
    }
    gst_bin_add (GST_BIN (pipeline), elements[i]);
  }
  GstElement *src = elements[0], *enc = elements[2], *sink = elements[3];

  g_object_set (src, "width", o.width, "height", o.height, "max-framerate", o.max_fps, nullptr);
  gst_util_set_object_arg (G_OBJECT (enc), "chroma", ChromaName (o.chroma));
  g_object_set (sink, "address", o.address.c_str (), "port", o.port, "max-clients", o.max_viewers,
      nullptr);

  bool ok = SetString (src, "command", client_command, true, error);
  // Without an application: webdesk's own desktop, on the element's desktop mode. Either way
  // the output follows the controlling page's size and scale.
  if (o.app.empty ())
    ok = ok && SetEnum (src, "shell", "desktop", error);
  ok = ok && (o.password.empty () || SetString (sink, "password", o.password, true, error));
  ok = ok && (o.view_password.empty () ||
      SetString (sink, "view-password", o.view_password, true, error));
  ok = ok && (o.allowed_origins.empty () ||
      SetString (sink, "allowed-origins", o.allowed_origins, true, error));
  ok = ok && (o.server_names.empty () ||
      SetString (sink, "server-names", o.server_names, true, error));
  ok = ok && (o.tls_certificate.empty () ||
      (SetString (sink, "tls-certificate", o.tls_certificate, true, error) &&
          SetString (sink, "tls-key", o.tls_key, true, error)));
  ok = ok && (o.files_folder.empty () || SetString (sink, "files-folder", o.files_folder, true, error));
  ok = ok && (sound_server.empty () || AddSoundBranches (pipeline, sink, sound_server, error));
  if (ok && !gst_element_link_many (elements[0], elements[1], elements[2], elements[3], nullptr)) {
    *error = "could not link the webdesk elements (incompatible builds?)";
    ok = false;
  }
  if (!ok) {
    gst_object_unref (pipeline);
    return nullptr;
  }
  return pipeline;
}

}  // namespace webdesk
