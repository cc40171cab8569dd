// UTF-8 decoding and character classes shared by the reader, segmenter and tokenizer.
#pragma once

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

/// White space, including no-break and ideographic spaces and line/paragraph separators.
bool is_space(char32_t cp) noexcept;

/// Han ideographs, kana, Hangul syllables and other scripts written without spaces whose
/// characters stand as words on their own.
bool is_cjk(char32_t cp) noexcept;

/// Punctuation and symbols (ASCII and the common Unicode ones: quotes, dashes, ellipsis,
/// CJK punctuation, currency); not apostrophes inside words (the tokenizer decides those).
bool is_punct(char32_t cp) noexcept;

/// Combining marks and format characters (zero-width joiners, variation selectors) that belong
/// to the preceding character.
bool is_mark(char32_t cp) noexcept;

/// ASCII digit.
inline bool is_digit(char32_t cp) noexcept { return cp >= '0' && cp <= '9'; }

/// A character that is part of a word: anything not space, punctuation or CJK.
inline bool is_word_char(char32_t cp) noexcept {
  return !is_space(cp) && !is_punct(cp) && !is_cjk(cp);
}

/// Simple lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
char32_t to_lower(char32_t cp) noexcept;

/// True for an uppercase letter in the ranges to_lower handles.
bool is_upper(char32_t cp) noexcept;

}  // namespace storydiff::detail
