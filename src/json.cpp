// The only mapping between the result model and JSON.
#include "storydiff/json.h"

#include <nlohmann/json.hpp>

#include "json_string.h"
#include "storydiff/compare.h"
#include "utf8.h"

namespace storydiff {

namespace {

using Json = nlohmann::ordered_json;  // keys keep the order written here: stable output

Json options_json(const Options& o) {
  Json j;
  j["threshold"] = o.threshold;
  j["ignore_case"] = o.ignore_case;
  j["ignore_punctuation"] = o.ignore_punctuation;
  j["detect_splits"] = o.detect_splits;
  j["detect_moves"] = o.detect_moves;
  j["granularity"] = granularity_name(o.granularity);
  return j;
}

std::string dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// Streams JSON in exactly the layout nlohmann's dump(indent) gives, without building a DOM:
// a 10 MB comparison as a DOM costs seconds of allocation and several times the input in memory.
// Scalars are still serialised by nlohmann, so escaping and number formatting are its own.
class Writer {
 public:
  /// Writes into `out`; with a sink, hands `out` over whenever it passes kChunk bytes.
  Writer(std::string& out, int indent, const std::function<void(std::string_view)>* sink = nullptr)
      : out_(out), indent_(indent), sink_(sink) {}

  void flush() {
    if (sink_ && !out_.empty()) {
      (*sink_)(out_);
      out_.clear();
    }
  }

  void begin_object() {
    if (sink_ && out_.size() >= kChunk) flush();
    open('{');
  }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view k) {
    separate();
    scalar_string(k);
    out_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
  }

  void value(std::string_view s) {
    separate();
    scalar_string(s);
  }
  void value(std::uint64_t x) {
    separate();
    out_ += std::to_string(x);
  }
  void value(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void value(double d) {
    separate();
    out_ += Json(d).dump();
  }
  void value(const std::vector<std::uint32_t>& xs) {
    begin_array();
    for (const auto x : xs) value(static_cast<std::uint64_t>(x));
    end_array();
  }

  // key + value in one call.
  template <class T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void scalar_string(std::string_view s) { detail::append_json_string(out_, s); }

  void newline() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent_) * depth_.size(), ' ');
  }

  // Before a value or key: a comma after the previous item, and the pretty line break.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_.empty()) return;
    if (depth_.back()++ > 0) out_ += ',';
    if (indent_ >= 0) newline();
  }

  void open(char c) {
    separate();
    out_ += c;
    depth_.push_back(0);
  }

  void close(char c) {
    const bool empty = depth_.back() == 0;
    depth_.pop_back();
    if (!empty && indent_ >= 0) newline();
    out_ += c;
  }

  static constexpr std::size_t kChunk = 64 * 1024;
  std::string& out_;
  int indent_;
  const std::function<void(std::string_view)>* sink_;
  std::vector<std::size_t> depth_;  // items written so far at each open level
  bool after_key_ = false;
};

void write_options(Writer& w, const Options& o) {
  w.begin_object();
  w.field("threshold", o.threshold);
  w.field("ignore_case", o.ignore_case);
  w.field("ignore_punctuation", o.ignore_punctuation);
  w.field("detect_splits", o.detect_splits);
  w.field("detect_moves", o.detect_moves);
  w.field("granularity", granularity_name(o.granularity));
  w.end_object();
}

