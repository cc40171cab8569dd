// Tokenizer: every byte of a range lands in exactly one token, of the right kind.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "storydiff/segment.h"

using storydiff::Token;
using storydiff::TokenKind;

namespace {

std::vector<Token> tokens_of(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Token> out;
  storydiff::tokenize(text, begin, end, out);
  // Coverage: the tokens tile [begin, end) exactly, none empty.
  std::size_t at = begin;
  for (const Token& t : out) {
    REQUIRE(t.start == at);
    REQUIRE(t.end > t.start);
    at = t.end;
  }
  REQUIRE(at == std::max(begin, std::min(end, text.size())));
  return out;
}

// (text, kind) of each token of the whole text.
std::vector<std::pair<std::string, TokenKind>> toks(std::string_view text) {
  std::vector<std::pair<std::string, TokenKind>> v;
  for (const Token& t : tokens_of(text, 0, text.size()))
    v.emplace_back(std::string(text.substr(t.start, t.end - t.start)), t.kind);
  return v;
}

// The token texts, without the spaces.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> v;
  for (const auto& [s, k] : toks(text))
    if (k != TokenKind::space) v.push_back(s);
  return v;
}

using W = std::vector<std::string>;
constexpr TokenKind word = TokenKind::word;
constexpr TokenKind number = TokenKind::number;
constexpr TokenKind punct = TokenKind::punct;
constexpr TokenKind space = TokenKind::space;

}  // namespace

namespace Catch {
template <>
struct StringMaker<TokenKind> {
  static std::string convert(TokenKind k) {
    switch (k) {
      case TokenKind::word: return "word";
      case TokenKind::number: return "number";
      case TokenKind::punct: return "punct";
      case TokenKind::space: return "space";
    }
    return "?";
  }
};
}  // namespace Catch

TEST_CASE("tokenize: plain words and spaces", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("The mayor  said") ==
        V{{"The", word}, {" ", space}, {"mayor", word}, {"  ", space}, {"said", word}});
}

TEST_CASE("tokenize: empty range gives no tokens", "[tokenize]") {
  CHECK(toks("").empty());
  std::vector<Token> out;
  storydiff::tokenize("abc", 2, 2, out);
  CHECK(out.empty());
}

TEST_CASE("tokenize: numbers with thousands and decimal separators", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("100,000 3.5 1,234.56") == V{{"100,000", number},
                                          {" ", space},
                                          {"3.5", number},
                                          {" ", space},
                                          {"1,234.56", number}});
}

TEST_CASE("tokenize: a trailing separator is not part of the number", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("rose to 23.") == V{{"rose", word}, {" ", space}, {"to", word}, {" ", space},
                                 {"23", number}, {".", punct}});
  CHECK(words("1,000, then 2") == W{"1,000", ",", "then", "2"});
}

TEST_CASE("tokenize: currency and percent are punctuation around a number", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("$1.2bn 3.5%") ==
        V{{"$", punct}, {"1.2bn", word}, {" ", space}, {"3.5", number}, {"%", punct}});
}

TEST_CASE("tokenize: 1990s and other digit-letter mixes are words", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("1990s") == V{{"1990s", word}});
  CHECK(toks("COVID-19") == V{{"COVID-19", word}});
  CHECK(toks("4th") == V{{"4th", word}});
}

TEST_CASE("tokenize: inner apostrophes stay in the word", "[tokenize]") {
  CHECK(words("don't won’t NATO's") == W{"don't", "won’t", "NATO's"});
}

TEST_CASE("tokenize: leading and trailing apostrophes are punctuation", "[tokenize]") {
  CHECK(words("'tis the players' turn") == W{"'", "tis", "the", "players", "'", "turn"});
}

TEST_CASE("tokenize: inner hyphens stay in the word, dashes do not", "[tokenize]") {
  CHECK(words("well-known — state-of-the-art -- x") ==
        W{"well-known", "—", "state-of-the-art", "-", "-", "x"});
}

TEST_CASE("tokenize: acronyms keep their inner periods", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("U.S.") == V{{"U.S", word}, {".", punct}});
  CHECK(words("the U.S. and U.K. e.g. a.m.") ==
        W{"the", "U.S", ".", "and", "U.K", ".", "e.g", ".", "a.m", "."});
  // Not a domain name or a sentence end.
  CHECK(words("example.com end.Next") == W{"example", ".", "com", "end", ".", "Next"});
}

TEST_CASE("tokenize: each punctuation mark is a token", "[tokenize]") {
  CHECK(words("Wait...what?!") == W{"Wait", ".", ".", ".", "what", "?", "!"});
  CHECK(words("(yes), [no]; {x}: \"q\"") ==
        W{"(", "yes", ")", ",", "[", "no", "]", ";", "{", "x", "}", ":", "\"", "q", "\""});
}

TEST_CASE("tokenize: curly quotes and guillemets are punctuation", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("“Run” «vite»") == V{{"“", punct},
                                  {"Run", word},
                                  {"”", punct},
                                  {" ", space},
                                  {"«", punct},
                                  {"vite", word},
                                  {"»", punct}});
}

