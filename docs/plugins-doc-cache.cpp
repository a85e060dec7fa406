// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk-plugins-doc-cache: writes the plugin documentation cache of the plugins given, in the
 * format GStreamer's modules keep in docs/gst_plugins_cache.json and hotdoc's gst extension
 * reads (one object per plugin: its metadata, and per element its metadata, class hierarchy,
 * interfaces, pad templates with caps, properties with blurb, type, range, default, flags and
 * when they may change, signals; enums and flags the properties use under "other-types").
 *
 *   webdesk-plugins-doc-cache OUT.json PLUGIN.so...
 *
 * GStreamer generates it with gst-hotdoc-plugins-scanner, which Debian does not ship; this
 * writes the same keys from the same GStreamer calls. Two differences, both so the file does not
 * depend on the machine it is made on: a property's default is the one its GParamSpec declares
 * (not the value of a fresh instance), and every enum or flags type a property uses is listed
 * (not only those marked as plugin API). Keys are sorted; the output is the same on every run.
 * docs/meson.build: `ninja -C build update-plugins-doc-cache` rewrites docs/gst_plugins_cache.json,
 * and the plugins-doc-cache test fails while the committed file differs from the plugins. */
#include <json-glib/json-glib.h>
#include <gst/gst.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

// Members are added in order; JsonGenerator keeps it, so sorted input gives sorted output.
using Fields = std::map<std::string, JsonNode *>;

JsonNode *
String (const std::string &text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text.c_str ());
  return node;
}

JsonNode *
Bool (bool value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (node, value);
  return node;
}

JsonNode *
Object (const Fields &fields)
{
  JsonObject *object = json_object_new ();
  for (const auto &[key, value] : fields)
    json_object_set_member (object, key.c_str (), value);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
Array (const std::vector<JsonNode *> &items)
{
  JsonArray *array = json_array_new ();
  for (JsonNode *item : items)
    json_array_add_element (array, item);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

// A GValue as the cache writes it: enums as "nick (value)", flags as "nick+nick", strings as
// they are ("NULL" for none), everything else GStreamer's serialisation.
std::string
ValueText (const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value)) {
    const char *s = g_value_get_string (value);
    return s ? s : "NULL";
  }
  if (G_VALUE_HOLDS_ENUM (value)) {
    GEnumClass *klass = G_ENUM_CLASS (g_type_class_ref (G_VALUE_TYPE (value)));
    GEnumValue *v = g_enum_get_value (klass, g_value_get_enum (value));
    std::string text = std::string (v ? v->value_nick : "?") + " (" +
        std::to_string (g_value_get_enum (value)) + ")";
    g_type_class_unref (klass);
    return text;
  }
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_value_get_boolean (value) ? "true" : "false";
  if ((G_VALUE_HOLDS_BOXED (value) || G_VALUE_HOLDS_OBJECT (value)) &&
      !g_value_peek_pointer (value))
    return "NULL";
  g_autofree gchar *text = gst_value_serialize (value);
  if (text)
    return text;
  g_autofree gchar *contents = g_strdup_value_contents (value);
  return contents;
}

