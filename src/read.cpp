// Reading: bytes in, a segmented Document out. Decoding (size, UTF-16, NUL, UTF-8, BOM, line
// ends) happens first and in that order, so that error offsets name bytes of the input; then
// the format is chosen and the text extracted; then the segmenter cuts the claims.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "html.h"
#include "markdown.h"
#include "storydiff/document.h"
#include "utf8.h"

namespace storydiff {
namespace {

constexpr std::size_t npos = std::string_view::npos;

char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view trim_spaces(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The line of LF text that starts at `start`, without its '\n'; `next` gets where the following
// line starts (text.size() + 1 after the last line, which then reads as empty).
std::string_view line_at(std::string_view text, std::size_t start, std::size_t& next) noexcept {
  if (start > text.size()) {
    next = start;
    return {};
  }
  std::size_t e = text.find('\n', start);
  if (e == npos) e = text.size();
  next = e + 1;
  return text.substr(start, e - start);
}

// The length of the ill-formed sequence at p[i] that one U+FFFD replaces: its maximal subpart
// (the longest prefix of a well-formed sequence), at least one byte, as the Unicode Standard
// and the WHATWG decoder recommend.
std::size_t bad_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned c = byte(i);
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  std::size_t k = 1;
  if (i + 1 < s.size() && byte(i + 1) >= lo && byte(i + 1) <= hi) {
    k = 2;
    while (k < len && i + k < s.size() && (byte(i + k) & 0xC0) == 0x80) ++k;
  }
  return k;
}

// Replaces every ill-formed sequence by U+FFFD; `count` gets how many, `first` the first's offset.
std::string replace_invalid_utf8(std::string_view s, std::size_t& count, std::size_t& first) {
  std::string out;
  out.reserve(s.size() + 16);
  count = 0;
  first = npos;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t bad = detail::find_invalid_utf8(s.substr(i));
    if (bad == npos) {
      out.append(s.data() + i, s.size() - i);
      break;
    }
    out.append(s.data() + i, bad);
    if (count++ == 0) first = i + bad;
    out += "\xEF\xBF\xBD";
    i += bad + bad_sequence_length(s, i + bad);
  }
  return out;
}

// Decodes UTF-16 (after its byte-order mark) to UTF-8. Unpaired surrogates and a dangling odd
// byte are errors, or U+FFFD with `replace`; U+0000 means a binary file.
Expected<std::string> utf16_to_utf8(std::string_view bytes, bool big_endian,
                                    const std::string& name, bool replace,
                                    std::vector<std::string>& warnings) {
  const char* label = big_endian ? "UTF-16BE" : "UTF-16LE";
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::size_t replaced = 0, first_bad = 0;
  auto unit = [&](std::size_t k) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[k]);
    const auto b = static_cast<unsigned char>(bytes[k + 1]);
    return big_endian ? (static_cast<std::uint32_t>(a) << 8 | b)
                      : (static_cast<std::uint32_t>(b) << 8 | a);
  };
  // With `replace`, writes U+FFFD for the bad unit at `at` and returns true.
  auto repaired = [&](std::size_t at) -> bool {
    if (!replace) return false;
    if (replaced++ == 0) first_bad = at;
    detail::append_utf8(out, 0xFFFD);
    return true;
  };
  std::size_t k = 2;  // past the BOM
  while (k < bytes.size()) {
    if (k + 1 >= bytes.size()) {
      if (!repaired(k))
        return Error{ErrorCode::invalid_utf8, name + ": invalid " + label + " at byte " +
                                                  std::to_string(k) + " (odd number of bytes)"};
      break;
    }
    const std::uint32_t u = unit(k);
    if (u == 0)
      return Error{ErrorCode::binary_input,
                   name + ": looks binary (NUL character at offset " + std::to_string(k) + ")"};
    if (u >= 0xD800 && u <= 0xDBFF && k + 3 < bytes.size()) {
      const std::uint32_t low = unit(k + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        detail::append_utf8(out, static_cast<char32_t>(0x10000 + ((u - 0xD800) << 10) +
                                                       (low - 0xDC00)));
        k += 4;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      if (!repaired(k))
        return Error{ErrorCode::invalid_utf8, name + ": invalid " + label + " at byte " +
                                                  std::to_string(k) + " (unpaired surrogate)"};
      k += 2;
      continue;
    }
    detail::append_utf8(out, static_cast<char32_t>(u));
    k += 2;
  }
  warnings.push_back(name + ": converted from " + label + " to UTF-8");
  if (replaced > 0)
    warnings.push_back(name + ": replaced " + std::to_string(replaced) + " invalid " + label +
                       " sequence" + (replaced == 1 ? "" : "s") + " with U+FFFD (first at byte " +
                       std::to_string(first_bad) + ")");
  return out;
}

