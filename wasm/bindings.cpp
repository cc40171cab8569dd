// storydiff — Embind bindings: the only project file that includes Emscripten headers.
//
// Thin by design: each function converts its arguments, calls the engine's public API (or, for
// the package's `storydiff` bin, the native CLI's own argument parser and renderers from cli/)
// and returns what they return. Failures come back as the engine's to_json(Error), which the
// JS side throws as StorydiffError. Nothing here validates, renders or decides.
//
// Bytes cross as Uint8Array in both directions, copied with one TypedArray.set each way rather
// than through Embind's std::string marshalling, which walks every byte in JavaScript (on a 1 MB
// pair that was ~15% of a compare). The wrapper encodes strings to UTF-8 and decodes results.
// Raw bytes reach the engine unchanged, so invalid UTF-8 meets the engine's validator.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storydiff/storydiff.h"
#if STORYDIFF_WASM_CLI
#include "options.h"  // cli/: the native CLI's parse_args and usage
#include "render.h"   // cli/: its text and HTML renderers
#endif

namespace {

using emscripten::val;
using storydiff::Comparison;
using storydiff::Document;
using storydiff::Expected;
using storydiff::ReadOptions;

// A JS Uint8Array's bytes, copied into the wasm heap.
std::string bytes_of(const val& array) {
  std::string out(array["length"].as<std::size_t>(), '\0');
  // A view made after the allocation, which may have grown (and so replaced) the heap's buffer.
  val(emscripten::typed_memory_view(out.size(), reinterpret_cast<unsigned char*>(out.data())))
      .call<void>("set", array);
  return out;
}

// The last result, kept alive for the Uint8Array view handed to JS until release_result().
std::string& result_buffer() {
  static std::string buffer;
  return buffer;
}

// A view of `text` in the wasm heap, valid until the next call into the module: the JS side
// decodes it at once, then calls release_result().
val result_view(std::string text) {
  std::string& kept = result_buffer();
  kept = std::move(text);
  return val(emscripten::typed_memory_view(kept.size(), reinterpret_cast<const unsigned char*>(kept.data())));
}

/// Frees the last result.
void release_result() { std::string().swap(result_buffer()); }

val error_result(const storydiff::Error& error) {
  val out = val::object();
  out.set("error", storydiff::to_json(error));
  return out;
}

// JS numbers are doubles; size_t is 32 bits in wasm. The wrapper keeps max_bytes in range.
std::size_t to_size(double bytes) {
  if (!(bytes > 0)) return 0;
  if (bytes >= static_cast<double>(SIZE_MAX)) return SIZE_MAX;
  return static_cast<std::size_t>(bytes);
}

Expected<ReadOptions> read_options(const std::string& format, double max_bytes, bool replace_invalid_utf8) {
  auto parsed = storydiff::parse_format(format);
  if (!parsed) return parsed.error();
  ReadOptions options;
  options.format = *parsed;
  options.max_bytes = to_size(max_bytes);
  options.replace_invalid_utf8 = replace_invalid_utf8;
  return options;
}


/// Reads `documents` ([{bytes, name, format}], in order) and compares them: what the CLI does.
/// Returns {error: JSON} or {differ, output}, where `output` (a heap view, see result_view) is
/// by `kind` the JSON without the CLI's final newline ("json"), or the CLI's text or HTML
/// rendering ("text", "html").
val compare_documents(const val& documents, const std::string& options_json, double max_bytes,
                      bool replace_invalid_utf8, const std::string& kind, int indent, bool color,
                      bool show_unchanged) {
  // The engine's order of checks: options first, then each document in turn.
  auto options = storydiff::options_from_json(options_json);
  if (!options) return error_result(options.error());
  std::vector<Document> docs;
  const auto count = documents["length"].as<std::size_t>();
  docs.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    const val input = documents[k];
    auto read = read_options(input["format"].as<std::string>(), max_bytes, replace_invalid_utf8);
    if (!read) return error_result(read.error());
    auto doc = storydiff::read_document(bytes_of(input["bytes"]), input["name"].as<std::string>(), *read);
    if (!doc) return error_result(doc.error());
    docs.push_back(std::move(doc).value());
  }
  auto result = storydiff::compare(std::move(docs), *options);
  if (!result) return error_result(result.error());
  const Comparison& c = *result;
  val out = val::object();
  out.set("differ", differs(c));
#if STORYDIFF_WASM_CLI
  if (kind == "text") {
    out.set("output", result_view(storydiff::cli::render_text(c, color, show_unchanged)));
    return out;
  }
  if (kind == "html") {
    out.set("output", result_view(storydiff::cli::render_html(c)));
    return out;
  }
#else
  (void)kind, (void)color, (void)show_unchanged;
#endif
  out.set("output", result_view(storydiff::to_json(c, indent)));
  return out;
}