void
AddRange (GParamSpec *spec, Fields *fields)
{
  GValue min = G_VALUE_INIT, max = G_VALUE_INIT;
  g_value_init (&min, spec->value_type);
  g_value_init (&max, spec->value_type);
#define RANGE(PSPEC_TYPE, SETTER)                              \
  if (G_IS_PARAM_SPEC_##PSPEC_TYPE (spec)) {            \
    SETTER (&min, G_PARAM_SPEC_##PSPEC_TYPE (spec)->minimum); \
    SETTER (&max, G_PARAM_SPEC_##PSPEC_TYPE (spec)->maximum); \
    (*fields)["min"] = String (ValueText (&min));       \
    (*fields)["max"] = String (ValueText (&max));       \
  }
  RANGE (INT, g_value_set_int)
  RANGE (UINT, g_value_set_uint)
  RANGE (LONG, g_value_set_long)
  RANGE (ULONG, g_value_set_ulong)
  RANGE (INT64, g_value_set_int64)
  RANGE (UINT64, g_value_set_uint64)
  RANGE (FLOAT, g_value_set_float)
  RANGE (DOUBLE, g_value_set_double)
#undef RANGE
  g_value_unset (&min);
  g_value_unset (&max);
}

JsonNode *
EnumOrFlags (GType type)
{
  std::vector<JsonNode *> values;
  const bool is_enum = G_TYPE_IS_ENUM (type);
  gpointer klass = g_type_class_ref (type);
  if (is_enum) {
    for (GEnumValue *v = G_ENUM_CLASS (klass)->values; v->value_name; v++)
      values.push_back (Object ({{"name", String (v->value_nick)},
          {"value", String (std::to_string (v->value))}, {"desc", String (v->value_name)}}));
  } else {
    for (GFlagsValue *v = G_FLAGS_CLASS (klass)->values; v->value_name; v++) {
      char hex[16];
      std::snprintf (hex, sizeof hex, "0x%08x", v->value);
      values.push_back (Object ({{"name", String (v->value_nick)}, {"value", String (hex)},
          {"desc", String (v->value_name)}}));
    }
  }
  g_type_class_unref (klass);
  return Object ({{"kind", String (is_enum ? "enum" : "flags")}, {"values", Array (values)}});
}

const char *
Mutable (GParamSpec *spec)
{
  if (spec->flags & GST_PARAM_MUTABLE_PLAYING)
    return "playing";
  if (spec->flags & GST_PARAM_MUTABLE_PAUSED)
    return "paused";
  if (spec->flags & GST_PARAM_MUTABLE_READY)
    return "ready";
  return "null";
}

// The properties the element's own class installs (inherited ones belong to GstElement,
// GstBaseSink, ...: documented there).
JsonNode *
Properties (GType type, Fields *other_types)
{
  GObjectClass *klass = G_OBJECT_CLASS (g_type_class_ref (type));
  guint n = 0;
  GParamSpec **specs = g_object_class_list_properties (klass, &n);
  Fields properties;
  for (guint i = 0; i < n; i++) {
    GParamSpec *spec = specs[i];
    if (spec->owner_type != type)
      continue;
    Fields p;
    p["blurb"] = String (g_param_spec_get_blurb (spec));
    p["conditionally-available"] = Bool (spec->flags & GST_PARAM_CONDITIONALLY_AVAILABLE);
    p["construct"] = Bool (spec->flags & G_PARAM_CONSTRUCT);
    p["construct-only"] = Bool (spec->flags & G_PARAM_CONSTRUCT_ONLY);
    p["controllable"] = Bool (spec->flags & GST_PARAM_CONTROLLABLE);
    p["default"] = String (ValueText (g_param_spec_get_default_value (spec)));
    p["mutable"] = String (Mutable (spec));
    p["readable"] = Bool (spec->flags & G_PARAM_READABLE);
    p["type"] = String (g_type_name (spec->value_type));
    p["writable"] = Bool (spec->flags & G_PARAM_WRITABLE);
    AddRange (spec, &p);
    if (G_TYPE_IS_ENUM (spec->value_type) || G_TYPE_IS_FLAGS (spec->value_type))
      (*other_types)[g_type_name (spec->value_type)] = EnumOrFlags (spec->value_type);
    properties[spec->name] = Object (p);
  }
  g_free (specs);
  g_type_class_unref (klass);
  return Object (properties);
}

JsonNode *
Signals (GType type)
{
  guint n = 0;
  guint *ids = g_signal_list_ids (type, &n);
  Fields signals;
  for (guint i = 0; i < n; i++) {
    GSignalQuery q;
    g_signal_query (ids[i], &q);
    std::vector<JsonNode *> args;
    for (guint j = 0; j < q.n_params; j++)
      args.push_back (Object ({{"name", String ("arg" + std::to_string (j))},
          {"type", String (g_type_name (q.param_types[j]))}}));
    Fields s {{"args", Array (args)}, {"return-type", String (g_type_name (q.return_type))}};
    if (q.signal_flags & G_SIGNAL_RUN_FIRST)
      s["when"] = String ("first");
    else if (q.signal_flags & G_SIGNAL_RUN_LAST)
      s["when"] = String ("last");
    if (q.signal_flags & G_SIGNAL_ACTION)
      s["action"] = Bool (true);
    signals[q.signal_name] = Object (s);
  }
  g_free (ids);
  return signals.empty () ? nullptr : Object (signals);
}

const char *
RankName (guint rank)
{
  switch (rank) {
    case GST_RANK_NONE:
      return "none";
    case GST_RANK_MARGINAL:
      return "marginal";
    case GST_RANK_SECONDARY:
      return "secondary";
    case GST_RANK_PRIMARY:
      return "primary";
    default:
      return "other";
  }
}

JsonNode *
Element (GstElementFactory *factory, Fields *other_types)
{
  GType type = gst_element_factory_get_element_type (factory);
  Fields e;
  auto meta = [&] (const char *key) {
    const char *value = gst_element_factory_get_metadata (factory, key);
    return String (value ? value : "");
  };
  e["author"] = meta (GST_ELEMENT_METADATA_AUTHOR);
  e["description"] = meta (GST_ELEMENT_METADATA_DESCRIPTION);
  e["klass"] = meta (GST_ELEMENT_METADATA_KLASS);
  e["long-name"] = meta (GST_ELEMENT_METADATA_LONGNAME);
  e["rank"] = String (RankName (gst_plugin_feature_get_rank (GST_PLUGIN_FEATURE (factory))));

  std::vector<JsonNode *> hierarchy;
  for (GType t = type; t; t = g_type_parent (t))
    hierarchy.push_back (String (g_type_name (t)));
  e["hierarchy"] = Array (hierarchy);
  guint n_interfaces = 0;
  GType *interfaces = g_type_interfaces (type, &n_interfaces);
  if (n_interfaces) {
    std::vector<JsonNode *> names;
    for (guint i = 0; i < n_interfaces; i++)
      names.push_back (String (g_type_name (interfaces[i])));
    e["interfaces"] = Array (names);
  }
  g_free (interfaces);

  Fields templates;
  for (const GList *l = gst_element_factory_get_static_pad_templates (factory); l; l = l->next) {
    auto *t = static_cast<GstStaticPadTemplate *> (l->data);
    static const char *directions[] = {"unknown", "src", "sink"};
    static const char *presences[] = {"always", "sometimes", "request"};
    GstCaps *caps = gst_static_caps_get (&t->static_caps);
    g_autofree gchar *caps_text = gst_caps_to_string (caps);
    gst_caps_unref (caps);
    templates[t->name_template] = Object ({{"caps", String (caps_text)},
        {"direction", String (directions[t->direction])},
        {"presence", String (presences[t->presence])}});
  }
  e["pad-templates"] = Object (templates);
  e["properties"] = Properties (type, other_types);
  if (JsonNode *signals = Signals (type))
    e["signals"] = signals;
  return Object (e);
}

JsonNode *
Plugin (GstPlugin *plugin)
{
  Fields elements, other_types;
  GList *features =
      gst_registry_get_feature_list_by_plugin (gst_registry_get (), gst_plugin_get_name (plugin));
  for (GList *l = features; l; l = l->next) {
    if (GST_IS_ELEMENT_FACTORY (l->data)) {
      GstElementFactory *factory = GST_ELEMENT_FACTORY (gst_plugin_feature_load (
          GST_PLUGIN_FEATURE (l->data)));
      elements[GST_OBJECT_NAME (factory)] = Element (factory, &other_types);
      gst_object_unref (factory);
    }
  }
  gst_plugin_feature_list_free (features);

  g_autofree gchar *base = g_path_get_basename (gst_plugin_get_filename (plugin));
  std::string filename = base;
  if (filename.rfind ("lib", 0) == 0)
    filename = filename.substr (3);
  filename = filename.substr (0, filename.find ('.'));
  Fields p {{"description", String (gst_plugin_get_description (plugin))},
      {"elements", Object (elements)}, {"filename", String (filename)},
      {"license", String (gst_plugin_get_license (plugin))},
      {"other-types", Object (other_types)}, {"package", String (gst_plugin_get_package (plugin))},
      {"source", String (gst_plugin_get_source (plugin))}, {"tracers", Object ({})},
      {"url", String (gst_plugin_get_origin (plugin))}};
  return Object (p);
}

}  // namespace

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  if (argc < 3) {
    std::fprintf (stderr, "usage: %s OUT.json PLUGIN.so...\n", argv[0]);
    return 2;
  }
  Fields plugins;
  for (int i = 2; i < argc; i++) {
    GError *error = nullptr;
    GstPlugin *plugin = gst_plugin_load_file (argv[i], &error);
    if (!plugin) {
      std::fprintf (stderr, "%s: cannot load %s: %s\n", argv[0], argv[i], error->message);
      g_error_free (error);
      return 1;
    }
    plugins[gst_plugin_get_name (plugin)] = Plugin (plugin);
    gst_object_unref (plugin);
  }
  JsonNode *root = Object (plugins);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 4);
  json_generator_set_root (generator, root);
  GError *error = nullptr;
  gsize length = 0;
  g_autofree gchar *text = json_generator_to_data (generator, &length);
  json_node_unref (root);
  const std::string out = std::string (text, length) + "\n";
  if (!g_file_set_contents (argv[1], out.c_str (), out.size (), &error)) {
    std::fprintf (stderr, "%s: %s\n", argv[0], error->message);
    g_error_free (error);
    return 1;
  }
  return 0;
}
