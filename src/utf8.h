// UTF-8 decoding and character classes shared by the reader, segmenter and tokenizer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace storydiff::detail {

/// Decodes the code point at s[i] of valid UTF-8; sets `len` to its byte length (1..4).
/// On a malformed sequence returns U+FFFD with len 1 (callers validate first).
inline char32_t decode_at(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  const auto c0 = static_cast<unsigned char>(s[i]);
  if (c0 < 0x80) { len = 1; return c0; }
  auto cont = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? (static_cast<unsigned char>(s[i + k]) & 0x3Fu) : 0u;
  };
  if ((c0 & 0xE0) == 0xC0 && i + 1 < s.size()) { len = 2; return ((c0 & 0x1Fu) << 6) | cont(1); }
  if ((c0 & 0xF0) == 0xE0 && i + 2 < s.size()) {
    len = 3;
    return ((c0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
  }
  if ((c0 & 0xF8) == 0xF0 && i + 3 < s.size()) {
    len = 4;
    return ((c0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  }
  len = 1;
  return 0xFFFD;
}

/// Decodes the code point that ends just before s[i] (i > 0); sets `len` to its byte length.
inline char32_t decode_before(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  std::size_t j = i - 1;
  while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  std::size_t n = 0;
  const char32_t cp = decode_at(s, j, n);
  len = i - j;
  return cp;
}

/// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms, surrogates
/// and code points above U+10FFFF are ill-formed), or std::string_view::npos when all is valid.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// True at the start of a code point (not a continuation byte).
inline bool is_boundary(std::string_view s, std::size_t i) noexcept {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

// The character classes below answer ASCII from a table, inline (the tokenizer asks them for
// every character of every document); the rest of Unicode goes to the out-of-line *_beyond_ascii.
enum AsciiClass : std::uint8_t { kAsciiSpace = 1, kAsciiPunct = 2 };

constexpr std::uint8_t ascii_class(unsigned c) noexcept {
  if (c == ' ' || (c >= '\t' && c <= '\r')) return kAsciiSpace;
  if ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
      (c >= 0x7B && c <= 0x7E))
    return kAsciiPunct;
  return 0;  // letters, digits and the other control characters are word characters
}

constexpr std::array<std::uint8_t, 128> ascii_class_table() noexcept {
  std::array<std::uint8_t, 128> t{};
  for (unsigned c = 0; c < 128; ++c) t[c] = ascii_class(c);
  return t;
}

inline constexpr std::array<std::uint8_t, 128> kAsciiClass = ascii_class_table();

bool is_space_beyond_ascii(char32_t cp) noexcept;
bool is_cjk_beyond_ascii(char32_t cp) noexcept;
bool is_punct_beyond_ascii(char32_t cp) noexcept;
bool is_mark_beyond_ascii(char32_t cp) noexcept;

/// White space, including no-break and ideographic spaces and line/paragraph separators.
inline bool is_space(char32_t cp) noexcept {
  return cp < 0x80 ? (kAsciiClass[cp] & kAsciiSpace) != 0 : is_space_beyond_ascii(cp);
}

/// Han ideographs, kana, Hangul syllables and other scripts written without spaces whose
/// characters stand as words on their own.
inline bool is_cjk(char32_t cp) noexcept { return cp >= 0x3040 && is_cjk_beyond_ascii(cp); }

/// Punctuation and symbols (ASCII and the common Unicode ones: quotes, dashes, ellipsis,
/// CJK punctuation, currency); not apostrophes inside words (the tokenizer decides those).
inline bool is_punct(char32_t cp) noexcept {
  return cp < 0x80 ? (kAsciiClass[cp] & kAsciiPunct) != 0 : is_punct_beyond_ascii(cp);
}

/// Combining marks and format characters (zero-width joiners, variation selectors) that belong
/// to the preceding character.
inline bool is_mark(char32_t cp) noexcept { return cp >= 0x0300 && is_mark_beyond_ascii(cp); }

/// ASCII digit.
inline bool is_digit(char32_t cp) noexcept { return cp >= '0' && cp <= '9'; }

/// A character that is part of a word: anything not space, punctuation or CJK.
inline bool is_word_char(char32_t cp) noexcept {
  if (cp < 0x80) return kAsciiClass[cp] == 0;
  return !is_space_beyond_ascii(cp) && !is_punct_beyond_ascii(cp) && !is_cjk(cp);
}

/// Simple lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
char32_t to_lower(char32_t cp) noexcept;

/// True for an uppercase letter in the ranges to_lower handles.
bool is_upper(char32_t cp) noexcept;

}  // namespace storydiff::detail
