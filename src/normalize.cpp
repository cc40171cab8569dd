#include "normalize.h"

#include <algorithm>
#include <array>

#include "utf8.h"

namespace storydiff::detail {

void append_lower(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
      ++i;
      continue;
    }
    std::size_t len = 0;
    const char32_t cp = decode_at(s, i, len);
    append_utf8(out, to_lower(cp));
    i += len;
  }
}

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool has_vowel(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return is_vowel(c) || c == 'y'; });
}

// What removing -ed/-ing left: "stopped" -> "stopp" -> "stop" (a doubled final consonant
// undoubled), and "voted" -> "vot" -> "vote" (a short consonant-vowel-consonant stem gets back
// the silent e that four-letter words keep, as in Porter's stemmer), so that "voted" meets "vote".
void undouble(std::string& s) {
  const std::size_t n = s.size();
  if (n >= 3 && s[n - 1] == s[n - 2] && !is_vowel(s[n - 1]) && s[n - 1] != 'l' && s[n - 1] != 's' &&
      s[n - 1] != 'z') {
    s.pop_back();
  } else if (n == 3 && !is_vowel(s[0]) && is_vowel(s[1]) && !is_vowel(s[2]) && s[2] != 'w' && s[2] != 'x' &&
             s[2] != 'y') {
    s.push_back('e');
  }
}

// British spellings as American ones, on a stem: -ise/-yse as -ize/-yze ("organis(ed)" =
// "organiz(ed)", "analys(e)" = "analyz(e)", "organisation" = "organization") and -our as -or
// ("labour" = "labor", "neighbours" = "neighbors"). Outlets on either side of the Atlantic
// rewrite one another's copy.
void british_to_american(std::string& w) {
  const std::size_t n = w.size();
  if (n >= 6 && (ends_with(w, "is") || ends_with(w, "ys")) && w[n - 3] != 'a' && w[n - 3] != 'e' && w[n - 3] != 'i' &&
      w[n - 3] != 'o' && w[n - 3] != 'u' && w[n - 3] != 's') {
    w[n - 1] = 'z';  // "organis" -> "organiz"; not "analysis" -> (ends "sis": kept), "crisis", "basis"
    return;
  }
  if (const std::size_t at = w.find("isat"); at != std::string::npos && at >= 3 && n >= 9) {
    w[at + 1] = 'z';  // "organisation" -> "organization", "privatisation" -> "privatization"
    return;
  }
  // Not "devour", "detour", "contour", "velour", "glamour" (kept sorted).
  static constexpr std::array<std::string_view, 5> kOur = {"contour", "detour", "devour", "glamour", "velour"};
  if (n >= 6 && ends_with(w, "our") && !std::binary_search(kOur.begin(), kOur.end(), std::string_view(w)))
    w.erase(n - 2, 1);  // "labour" -> "labor"
}

// A deliberately light stemmer: inflection (plural, past, progressive, -ly) and a verb's noun in
// -ation or -ction, so that "killed"/"kills"/"killing" and "investigating"/"investigation" meet
// while different words rarely collide. ASCII words only.
void stem(std::string& w) {
  if (w.size() <= 3) return;
  if (!std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return;
  // Words whose final s is not a plural (kept sorted).
  static constexpr std::array<std::string_view, 12> kKeepS = {
      "always", "besides", "economics", "news",    "perhaps", "physics",
      "politics", "series", "species",  "towards", "whereas", "yes"};
  if (std::binary_search(kKeepS.begin(), kKeepS.end(), std::string_view(w))) return;
  if (ends_with(w, "ies") && w.size() > 4) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends_with(w, "sses")) {
    w.resize(w.size() - 2);
  } else if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is")) {
    w.pop_back();
  }
  // A verb's noun: "investigation" and "investigat(ing)", "election" and "elect(ed)".
  if (w.size() > 7 && (ends_with(w, "ation") || ends_with(w, "ction"))) {
    w.resize(w.size() - 3);
    british_to_american(w);
    return;
  }
  if (ends_with(w, "ing") && w.size() > 5 && has_vowel(std::string_view(w).substr(0, w.size() - 3))) {
    w.resize(w.size() - 3);
    undouble(w);
  } else if (ends_with(w, "ied") && w.size() > 4) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends_with(w, "ed") && w.size() > 4 && has_vowel(std::string_view(w).substr(0, w.size() - 2))) {
    w.resize(w.size() - 2);
    undouble(w);
  } else if (ends_with(w, "ly") && w.size() > 5) {
    w.resize(w.size() - 2);
  }
  // A final silent e: "increase" and "increas(ed)" meet. Not where that makes another word
  // ("plane" is not "plan"; kept sorted). British -tre and -bre are the American -ter and -ber
  // ("metres" = "meters", "centre" = "center", "fibre" = "fiber").
  static constexpr std::array<std::string_view, 6> kKeepE = {"plane", "scare", "shine", "spine", "stare", "twine"};
  if (w.size() > 4 && w.back() == 'e' && (ends_with(w, "tre") || ends_with(w, "bre"))) {
    std::swap(w[w.size() - 2], w[w.size() - 1]);
  } else if (w.size() > 4 && w.back() == 'e' && !std::binary_search(kKeepE.begin(), kKeepE.end(), std::string_view(w))) {
    w.pop_back();
  }
  british_to_american(w);
}

}  // namespace