/// read_document, serialised by the engine's one serializer. The public API has no
/// to_json(Document), so the document travels as the only one of an otherwise empty Comparison
/// (the wrapper keeps documents[0] and warnings, and drops the rest). Returns a heap view.
val read_json(const val& bytes, const std::string& name, const std::string& format, double max_bytes,
              bool replace_invalid_utf8) {
  auto options = read_options(format, max_bytes, replace_invalid_utf8);
  if (!options) return result_view(storydiff::to_json(options.error()));
  auto doc = storydiff::read_document(bytes_of(bytes), name, *options);
  if (!doc) return result_view(storydiff::to_json(doc.error()));
  Comparison holder;
  holder.warnings = doc->warnings;
  holder.documents.push_back(std::move(doc).value());
  return result_view(storydiff::to_json(holder));
}

/// The options with defaults filled in, as JSON, or the error (unknown key, wrong type, range).
std::string options_json(const std::string& json) {
  auto options = storydiff::options_from_json(json);
  if (!options) return storydiff::to_json(options.error());
  return storydiff::to_json(*options);
}

/// The engine's version, "MAJOR.MINOR.PATCH".
std::string engine_version() { return std::string(storydiff::kVersion); }

#if STORYDIFF_WASM_CLI
/// The CLI's arguments (without the program name) through the native CLI's parse_args: {error}
/// or the CliOptions' fields, with the engine options as JSON text.
val cli_parse(const val& args) {
  using storydiff::cli::ColorMode;
  using storydiff::cli::OutputFormat;
  std::vector<std::string> strings{"storydiff"};
  for (auto& s : emscripten::vecFromJSArray<std::string>(args)) strings.push_back(std::move(s));
  std::vector<const char*> argv;
  for (const auto& s : strings) argv.push_back(s.c_str());
  auto parsed = storydiff::cli::parse_args(static_cast<int>(argv.size()), argv.data());
  if (!parsed) return error_result(parsed.error());
  const storydiff::cli::CliOptions& o = *parsed;
  val out = val::object();
  out.set("files", val::array(o.files));
  out.set("output", std::string(o.output == OutputFormat::json ? "json" : o.output == OutputFormat::html ? "html" : "text"));
  out.set("color", std::string(o.color == ColorMode::always ? "always" : o.color == ColorMode::never ? "never" : "auto"));
  out.set("format", std::string(storydiff::format_name(o.read.format)));
  out.set("max_bytes", static_cast<double>(o.read.max_bytes));
  out.set("replace_invalid_utf8", o.read.replace_invalid_utf8);
  out.set("options", storydiff::to_json(o.compare));
  out.set("output_file", o.output_file);
  out.set("indent", o.indent);
  out.set("show_unchanged", o.show_unchanged);
  out.set("brief", o.brief);
  out.set("help", o.help);
  out.set("version", o.version);
  return out;
}

/// The native CLI's --help text.
std::string cli_usage() { return storydiff::cli::usage(); }
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(storydiff) {
  emscripten::function("compare_documents", &compare_documents);
  emscripten::function("read_json", &read_json);
  emscripten::function("release_result", &release_result);
  emscripten::function("options_json", &options_json);
  emscripten::function("engine_version", &engine_version);
#if STORYDIFF_WASM_CLI
  emscripten::function("cli_parse", &cli_parse);
  emscripten::function("cli_usage", &cli_usage);
#endif
}
