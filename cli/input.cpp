#include "input.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace storydiff::cli {

namespace {

Error io(const std::string& path, const std::string& what) {
  return Error{ErrorCode::io_error, path + ": " + what};
}

Error too_large(const std::string& path, std::size_t max_bytes) {
  return Error{ErrorCode::input_too_large,
               path + ": larger than the limit of " + std::to_string(max_bytes) +
                   " bytes (raise it with --max-size)"};
}

}  // namespace

Expected<std::string> read_input(const std::string& path, std::size_t max_bytes) {
  const bool is_stdin = path == "-";
  std::FILE* f = stdin;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, &std::fclose);
  if (!is_stdin) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return io(path, std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return io(path, "is a directory");
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes) return too_large(path, max_bytes);
    f = std::fopen(path.c_str(), "rb");
    if (!f) return io(path, std::strerror(errno));
    owned.reset(f);
  }
  std::string bytes;
  if (!is_stdin) {
    struct stat st {};
    if (::fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size) + 1);
  }
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    bytes.append(buf, n);
    if (bytes.size() > max_bytes) return too_large(is_stdin ? "standard input" : path, max_bytes);
    if (n < sizeof buf) break;
  }
  if (std::ferror(f)) return io(is_stdin ? "standard input" : path, std::strerror(errno));
  return bytes;
}

}  // namespace storydiff::cli
