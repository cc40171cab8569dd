// storydiff — the native command-line tool.
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#include <cstdint>
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


// A comparison's memory is mostly fresh: every page of it is a page fault the first time it is
// touched, and on virtual machines a fault costs far more than the work done in the page (19 us
// each on the team's machines: 1,000 faults, a third of a 250 KB word-mode comparison). So, for
// one comparison (not `batch`, whose threads want their own arenas):
// - every block comes from the one heap (no mmap per large block, no per-thread arena, no trim),
//   so that freed memory is reused, not faulted in again;
// - the heap grows 64 MB ahead, and that range is offered to the kernel for transparent huge
//   pages (where THP is "always" or "madvise"): one fault per 2 MB instead of one per 4 KB.
// All of it is advice: where it is not taken, the comparison runs the same, only slower.
void tune_allocator_for_one_comparison() {
#if defined(__GLIBC__)
  constexpr std::size_t kAhead = std::size_t{64} << 20;
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest on 64-bit systems
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kAhead));
  mallopt(M_TOP_PAD, static_cast<int>(kAhead));
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // More than the heap has free: it grows, by the pad too. (Volatile: a malloc whose block is
  // only freed may be left out by the compiler.)
  void* volatile block = std::malloc(std::size_t{1} << 20);
  std::free(block);
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const std::uintptr_t from = (before + kHuge - 1) & ~(kHuge - 1);
  if (before != static_cast<std::uintptr_t>(-1) && after > from + kHuge)
    madvise(reinterpret_cast<void*>(from), (after - from) & ~(kHuge - 1), MADV_HUGEPAGE);
#endif
}

bool write_all(std::FILE* f, const std::string& s) {
  return std::fwrite(s.data(), 1, s.size(), f) == s.size() && std::fflush(f) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace storydiff;
  if (argc > 1 && std::string(argv[1]) == "batch") return cli::run_batch(argc, argv);
  tune_allocator_for_one_comparison();
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