// CRLF and lone CR become LF.
std::string normalize_line_ends(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t cr = s.find('\r', i);
    if (cr == npos) {
      out.append(s.data() + i, s.size() - i);
      break;
    }
    out.append(s.data() + i, cr - i);
    out += '\n';
    i = cr + 1;
    if (i < s.size() && s[i] == '\n') ++i;
  }
  return out;
}

// "YYYYMMDD" with a plausible year, month and day.
bool is_date_line(std::string_view line) noexcept {
  line = trim_spaces(line);
  if (line.size() != 8) return false;
  for (const char c : line)
    if (c < '0' || c > '9') return false;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t k = at; k < at + len; ++k) v = v * 10 + (line[k] - '0');
    return v;
  };
  const int year = num(0, 4), month = num(4, 2), day = num(6, 2);
  return year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool is_url_line(std::string_view line) noexcept {
  const std::string l = lower(trim_spaces(line).substr(0, 8));
  return starts_with(l, "http://") || starts_with(l, "https://");
}

// An article file: headline, YYYYMMDD date and http(s) URL on the first three lines.
bool looks_like_article(std::string_view text) noexcept {
  std::size_t next = 0;
  const std::string_view title = line_at(text, 0, next);
  const std::string_view date = line_at(text, next, next);
  const std::string_view url = line_at(text, next, next);
  return !trim_spaces(title).empty() && is_date_line(date) && is_url_line(url);
}

void read_article(Document& d) {
  std::size_t next = 0;
  const std::string_view text = d.text;
  const std::string_view title = line_at(text, 0, next);
  const std::string_view date = line_at(text, next, next);
  const std::string_view url = line_at(text, next, next);
  d.meta.title = std::string(trim_spaces(title));
  d.meta.date = std::string(trim_spaces(date));
  d.meta.url = std::string(trim_spaces(url));
  d.body_start = std::min(next, text.size());
  if (!is_date_line(date))
    d.warnings.push_back(d.name + ": article line 2 is not a YYYYMMDD date");
  if (!is_url_line(url))
    d.warnings.push_back(d.name + ": article line 3 is not an http(s) URL");
}

}  // namespace

std::string_view format_name(Format format) noexcept {
  switch (format) {
    case Format::automatic: return "automatic";
    case Format::text: return "text";
    case Format::markdown: return "markdown";
    case Format::html: return "html";
    case Format::article: return "article";
  }
  return "text";
}

Expected<Format> parse_format(std::string_view name) {
  const std::string n = lower(name);
  if (n == "auto" || n == "automatic") return Format::automatic;
  if (n == "text" || n == "txt" || n == "plain") return Format::text;
  if (n == "markdown" || n == "md") return Format::markdown;
  if (n == "html" || n == "htm" || n == "xhtml") return Format::html;
  if (n == "article") return Format::article;
  return Error{ErrorCode::bad_option,
               "unknown format '" + std::string(name) +
                   "' (expected automatic, text, markdown, html or article)"};
}

Format format_from_name(std::string_view name) noexcept {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != npos) name.remove_prefix(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == npos || dot == 0) return Format::automatic;  // no extension, or a dot file
  const std::string_view ext = name.substr(dot + 1);
  if (ext.size() > 8) return Format::automatic;
  char buf[8];
  for (std::size_t k = 0; k < ext.size(); ++k) buf[k] = ascii_lower(ext[k]);
  const std::string_view e(buf, ext.size());
  if (e == "txt" || e == "text") return Format::text;
  if (e == "md" || e == "markdown") return Format::markdown;
  if (e == "html" || e == "htm" || e == "xhtml") return Format::html;
  if (e == "article") return Format::article;
  return Format::automatic;
}

