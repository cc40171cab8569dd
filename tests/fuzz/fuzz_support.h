// Invariant checks shared by the libFuzzer targets. They restate the public contract
// (include/storydiff/*.h) independently of the engine's own helpers, so that a bug in
// src/utf8.cpp cannot hide itself. A broken invariant prints what broke and traps: libFuzzer
// reports it as a crash and saves the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "storydiff/storydiff.h"

namespace storydiff::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "\nfuzz invariant broken: %s (%s:%d)\n", what, file, line);
  std::fflush(stderr);
  __builtin_trap();
}

}  // namespace storydiff::fuzz

/// Traps with the condition's text when it does not hold (also in release builds).
#define FUZZ_CHECK(cond)                                                            \
  do {                                                                              \
    if (!(cond)) ::storydiff::fuzz::fail(#cond, __FILE__, __LINE__);                \
  } while (false)

namespace storydiff::fuzz {

/// Length of the well-formed UTF-8 sequence at s[i], or 0 when it is ill-formed (overlong,
/// surrogate, above U+10FFFF, truncated, stray continuation byte). Table 3-7 of the Unicode
/// Standard, written out again rather than borrowed from src/utf8.cpp.
inline std::size_t utf8_length_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100u;
  };
  const unsigned c = b(0);
  const auto in = [](unsigned x, unsigned lo, unsigned hi) { return x >= lo && x <= hi; };
  if (c < 0x80) return 1;
  if (in(c, 0xC2, 0xDF)) return in(b(1), 0x80, 0xBF) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return in(b(1), lo, hi) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(b(1), lo, hi) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length_at(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

/// Any bytes made into valid UTF-8 with LF line ends: each ill-formed byte becomes '?', CR
/// becomes LF. What segment() and tokenize() require of their input.
inline std::string make_valid_lf(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length_at(s, i);
    if (n == 0) {
      out += '?';
      ++i;
    } else {
      out.append(s.substr(i, n));
      if (n == 1 && out.back() == '\r') out.back() = '\n';
      i += n;
    }
  }
  return out;
}

/// True at a code point boundary of valid UTF-8 text (and at its end).
inline bool boundary(std::string_view s, std::size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

inline char32_t decode(std::string_view s, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (n) {
    case 1: return b(0);
    case 2: return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3: return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default: return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
  }
}

/// The white space that sentences and paragraphs are trimmed of (segment.h): ASCII white space,
/// no-break, ideographic and typographic spaces, line and paragraph separators.
inline bool is_white(char32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

/// The first and the last code point of a non-empty range of valid UTF-8.
inline char32_t first_cp(std::string_view s, std::size_t start) {
  return decode(s, start, utf8_length_at(s, start));
}
inline char32_t last_cp(std::string_view s, std::size_t end) {
  std::size_t j = end - 1;
  while (j > 0 && !boundary(s, j)) --j;
  return decode(s, j, utf8_length_at(s, j));
}

/// A range [start, end) of `text` that is a trimmed, non-empty span on code point boundaries.
inline void check_span(std::string_view text, std::size_t start, std::size_t end) {
  FUZZ_CHECK(start < end);
  FUZZ_CHECK(end <= text.size());
  FUZZ_CHECK(boundary(text, start));
  FUZZ_CHECK(boundary(text, end));
  FUZZ_CHECK(!is_white(first_cp(text, start)));
  FUZZ_CHECK(!is_white(last_cp(text, end)));
}

/// Paragraphs and sentences of text[begin, end): ordered, disjoint, trimmed, on boundaries,
/// every sentence inside its paragraph, paragraphs' sentence ranges contiguous.
inline void check_segmentation(std::string_view text, std::size_t begin,
                               const std::vector<Paragraph>& paragraphs,
                               const std::vector<Sentence>& sentences) {
  std::size_t prev_end = begin;
  for (const Sentence& s : sentences) {
    FUZZ_CHECK(s.start >= prev_end);
    check_span(text, s.start, s.end);
    FUZZ_CHECK(s.paragraph < paragraphs.size());
    const Paragraph& p = paragraphs[s.paragraph];
    FUZZ_CHECK(p.start <= s.start && s.end <= p.end);
    prev_end = s.end;
  }
  prev_end = begin;
  std::uint32_t next_sentence = 0;
  for (std::size_t k = 0; k < paragraphs.size(); ++k) {
    const Paragraph& p = paragraphs[k];
    FUZZ_CHECK(p.start >= prev_end);
    check_span(text, p.start, p.end);
    FUZZ_CHECK(p.sentence_begin == next_sentence);
    FUZZ_CHECK(p.sentence_begin <= p.sentence_end);
    FUZZ_CHECK(p.sentence_end <= sentences.size());
    for (auto i = p.sentence_begin; i < p.sentence_end; ++i) FUZZ_CHECK(sentences[i].paragraph == k);
    next_sentence = p.sentence_end;
    prev_end = p.end;
  }
  FUZZ_CHECK(next_sentence == sentences.size());
}

/// Everything a Document promises (document.h).
inline void check_document(const Document& d) {
  FUZZ_CHECK(d.format != Format::automatic);
  FUZZ_CHECK(valid_utf8(d.text));
  FUZZ_CHECK(d.text.find('\r') == std::string::npos);  // LF line ends
  FUZZ_CHECK(d.text.find('\0') == std::string::npos);
  FUZZ_CHECK(d.body_start <= d.text.size());
  FUZZ_CHECK(boundary(d.text, d.body_start));
  check_segmentation(d.text, d.body_start, d.paragraphs, d.sentences);
  FUZZ_CHECK(valid_utf8(d.meta.title));
  FUZZ_CHECK(valid_utf8(d.meta.date));
  FUZZ_CHECK(valid_utf8(d.meta.url));
}

/// Tokens of text[begin, end): contiguous, non-empty, covering the range exactly, each on code
/// point boundaries; white space only in space tokens.
inline void check_tokens(std::string_view text, std::size_t begin, std::size_t end,
                         const std::vector<Token>& tokens) {
  std::size_t at = begin;
  for (const Token& t : tokens) {
    FUZZ_CHECK(t.start == at);
    FUZZ_CHECK(t.end > t.start);
    FUZZ_CHECK(t.end <= end);
    FUZZ_CHECK(boundary(text, t.end));
    for (std::size_t i = t.start; i < t.end;) {
      const std::size_t n = utf8_length_at(text, i);
      FUZZ_CHECK(n > 0);
      const char32_t cp = decode(text, i, n);
      if (t.kind == TokenKind::space) FUZZ_CHECK(is_white(cp));
      else if (cp < 0x80) FUZZ_CHECK(!is_white(cp));
      i += n;
    }
    at = t.end;
  }
  FUZZ_CHECK(at == end);
}

}  // namespace storydiff::fuzz
