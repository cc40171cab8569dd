// storydiff — the native command-line tool.
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <string>

#include "batch.h"
#include "input.h"
#include "options.h"
#include "render.h"
#include "storydiff/storydiff.h"

namespace {

// diff's exit codes.
constexpr int kSame = 0;
constexpr int kDifferent = 1;
constexpr int kTrouble = 2;

int fail(const storydiff::Error& e) {
  std::fprintf(stderr, "storydiff: %s\n", e.message.c_str());
  return kTrouble;
}

bool use_color(storydiff::cli::ColorMode mode, bool to_terminal) {
  using storydiff::cli::ColorMode;
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return to_terminal;
}


// glibc returns every block over 128 KB to the system when it is freed, and the next one comes
// back as fresh zero pages, each a page fault: the engine's large scratch vectors (token arrays,
// diff rows) would fault in again and again. Keeping them in the heap saves a fifth of the page
// faults of a word-mode comparison.
void tune_allocator() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

bool write_all(std::FILE* f, const std::string& s) {
  return std::fwrite(s.data(), 1, s.size(), f) == s.size() && std::fflush(f) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace storydiff;
  tune_allocator();
  if (argc > 1 && std::string(argv[1]) == "batch") return cli::run_batch(argc, argv);
  auto parsed = cli::parse_args(argc, argv);
  if (!parsed) return fail(parsed.error());
  const cli::CliOptions& opt = *parsed;
  if (opt.help) {
    std::fputs(cli::usage().c_str(), stdout);
    return kSame;
  }
  if (opt.version) {
    std::printf("storydiff %.*s\n", static_cast<int>(kVersion.size()), kVersion.data());
    return kSame;
  }

  std::vector<Document> docs;
  for (const std::string& path : opt.files) {
    auto bytes = cli::read_input(path, opt.read.max_bytes);
    if (!bytes) return fail(bytes.error());
    auto doc = read_document(*bytes, path, opt.read);
    if (!doc) return fail(doc.error());
    docs.push_back(std::move(doc).value());
  }
  auto result = compare(std::move(docs), opt.compare);
  if (!result) return fail(result.error());
  const Comparison& c = *result;
  const bool differ = differs(c);
  if (opt.brief) return differ ? kDifferent : kSame;

  std::FILE* out = stdout;
  if (!opt.output_file.empty()) {
    out = std::fopen(opt.output_file.c_str(), "wb");
    if (!out) return fail(Error{ErrorCode::io_error, opt.output_file + ": cannot write"});
  }
  std::string text;
  bool ok = true;
  switch (opt.output) {
    case cli::OutputFormat::json:
      // Streamed: a 10 MB comparison's JSON is never held whole in memory.
      write_json(c, [&](std::string_view chunk) { ok = ok && std::fwrite(chunk.data(), 1, chunk.size(), out) == chunk.size(); },
                 opt.indent);
      text = "\n";
      break;
    case cli::OutputFormat::html: text = cli::render_html(c); break;
    case cli::OutputFormat::text:
      text = cli::render_text(c, use_color(opt.color, out == stdout && isatty(STDOUT_FILENO)), opt.show_unchanged);
      break;
  }
  ok = write_all(out, text) && ok;
  if (out != stdout) std::fclose(out);
  if (!ok) return fail(Error{ErrorCode::io_error, (opt.output_file.empty() ? "standard output" : opt.output_file) + ": write failed"});
  // The output is flushed; the comparison's many vectors and strings need not be freed one by
  // one (a tenth of the run on a small comparison): exit now, as the system frees it all.
  std::fflush(stdout);
  std::exit(differ ? kDifferent : kSame);
}