Expected<Document> read_document(std::string_view bytes, std::string name,
                                 const ReadOptions& options) {
  // Offsets are 32-bit in the segmentation, so no limit can go past that.
  const std::size_t limit =
      std::min<std::size_t>(options.max_bytes, std::numeric_limits<std::uint32_t>::max());
  if (bytes.size() > limit)
    return Error{ErrorCode::input_too_large, name + ": input is " + std::to_string(bytes.size()) +
                                                 " bytes, more than the limit of " +
                                                 std::to_string(limit) + " bytes"};

  Document d;
  d.name = std::move(name);
  std::string utf8;
  std::string_view input = bytes;  // the UTF-8 bytes to read, BOM included
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };

  if (bytes.size() >= 4 && ((byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) ||
                            (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF)))
    return Error{ErrorCode::unsupported_format,
                 d.name + ": UTF-32 text is not supported (convert it to UTF-8)"};
  if (bytes.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) ||
                            (byte(0) == 0xFE && byte(1) == 0xFF))) {
    auto converted = utf16_to_utf8(bytes, byte(0) == 0xFE, d.name, options.replace_invalid_utf8,
                                   d.warnings);
    if (!converted) return std::move(converted).error();
    utf8 = std::move(converted.value());
    input = utf8;
  } else {
    const void* nul = std::memchr(bytes.data(), 0, bytes.size());
    if (nul != nullptr)
      return Error{ErrorCode::binary_input,
                   d.name + ": looks binary (NUL byte at offset " +
                       std::to_string(static_cast<const char*>(nul) - bytes.data()) + ")"};
    const std::size_t bad = detail::find_invalid_utf8(bytes);
    if (bad != npos) {
      if (!options.replace_invalid_utf8)
        return Error{ErrorCode::invalid_utf8,
                     d.name + ": invalid UTF-8 at byte " + std::to_string(bad)};
      std::size_t count = 0, first = 0;
      utf8 = replace_invalid_utf8(bytes, count, first);
      input = utf8;
      d.warnings.push_back(d.name + ": replaced " + std::to_string(count) +
                           " invalid UTF-8 sequence" + (count == 1 ? "" : "s") +
                           " with U+FFFD (first at byte " + std::to_string(first) + ")");
    }
  }
  if (starts_with(input, "\xEF\xBB\xBF")) input.remove_prefix(3);
  std::string text = normalize_line_ends(input);
  if (text.size() > std::numeric_limits<std::uint32_t>::max())  // UTF-16 grows by up to half
    return Error{ErrorCode::input_too_large,
                 d.name + ": text is " + std::to_string(text.size()) + " bytes once decoded"};

  Format format = options.format;
  if (format == Format::automatic) {
    format = format_from_name(d.name);
    if (format == Format::automatic || format == Format::text) {
      if (looks_like_article(text)) {
        format = Format::article;
      } else if (detail::looks_like_html(text)) {
        format = Format::html;
      } else {
        format = Format::text;
      }
    }
  }
  d.format = format;

  switch (format) {
    case Format::html: {
      auto page = detail::extract_html(text);
      d.text = std::move(page.text);
      d.meta.title = std::move(page.title);
      if (d.text.empty() && !text.empty())
        d.warnings.push_back(d.name + ": no article text found in the HTML");
      break;
    }
    case Format::markdown: {
      auto md = detail::extract_markdown(text);
      d.text = std::move(md.text);
      d.meta.title = std::move(md.title);
      break;
    }
    case Format::article:
      d.text = std::move(text);
      read_article(d);
      break;
    case Format::automatic:
    case Format::text:
      d.format = Format::text;
      d.text = std::move(text);
      break;
  }

  Segmentation seg = segment(d.text, d.body_start);
  d.paragraphs = std::move(seg.paragraphs);
  d.sentences = std::move(seg.sentences);
  return d;
}

}  // namespace storydiff
