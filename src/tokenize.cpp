// The tokenizer: every byte of a range lands in exactly one token.
#include <vector>

#include "storydiff/segment.h"
#include "utf8.h"

namespace storydiff {

namespace {

using detail::decode_at;

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }
bool is_hyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool is_regional_indicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }
constexpr char32_t kZeroWidthJoiner = 0x200D;

}  // namespace

void tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out) {
  if (end > text.size()) end = text.size();
  std::size_t i = begin;
  auto push = [&](std::size_t s, std::size_t e, TokenKind k) {
    out.push_back(Token{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e), k});
  };
  // Swallows combining marks and format characters after position j; a zero-width joiner also
  // takes the character it joins, so an emoji ZWJ sequence (👩‍🚒, 👨‍👩‍👧) stays one token.
  auto skip_marks = [&](std::size_t j) {
    while (j < end) {
      std::size_t len = 0;
      const char32_t cp = decode_at(text, j, len);
      if (!detail::is_mark(cp)) break;
      j += len;
      if (cp == kZeroWidthJoiner && j < end) {
        const char32_t next = decode_at(text, j, len);
        if (detail::is_punct(next)) j += len;  // emoji and symbols such as ♀ are punct
      }
    }
    return j;
  };
  while (i < end) {
    std::size_t len = 0;
    const char32_t cp = decode_at(text, i, len);
    const std::size_t start = i;
    if (detail::is_space(cp)) {
      i += len;
      while (i < end) {
        const char32_t c = decode_at(text, i, len);
        if (!detail::is_space(c)) break;
        i += len;
      }
      push(start, i, TokenKind::space);
    } else if (detail::is_cjk(cp)) {
      push(start, skip_marks(i + len), TokenKind::word);
      i = out.back().end;
    } else if (detail::is_punct(cp) || detail::is_mark(cp)) {
      i += len;
      // A flag is a pair of regional indicators: 🇺🇦 is one token.
      if (is_regional_indicator(cp) && i < end) {
        std::size_t nlen = 0;
        if (is_regional_indicator(decode_at(text, i, nlen))) i += nlen;
      }
      i = skip_marks(i);
      push(start, i, TokenKind::punct);
    } else {
      // A word or number: word characters, with apostrophes and hyphens between word characters,
      // '.' or ',' between digits, and '.' after a single letter before another ("U.S", "e.g":
      // the final period stays punctuation, as it may also end the sentence).
      bool all_digits = true;
      char32_t prev = 0;
      std::size_t segment = 0;  // letters since the start of the word or the last '.'
      while (i < end) {
        const char32_t c = decode_at(text, i, len);
        if (detail::is_mark(c)) { i += len; continue; }
        if (detail::is_word_char(c)) {
          if (!detail::is_digit(c)) all_digits = false;
          prev = c;
          ++segment;
          i += len;
          continue;
        }
        const bool connector = is_apostrophe(c) || is_hyphen(c) || c == '.' || c == ',';
        if (!connector || i + len >= end) break;
        std::size_t nlen = 0;
        const char32_t next = decode_at(text, i + len, nlen);
        if (!detail::is_word_char(next) || detail::is_mark(next)) break;
        if (c == '.' || c == ',') {
          const bool decimal = detail::is_digit(prev) && detail::is_digit(next);
          const bool acronym = c == '.' && segment == 1 && !detail::is_digit(prev) &&
                               !detail::is_digit(next);
          if (!decimal && !acronym) break;
        }
        if (!detail::is_digit(c)) all_digits = all_digits && (c == '.' || c == ',');
        prev = c;
        segment = 0;
        i += len;
      }
      push(start, i, all_digits ? TokenKind::number : TokenKind::word);
    }
  }
}

}  // namespace storydiff
