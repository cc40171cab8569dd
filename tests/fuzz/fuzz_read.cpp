// fuzz_read: read_document over every Format, with and without replace_invalid_utf8.
// Input: any bytes, read as a file would be.
#include "fuzz_support.h"

using namespace storydiff;
using storydiff::fuzz::check_document;

namespace {

constexpr Format kFormats[] = {Format::automatic, Format::text, Format::markdown, Format::html,
                               Format::article};

bool has_utf16_bom(std::string_view s) {
  return s.size() >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const Format format : kFormats) {
    bool strict_failed_on_utf8 = false;
    for (const bool replace : {false, true}) {
      ReadOptions options;
      options.format = format;
      options.replace_invalid_utf8 = replace;
      // No extension: the automatic format sniffs the content.
      auto doc = read_document(bytes, "input", options);
      if (!doc) {
        const ErrorCode code = doc.error().code;
        FUZZ_CHECK(!doc.error().message.empty());
        FUZZ_CHECK(doc.error().message.find('\n') == std::string::npos);  // one line for the CLI
        FUZZ_CHECK(code == ErrorCode::invalid_utf8 || code == ErrorCode::binary_input ||
                   code == ErrorCode::unsupported_format);
        // Repairing removes every encoding error; NUL and UTF-32 stay errors.
        if (replace) FUZZ_CHECK(code != ErrorCode::invalid_utf8);
        if (code == ErrorCode::invalid_utf8) strict_failed_on_utf8 = true;
        continue;
      }
      // Without repair a success means the input was valid; with it, a strict failure on UTF-8
      // means it was not and a warning says so.
      if (replace && strict_failed_on_utf8) FUZZ_CHECK(!doc->warnings.empty());
      const Document& d = *doc;
      check_document(d);
      if (format != Format::automatic) FUZZ_CHECK(d.format == format);
      // The contract the CLI's users rely on: for plain UTF-8 with LF ends and no BOM, the text
      // is the input, byte for byte, so offsets index the file.
      if (d.format == Format::text && !has_utf16_bom(bytes) && fuzz::valid_utf8(bytes) &&
          bytes.find('\r') == std::string_view::npos && bytes.substr(0, 3) != "\xEF\xBB\xBF")
        FUZZ_CHECK(d.text == bytes);
      if (!replace && !has_utf16_bom(bytes)) FUZZ_CHECK(fuzz::valid_utf8(bytes));
    }
  }
  // The size limit comes first, whatever the bytes.
  if (size > 0) {
    ReadOptions small;
    small.max_bytes = size - 1;
    auto doc = read_document(bytes, "input", small);
    FUZZ_CHECK(!doc && doc.error().code == ErrorCode::input_too_large);
  }
  return 0;
}