bool number_word_value(std::string_view w, std::string& out) {
  static constexpr std::array<std::string_view, 20> kUnits = {
      "",        "one",     "two",       "three",    "four",     "five",    "six",
      "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 10> kTens = {
      "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  auto unit = [&](std::string_view x) -> int {
    for (int k = 1; k < 20; ++k)
      if (kUnits[static_cast<std::size_t>(k)] == x) return k;
    return -1;
  };
  auto tens = [&](std::string_view x) -> int {
    for (int k = 2; k < 10; ++k)
      if (kTens[static_cast<std::size_t>(k)] == x) return 10 * k;
    return -1;
  };
  int value = -1;
  const std::size_t dash = w.find('-');
  if (dash == std::string_view::npos) {
    value = unit(w);
    if (value < 0) value = tens(w);
  } else {
    const int t = tens(w.substr(0, dash));
    const int u = unit(w.substr(dash + 1));
    if (t > 0 && u > 0 && u < 10) value = t + u;
  }
  if (value <= 1) return false;  // "one" is too often not a figure ("one of the ...")
  out = std::to_string(value);
  return true;
}

bool word_term(std::string_view word, std::string& out) {
  out.clear();
  append_lower(word, out);
  if (is_function_word(out)) return true;
  if (number_word_value(out, out)) return false;
  // Possessives and curly apostrophes: "Russia's" / "Russia’s" -> "russia".
  if (ends_with(out, "'s")) out.resize(out.size() - 2);
  else if (ends_with(out, "\xE2\x80\x99s")) out.resize(out.size() - 4);
  stem(out);
  return false;
}

void number_term(std::string_view number, std::string& out) {
  out.clear();
  // A comma followed by exactly three digits is a thousands separator; otherwise a decimal comma.
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (c == ',') {
      std::size_t k = i + 1;
      while (k < number.size() && number[k] >= '0' && number[k] <= '9') ++k;
      if (k - i - 1 == 3) continue;
      out += '.';
      continue;
    }
    out += c;
  }
}

bool is_function_word(std::string_view word) noexcept {
  // Lowercase, unstemmed. Keep this list sorted: it is binary-searched.
  static constexpr std::array<std::string_view, 128> kWords = {
      "a",       "about",  "after",   "again",   "against", "all",     "also",    "am",
      "an",      "and",    "any",     "are",     "as",      "at",      "be",      "because",
      "been",    "before", "being",   "between", "both",    "but",     "by",      "can",
      "could",   "did",    "do",      "does",    "down",    "during",  "each",    "even",
      "few",     "for",    "from",    "further", "had",     "has",     "have",    "having",
      "he",      "her",    "here",    "hers",    "herself", "him",     "himself", "his",
      "how",     "i",      "if",      "in",      "into",    "is",      "it",      "its",
      "itself",  "just",   "me",      "more",    "most",    "my",      "no",      "nor",
      "not",     "now",    "of",      "off",     "on",      "once",    "one",     "only",
      "or",      "other",  "our",     "ours",    "out",     "over",    "own",     "said",
      "same",    "say",    "says",    "she",     "should",  "so",      "some",    "such",
      "than",    "that",   "the",     "their",   "theirs",  "them",    "then",    "there",
      "these",   "they",   "this",    "those",   "through", "to",      "told",    "too",
      "under",   "until",  "up",      "upon",    "us",      "very",    "was",     "we",
      "were",    "what",   "when",    "where",   "which",   "while",   "who",     "whom",
      "whose",   "why",    "will",    "with",    "would",   "yet",     "you",     "your"};
  return std::binary_search(kWords.begin(), kWords.end(), word);
}

std::size_t dateline_tokens(std::string_view text, const std::vector<Token>& toks) {
  auto word = [&](const Token& t) { return text.substr(t.start, t.end - t.start); };
  auto all_caps = [](std::string_view w) {
    int letters = 0;
    for (std::size_t i = 0; i < w.size();) {
      std::size_t len = 0;
      const char32_t cp = decode_at(w, i, len);
      if (to_lower(cp) != cp) ++letters;
      else if (!(cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019)) return false;
      i += len;
    }
    return letters >= 2;
  };
  std::size_t k = 0;
  while (k < toks.size() && toks[k].kind == TokenKind::space) ++k;
  if (k >= toks.size() || toks[k].kind != TokenKind::word || !all_caps(word(toks[k]))) return 0;
  int depth = 0, seen = 0;
  for (; k < toks.size() && seen < 16; ++k) {
    const Token& t = toks[k];
    if (t.kind == TokenKind::space) continue;
    ++seen;
    const auto w = word(t);
    if (t.kind == TokenKind::word) {
      std::size_t len = 0;
      if (depth == 0 && !is_upper(decode_at(w, 0, len))) return 0;  // "Calif." yes, "said" no
      continue;
    }
    if (t.kind == TokenKind::number) return 0;
    if (w == "(") { ++depth; continue; }
    if (w == ")") { --depth; continue; }
    if (w == "," || w == "." || w == "/") continue;
    if (depth == 0 && (w == "\xE2\x80\x94" || w == "\xE2\x80\x93" || w == "-" || w == ":")) return k + 1;
    return 0;
  }
  return 0;
}

}  // namespace storydiff::detail
