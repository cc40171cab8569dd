#include "options.h"

#include <cerrno>
#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace storydiff::cli {

namespace {

Error bad(std::string message) { return Error{ErrorCode::bad_option, std::move(message)}; }

// "64M", "10MB", "1G", "5000" -> bytes; 0 on a malformed size.
std::size_t parse_size(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t k = 0, value = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') {
    if (value > (SIZE_MAX - 9) / 10) return 0;
    value = value * 10 + static_cast<std::size_t>(s[k++] - '0');
  }
  if (k == 0) return 0;
  std::string unit(s.substr(k));
  for (auto& c : unit) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  std::size_t mult = 1;
  if (unit.empty() || unit == "B") mult = 1;
  else if (unit == "K" || unit == "KB" || unit == "KIB") mult = 1024;
  else if (unit == "M" || unit == "MB" || unit == "MIB") mult = 1024 * 1024;
  else if (unit == "G" || unit == "GB" || unit == "GIB") mult = 1024ull * 1024 * 1024;
  else return 0;
  return value > SIZE_MAX / mult ? 0 : value * mult;
}

}  // namespace

std::string usage() {
  return R"(usage: storydiff [options] OLD NEW
       storydiff [options] DOC1 DOC2 DOC3 [...]    (up to 20 documents)

Compare two versions of a story (or two outlets' stories) claim by claim: which sentences
were added, removed, reworded or moved, and what changed inside them. With three or more
documents (outlets), group their sentences into claims: which claims every document carries,
which only one does, and how each words them. Any one file may be '-' for standard input. Formats: .txt, .md, .html, and article files (headline, YYYYMMDD date and
URL lines, then the body).

Output:
  -f, --format FMT         text (default), json or html (a self-contained report)
  -o, --output FILE        write to FILE instead of standard output
      --pretty             indent JSON output
      --color[=WHEN]       never, always or auto (default: on a terminal, unless NO_COLOR)
  -a, --all                text: also print unchanged claims
  -q, --brief              print nothing; report only through the exit code

Comparison:
  -t, --threshold X        similarity (0..1] for a reworded claim to match (default 0.25)
  -i, --ignore-case        case-only differences are no change
  -p, --ignore-punctuation punctuation-only differences are no change
      --no-moves           do not flag moved claims
      --no-splits          do not look for split or merged sentences
  -g, --granularity G      sentence (default) or word: word adds the whole-document word
                           diff ("edits" in JSON; the text output shows it in wdiff style)

Input:
      --input-format FMT   auto (default: by extension, then content), text, markdown, html,
                           article
      --max-size SIZE      refuse inputs larger than SIZE (default 64M; K, M, G suffixes)
      --replace-invalid    replace invalid UTF-8 by U+FFFD (with a warning) instead of failing

  -h, --help               show this help
  -V, --version            show the version

Exit status: 0 if the documents carry the same claims in the same order (same words), 1 if
they differ, 2 on trouble (a message on standard error).
)";
}

Expected<CliOptions> parse_args(int argc, const char* const* argv) {
  CliOptions o;
  bool only_files = false;
  for (int k = 1; k < argc; ++k) {
    std::string arg = argv[k];
    std::string value;
    bool has_inline = false;
    if (!only_files && arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg.resize(eq);
        has_inline = true;
      }
    }
    auto next = [&](std::string& out) -> bool {
      if (has_inline) { out = value; return true; }
      if (k + 1 >= argc) return false;
      out = argv[++k];
      return true;
    };
    auto needs = [&](const std::string& name) { return bad("option " + name + " needs a value"); };
    if (only_files || arg == "-" || arg.empty() || arg[0] != '-') {
      o.files.push_back(arg);
    } else if (arg == "--") {
      only_files = true;
    } else if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "-V" || arg == "--version") {
      o.version = true;
    } else if (arg == "-f" || arg == "--format") {
      std::string v;
      if (!next(v)) return needs(arg);
      if (v == "text") o.output = OutputFormat::text;
      else if (v == "json") o.output = OutputFormat::json;
      else if (v == "html") o.output = OutputFormat::html;
      else return bad("unknown output format '" + v + "' (expected text, json or html)");
    } else if (arg == "-o" || arg == "--output") {
      if (!next(o.output_file)) return needs(arg);
    } else if (arg == "--pretty") {
      o.indent = 2;
    } else if (arg == "--color" || arg == "--colour") {
      std::string v = "always";
      if (has_inline) v = value;
      if (v == "always") o.color = ColorMode::always;
      else if (v == "never") o.color = ColorMode::never;
      else if (v == "auto") o.color = ColorMode::automatic;
      else return bad("--color takes never, always or auto, not '" + v + "'");
    } else if (arg == "-a" || arg == "--all") {
      o.show_unchanged = true;
    } else if (arg == "-q" || arg == "--brief") {
      o.brief = true;
    } else if (arg == "-t" || arg == "--threshold") {
      std::string v;
      if (!next(v)) return needs(arg);
      char* end = nullptr;
      errno = 0;
      const double x = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || errno != 0) return bad("--threshold takes a number, not '" + v + "'");
      o.compare.threshold = x;
    } else if (arg == "-i" || arg == "--ignore-case") {
      o.compare.ignore_case = true;
    } else if (arg == "-p" || arg == "--ignore-punctuation") {
      o.compare.ignore_punctuation = true;
    } else if (arg == "--no-moves") {
      o.compare.detect_moves = false;
    } else if (arg == "--no-splits") {
      o.compare.detect_splits = false;
    } else if (arg == "-g" || arg == "--granularity") {
      std::string v;
      if (!next(v)) return needs(arg);
      if (v == "sentence") o.compare.granularity = Granularity::sentence;
      else if (v == "word") o.compare.granularity = Granularity::word;
      else return bad("--granularity takes sentence or word, not '" + v + "'");
    } else if (arg == "--input-format") {
      std::string v;
      if (!next(v)) return needs(arg);
      auto f = parse_format(v);
      if (!f) return f.error();
      o.read.format = *f;
    } else if (arg == "--max-size") {
      std::string v;
      if (!next(v)) return needs(arg);
      o.read.max_bytes = parse_size(v);
      if (o.read.max_bytes == 0) return bad("--max-size takes a size such as 64M, not '" + v + "'");
    } else if (arg == "--replace-invalid") {
      o.read.replace_invalid_utf8 = true;
    } else {
      return bad("unknown option '" + arg + "' (see storydiff --help)");
    }
  }
  if (o.help || o.version) return o;
  if (o.files.size() < 2) return bad("two files to compare are needed: storydiff OLD NEW");
  if (o.files.size() > kMaxDocuments)
    return bad("too many files: at most " + std::to_string(kMaxDocuments) + " documents at once");
  if (std::count(o.files.begin(), o.files.end(), "-") > 1) return bad("only one document can be standard input");
  if (auto v = validate(o.compare); !v) return std::move(v).error();
  return o;
}

}  // namespace storydiff::cli