void write_document(Writer& w, const Document& d) {
  w.begin_object();
  w.field("name", std::string_view(d.name));
  w.field("format", format_name(d.format));
  w.key("meta");
  w.begin_object();
  w.field("title", std::string_view(d.meta.title));
  w.field("date", std::string_view(d.meta.date));
  w.field("url", std::string_view(d.meta.url));
  w.end_object();
  w.key("sentences");
  w.begin_array();
  const std::string_view text = d.text;
  for (const Sentence& s : d.sentences) {
    w.begin_object();
    w.field("start", std::uint64_t{s.start});
    w.field("end", std::uint64_t{s.end});
    w.field("paragraph", std::uint64_t{s.paragraph});
    w.field("text", text.substr(s.start, s.end - s.start));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_edits(Writer& w, const std::vector<Edit>& edits) {
  w.begin_array();
  for (const Edit& t : edits) {
    w.begin_object();
    w.field("op", edit_op_name(t.op));
    w.field("text", std::string_view(t.text));
    w.end_object();
  }
  w.end_array();
}

void write_entry(Writer& w, const AlignmentEntry& e) {
  w.begin_object();
  w.field("op", op_name(e.op));
  w.field("a", e.a);
  w.field("b", e.b);
  w.field("moved", e.moved);
  w.field("similarity", e.similarity);
  if (e.op == Op::modified) {
    w.key("tokens");
    write_edits(w, e.tokens);
    w.key("callouts");
    w.begin_array();
    for (const Callout& c : e.callouts) {
      w.begin_object();
      w.field("kind", callout_kind_name(c.kind));
      w.field("old", std::string_view(c.old_text));
      w.field("new", std::string_view(c.new_text));
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace

namespace {

void write_claims(Writer& w, const Comparison& c);

void write_comparison(Writer& w, const Comparison& c) {
  w.begin_object();
  w.field("version", static_cast<std::uint64_t>(kResultVersion));
  w.key("options");
  write_options(w, c.options);
  w.key("documents");
  w.begin_array();
  for (const Document& d : c.documents) write_document(w, d);
  w.end_array();
  if (c.documents.size() > 2) {
    write_claims(w, c);
    return;
  }
  w.key("alignment");
  w.begin_array();
  for (const AlignmentEntry& e : c.alignment) write_entry(w, e);
  w.end_array();
  const Stats& s = c.stats;
  w.key("stats");
  w.begin_object();
  w.field("equal", std::uint64_t{s.equal});
  w.field("modified", std::uint64_t{s.modified});
  w.field("added", std::uint64_t{s.added});
  w.field("removed", std::uint64_t{s.removed});
  w.field("moved", std::uint64_t{s.moved});
  w.field("splits", std::uint64_t{s.splits});
  w.field("merges", std::uint64_t{s.merges});
  w.field("old_sentences", std::uint64_t{s.old_sentences});
  w.field("new_sentences", std::uint64_t{s.new_sentences});
  w.field("overlap", s.overlap);
  w.end_object();
  if (c.options.granularity == Granularity::word) {
    w.key("edits");
    write_edits(w, c.edits);
  }
  w.field("approximate", c.approximate);
  w.key("warnings");
  w.begin_array();
  for (const auto& warning : c.warnings) w.value(std::string_view(warning));
  w.end_array();
  w.end_object();
}


// Three or more documents: claims, each document's claim order, the coverage matrix, the claims
// only one document carries, the pairwise overlap, and counts. Ends the top-level object.
void write_claims(Writer& w, const Comparison& c) {
  const std::size_t n = c.documents.size();
  w.key("claims");
  w.begin_array();
  for (const Claim& claim : c.claims) {
    w.begin_object();
    w.field("text", std::string_view(claim.text));
    w.field("representative", std::uint64_t{claim.members[claim.representative].doc});
    w.key("docs");
    w.begin_array();
    for (const auto& m : claim.members) w.value(std::uint64_t{m.doc});
    w.end_array();
    w.key("members");
    w.begin_array();
    for (const auto& m : claim.members) {
      w.begin_object();
      w.field("doc", std::uint64_t{m.doc});
      w.field("sentences", m.sentences);
      w.field("similarity", m.similarity);
      w.key("tokens");
      write_edits(w, m.tokens);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("claim_order");
  w.begin_array();
  for (const auto& order : c.claim_order) w.value(order);
  w.end_array();
  // coverage[claim][doc]: whether the document carries the claim.
  w.key("coverage");
  w.begin_array();
  std::vector<std::vector<std::uint32_t>> unique(n);
  std::uint64_t in_all = 0;
  for (std::size_t k = 0; k < c.claims.size(); ++k) {
    const Claim& claim = c.claims[k];
    std::vector<bool> row(n, false);
    for (const auto& m : claim.members) row[m.doc] = true;
    w.begin_array();
    for (const bool b : row) w.value(b);
    w.end_array();
    if (claim.members.size() == 1) unique[claim.members[0].doc].push_back(static_cast<std::uint32_t>(k));
    if (claim.members.size() == n) ++in_all;
  }
  w.end_array();
  w.key("unique");
  w.begin_array();
  for (const auto& u : unique) w.value(u);
  w.end_array();
  w.key("overlap");
  w.begin_array();
  for (const auto& row : c.overlap) {
    w.begin_array();
    for (const double x : row) w.value(x);
    w.end_array();
  }
  w.end_array();
  std::uint64_t unique_total = 0;
  for (const auto& u : unique) unique_total += u.size();
  w.key("stats");
  w.begin_object();
  w.field("documents", static_cast<std::uint64_t>(n));
  w.field("claims", static_cast<std::uint64_t>(c.claims.size()));
  w.field("in_all", in_all);
  w.field("unique", unique_total);
  w.end_object();
  w.field("approximate", c.approximate);
  w.key("warnings");
  w.begin_array();
  for (const auto& warning : c.warnings) w.value(std::string_view(warning));
  w.end_array();
  w.end_object();
}

}  // namespace

namespace detail {

void append_json_string(std::string& out, std::string_view s) {
  // Text is valid UTF-8 by construction (the reader checks it), but a name given by a caller may
  // not be: nlohmann then replaces the bad bytes as it always has.
  if (find_invalid_utf8(s) != std::string_view::npos) {
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

}  // namespace detail

std::string to_json(const Comparison& c, int indent) {
  // One allocation for the whole output in the common case: each sentence's text once plus about
  // 96 bytes of keys and offsets, each entry about 112 bytes, modified ones their word diff.
  std::size_t estimate = 4096;
  for (const Document& d : c.documents) estimate += d.text.size() + 96 * d.sentences.size();
  for (const AlignmentEntry& e : c.alignment) {
    estimate += 112;
    if (e.op == Op::modified)
      for (const Edit& t : e.tokens) estimate += t.text.size() + 32;
  }
  if (indent >= 0) estimate += estimate / 2;
  std::string out;
  out.reserve(estimate);
  Writer w(out, indent);
  write_comparison(w, c);
  return out;
}

void write_json(const Comparison& c, const std::function<void(std::string_view)>& sink, int indent) {
  std::string buffer;
  buffer.reserve(128 * 1024);
  Writer w(buffer, indent, &sink);
  write_comparison(w, c);
  w.flush();
}

std::string to_json(const Error& e, int indent) {
  return dump(Json{{"error", Json{{"code", error_code_name(e.code)}, {"message", e.message}}}}, indent);
}

std::string to_json(const Options& o, int indent) { return dump(options_json(o), indent); }

Expected<Options> options_from_json(std::string_view text) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Error{ErrorCode::bad_option, "options must be a JSON object"};
  Options o;
  for (const auto& item : j.items()) {
    // Not a structured binding: a lambda may capture one only from C++20 (clang rejects it).
    const std::string& key = item.key();
    const Json& value = item.value();
    auto want_bool = [&](bool& field) -> bool {
      if (!value.is_boolean()) return false;
      field = value.get<bool>();
      return true;
    };
    bool ok = true;
    if (key == "threshold") {
      ok = value.is_number();
      if (ok) o.threshold = value.get<double>();
    } else if (key == "ignore_case") {
      ok = want_bool(o.ignore_case);
    } else if (key == "ignore_punctuation") {
      ok = want_bool(o.ignore_punctuation);
    } else if (key == "detect_splits") {
      ok = want_bool(o.detect_splits);
    } else if (key == "detect_moves") {
      ok = want_bool(o.detect_moves);
    } else if (key == "granularity") {
      ok = value.is_string();
      if (ok) {
        const auto g = value.get<std::string>();
        if (g == "sentence") o.granularity = Granularity::sentence;
        else if (g == "word") o.granularity = Granularity::word;
        else return Error{ErrorCode::bad_option, "option 'granularity' must be \"sentence\" or \"word\", not \"" + g + "\""};
      }
    } else {
      return Error{ErrorCode::bad_option, "unknown option '" + key + "'"};
    }
    if (!ok) return Error{ErrorCode::bad_option, "option '" + key + "' has the wrong type"};
  }
  if (auto v = validate(o); !v) return std::move(v).error();
  return o;
}

}  // namespace storydiff