TEST_CASE("tokenize: white space runs include newlines, tabs and no-break spaces", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("a \t\n\u00A0b") == V{{"a", word}, {" \t\n\u00A0", space}, {"b", word}});
  CHECK(toks("10\u00A0000") == V{{"10", number}, {"\u00A0", space}, {"000", number}});
  CHECK(toks("a\u3000b") == V{{"a", word}, {"\u3000", space}, {"b", word}});
}

TEST_CASE("tokenize: CJK ideographs and kana are one token each", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("今天下雨。") ==
        V{{"今", word}, {"天", word}, {"下", word}, {"雨", word}, {"。", punct}});
  CHECK(words("東京タワー") == W{"東", "京", "タ", "ワ", "ー"});
}

TEST_CASE("tokenize: CJK next to Latin and digits", "[tokenize]") {
  CHECK(words("在U.S.工作2021年") == W{"在", "U.S", ".", "工", "作", "2021", "年"});
}

TEST_CASE("tokenize: Hangul syllables are one token each", "[tokenize]") {
  CHECK(words("서울 시장") == W{"서", "울", "시", "장"});
}

TEST_CASE("tokenize: other scripts split on spaces and punctuation", "[tokenize]") {
  CHECK(words("Москва, Київ і Αθήνα.") == W{"Москва", ",", "Київ", "і", "Αθήνα", "."});
  CHECK(words("مرحبا بالعالم") == W{"مرحبا", "بالعالم"});
}

TEST_CASE("tokenize: emoji with a skin-tone modifier is one token", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("👍🏽ok") == V{{"👍🏽", punct}, {"ok", word}});
  CHECK(toks("👍👍") == V{{"👍", punct}, {"👍", punct}});
}

TEST_CASE("tokenize: emoji ZWJ sequences and flags are one token", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("👩\u200D🚒") == V{{"👩\u200D🚒", punct}});
  CHECK(toks("👨\u200D👩\u200D👧 x") == V{{"👨\u200D👩\u200D👧", punct}, {" ", space}, {"x", word}});
  CHECK(toks("🇺🇦🇵🇱") == V{{"🇺🇦", punct}, {"🇵🇱", punct}});
  CHECK(toks("❤\uFE0F") == V{{"❤\uFE0F", punct}});
  CHECK(toks("🏃\u200D♀\uFE0F") == V{{"🏃\u200D♀\uFE0F", punct}});
  CHECK(toks("👍\u200Dabc") == V{{"👍\u200D", punct}, {"abc", word}});
}

TEST_CASE("tokenize: combining marks stay with their letter", "[tokenize]") {
  using V = std::vector<std::pair<std::string, TokenKind>>;
  CHECK(toks("Cafe\u0301 na\u0308ive") ==
        V{{"Cafe\u0301", word}, {" ", space}, {"na\u0308ive", word}});
  CHECK(toks("\u0301x") == V{{"\u0301", punct}, {"x", word}});
}

TEST_CASE("tokenize: a sub-range is tokenized with absolute offsets", "[tokenize]") {
  const std::string_view text = "skip this. Then these words";
  const std::size_t begin = text.find("Then");
  const auto t = tokens_of(text, begin, text.find(" words"));
  REQUIRE(t.size() == 3);
  CHECK(t[0].start == begin);
  CHECK(text.substr(t[2].start, t[2].end - t[2].start) == "these");
}

TEST_CASE("tokenize: end past the text is clamped", "[tokenize]") {
  const auto t = tokens_of("abc def", 4, 100);
  REQUIRE(t.size() == 1);
  CHECK(t[0].start == 4);
  CHECK(t[0].end == 7);
}

TEST_CASE("tokenize: tokens are appended to what the vector holds", "[tokenize]") {
  std::vector<Token> out(2);
  storydiff::tokenize("a b", 0, 3, out);
  CHECK(out.size() == 5);
}

TEST_CASE("tokenize: tokens cover any range exactly (property)", "[tokenize]") {
  const std::vector<std::string> pieces = {
      "word", "U.S.", " ", "  ", "\n", "\u00A0", "3.5", "100,000", ",", ".", "'", "’", "-", "—",
      "don't", "今天", "。", "👍🏽", "\u200D", "\u0301", "🇺", "é", "Ω", "«", "»", "\"", "1990s",
      "$", "%", "…", "\t", "e.g.", "x-", "a.", ".5"};
  std::mt19937 rng(20240611);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    // Random code point boundaries for the range.
    std::vector<std::size_t> cuts;
    for (std::size_t i = 0; i <= text.size(); ++i)
      if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
    std::size_t b = cuts[rng() % cuts.size()], e = cuts[rng() % cuts.size()];
    if (b > e) std::swap(b, e);
    const auto t = tokens_of(text, b, e);
    for (std::size_t k = 0; k + 1 < t.size(); ++k) {
      // Two space tokens never touch: a space run is one token.
      CHECK_FALSE((t[k].kind == space && t[k + 1].kind == space));
    }
  }
}
