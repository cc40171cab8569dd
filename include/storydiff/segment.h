// storydiff — paragraphs, sentences and tokens, each with UTF-8 byte offsets.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace storydiff {

/// A paragraph: a block of text separated from its neighbours by a blank line or a line break
/// that ends a block (headlines, one-paragraph-per-line articles). Offsets are UTF-8 byte offsets
/// into the document text; [start, end) has no leading or trailing white space.
struct Paragraph {
  std::uint32_t start = 0;           ///< first byte
  std::uint32_t end = 0;             ///< one past the last byte
  std::uint32_t sentence_begin = 0;  ///< index of its first sentence
  std::uint32_t sentence_end = 0;    ///< one past the index of its last sentence
};

/// A sentence ("claim"): [start, end) covers its text, trimmed of surrounding white space.
struct Sentence {
  std::uint32_t start = 0;      ///< first byte
  std::uint32_t end = 0;        ///< one past the last byte
  std::uint32_t paragraph = 0;  ///< index of the paragraph it belongs to
};

/// What kind of text a token is.
enum class TokenKind : std::uint8_t {
  word,    ///< letters (any script), with inner apostrophes, hyphens and initials' periods:
           ///< "don't", "well-known", "U.S" (a final period stays punctuation: it may end a sentence)
  number,  ///< digits with inner separators: "100,000", "3.5", "1990s" is a word
  punct,   ///< one punctuation or symbol code point: "," "“" "$" "%" "—"
  space,   ///< a run of white space (including line breaks and no-break spaces)
};

/// A token: [start, end) in the text it was cut from, and its kind.
struct Token {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::word;
};

/// The result of segmenting a text.
struct Segmentation {
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
};

/// Splits text[begin, text.size()) into paragraphs and sentences. The text must be valid UTF-8
/// with LF line ends (read_document guarantees both). Offsets are absolute (into `text`).
/// Runs in time linear in the text's size.
Segmentation segment(std::string_view text, std::size_t begin = 0);

/// Appends the tokens of text[begin, end) to `out`. Every byte of the range belongs to exactly
/// one token, so concatenating the tokens' texts rebuilds the range. CJK ideographs and kana are
/// one token each; other scripts split on white space and punctuation.
void tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out);

}  // namespace storydiff
