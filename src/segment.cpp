// Paragraph and sentence segmentation (step 2 of the pipeline).
//
// Two linear passes over text[begin..]:
//  1. Lines. A blank line always ends a paragraph. For every single line break the segmenter
//     decides whether it ends a paragraph (news files put one paragraph per line, headlines and
//     headings are lines of their own) or is a space inside hard-wrapped prose. A first sweep
//     measures the document (line lengths, how lines end and start) to tell the two layouts apart.
//  2. Sentences. Each paragraph is walked once. At every run of sentence-final punctuation
//     ("." "?" "!" "…" and runs of them, CJK full stops) followed by optional closing quotes or
//     brackets and white space, the word before the run and the word after it (a window of a few
//     dozen bytes at most) decide whether a sentence ends there: "Mr. Smith" does not end one,
//     "in the U.S. The next day" does, "\"Is this the end?\" she asked." does not.
// Every look-around is bounded, so the whole thing is O(n) even on pathological input.
#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <vector>

#include "normalize.h"
#include "storydiff/segment.h"
#include "utf8.h"

namespace storydiff {

namespace {

using detail::decode_at;
using detail::decode_before;
using detail::is_space;

// ---------------------------------------------------------------------------------------------
// Characters

bool is_ascii_space(unsigned char b) {
  return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\v' || b == '\f';
}
bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
}
bool is_ascii_lower_word(std::string_view w) {
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return !w.empty();
}
bool is_ascii_punct(unsigned char b) {
  return (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) ||
         (b >= 0x7B && b <= 0x7E);
}
char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c + 32) : c; }

// Lowercase letters of the scripts that have case (Latin, Greek, Cyrillic). A sentence does not
// start with one; letters of caseless scripts (CJK, Arabic, Hebrew, Devanagari...) may.
bool is_lower_letter(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp < 0xDF) return false;
  if (cp <= 0xFF) return cp != 0xF7;
  if (cp <= 0x17F) return !detail::is_upper(cp);
  if (cp >= 0x1E00 && cp <= 0x1EFF) return (cp & 1) != 0;  // Latin Extended Additional (Vietnamese)
  if (cp >= 0x3AC && cp <= 0x3CE) return true;              // Greek
  if (cp >= 0x430 && cp <= 0x45F) return true;              // Cyrillic
  return false;
}

bool is_upper_letter(char32_t cp) { return detail::is_upper(cp); }

// A letter or digit (any script): what makes a sentence more than punctuation.
bool is_content(char32_t cp) {
  return detail::is_cjk(cp) || (detail::is_word_char(cp) && !detail::is_mark(cp));
}

enum class Term : std::uint8_t { none, period, ellipsis, question, cjk };

// Sentence-final punctuation. `question` covers "?" "!" and the final marks of other scripts
// (they end a sentence unless a lowercase word follows); `cjk` full stops need no space after.
Term term_kind(char32_t cp) {
  switch (cp) {
    case '.': return Term::period;
    case 0x2026: return Term::ellipsis;  // …
    case '?': case '!':
    case 0x203C: case 0x203D: case 0x2047: case 0x2048: case 0x2049:  // ‼ ‽ ⁇ ⁈ ⁉
    case 0x037E: case 0x0589: case 0x061F: case 0x06D4:  // Greek ; Armenian ։ Arabic ؟ ۔
    case 0x0964: case 0x0965: case 0x1362:               // Devanagari । ॥ Ethiopic ።
      return Term::question;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61:  // 。！？｡
      return Term::cjk;
    default: return Term::none;
  }
}

// Closing quotes and brackets that may follow sentence-final punctuation: `."` `?)` `。」`.
// Guillemets go both ways: « French » and »German«.
bool is_closing_quote(char32_t cp) {
  if (cp < 0x80) return cp == '"' || cp == '\'';
  return cp == 0x2019 || cp == 0x201D || cp == 0xBB || cp == 0x203A || cp == 0xAB ||
         cp == 0x2039 || cp == 0x300D || cp == 0x300F;
}
bool is_closer(char32_t cp) {
  if (cp < 0x80)
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == '*' || cp == '_';
  return is_closing_quote(cp) || cp == 0xFF09 || cp == 0x3011 || cp == 0x3009 || cp == 0x300B ||
         cp == 0xFF3D;
}

// Opening quotes and brackets that may precede the first word of a sentence.
bool is_opening_quote(char32_t cp) {
  if (cp < 0x80) return cp == '"' || cp == '\'';
  return cp == 0x201C || cp == 0x2018 || cp == 0x201E || cp == 0x201A || cp == 0xAB ||
         cp == 0x2039 || cp == 0xBB || cp == 0x203A || cp == 0x300C || cp == 0x300E;
}
bool is_opener(char32_t cp) {
  if (cp < 0x80)
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{' || cp == '*' || cp == '_';
  return is_opening_quote(cp) || cp == 0xBF || cp == 0xA1 || cp == 0xFF08 || cp == 0x3010;
}

bool is_dash_or_bullet(char32_t cp) {
  if (cp < 0x80) return cp == '-';
  return (cp >= 0x2012 && cp <= 0x2015) || cp == 0x2022 || cp == 0x2023 || cp == 0xB7 ||
         cp == 0x25AA || cp == 0x25A0 || cp == 0x25BA || cp == 0x25CF || cp == 0x25E6;
}

bool is_sentence_symbol(char32_t cp) {  // "$5 million was..." "#MeToo began..."
  return cp == '$' || cp == '#' || cp == '@' || cp == 0xA3 || cp == 0xA5 || cp == 0x20AC;
}

// What the sentence loop must look at, by first byte: the ASCII terminators, and the lead bytes
// of the multi-byte ones (… ‼ 。 ！ ？ । ؟ ...); every other byte is skipped.
enum ByteClass : std::uint8_t { kSkip = 0, kTerm = 1, kDecode = 2 };

struct ByteTable {
  std::uint8_t c[256];
};

constexpr ByteTable make_byte_table() {
  ByteTable t{};
  for (int i = 0; i < 256; ++i) t.c[i] = kSkip;
  t.c[static_cast<unsigned char>('.')] = kTerm;
  t.c[static_cast<unsigned char>('?')] = kTerm;
  t.c[static_cast<unsigned char>('!')] = kTerm;
  // U+037E | U+0589 | U+061F | U+06D4 | U+0964/5 | U+1362 | U+2026 U+203C... | U+3002 |
  // U+FF01 U+FF1F U+FF61
  const unsigned char leads[] = {0xCD, 0xD6, 0xD8, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF};
  for (unsigned char l : leads) t.c[l] = kDecode;
  return t;
}

constexpr ByteTable kBytes = make_byte_table();

// Whether the eight bytes at p may hold a terminator: any of '.', '?', '!' or a non-ASCII byte
// (the classic "has a zero byte" test on p XOR each terminator; false positives are harmless).
inline bool maybe_interesting(const unsigned char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::uint64_t x = 0;
  std::memcpy(&x, p, 8);
  auto has_zero = [&](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  return ((x & kHighs) | has_zero(x ^ (kOnes * '.')) | has_zero(x ^ (kOnes * '?')) |
          has_zero(x ^ (kOnes * '!'))) != 0;
}

std::size_t skip_space_forward(std::string_view t, std::size_t i, std::size_t end) {
  while (i < end) {
    const auto b = static_cast<unsigned char>(t[i]);
    if (b < 0x80) {
      if (!is_ascii_space(b)) return i;
      ++i;
      continue;
    }
    std::size_t len = 0;
    if (!is_space(decode_at(t, i, len))) return i;
    i += len;
  }
  return i;
}

std::size_t skip_space_backward(std::string_view t, std::size_t lo, std::size_t end) {
  while (end > lo) {
    const auto b = static_cast<unsigned char>(t[end - 1]);
    if (b < 0x80) {
      if (!is_ascii_space(b)) return end;
      --end;
      continue;
    }
    std::size_t len = 0;
    if (!is_space(decode_before(t, end, len))) return end;
    end -= len;
  }
  return end;
}

// Number of code points in [s, e), counted up to `cap`: the bytes that are not continuation
// bytes (10xxxxxx), eight at a time.
std::size_t count_code_points(std::string_view t, std::size_t s, std::size_t e, std::size_t cap) {
  if (e - s > 4 * cap) return cap;
  std::size_t continuation = 0, i = s;
  for (; i + 8 <= e; i += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, t.data() + i, 8);
    const std::uint64_t marks = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;  // one bit a byte
    continuation += static_cast<std::size_t>((marks * 0x0101010101010101ull) >> 56);
  }
  for (; i < e; ++i)
    if ((static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) ++continuation;
  return std::min(e - s - continuation, cap);
}

// ---------------------------------------------------------------------------------------------
// Words

// How the word before a period behaves.
enum class WordClass : std::uint8_t {
  plain,        ///< an ordinary word: the period ends a sentence if a sentence can start next
  title,        ///< Mr. Dr. Gen. Sen. St.: never ends a sentence
  never,        ///< e.g. i.e. vs. approx.: always followed by more of the sentence
  number_next,  ///< No. Fig. pp. Jan.: never before a number, otherwise like `ambiguous`
  ambiguous,    ///< Inc. Corp. Ltd. etc.: often ends a sentence, split before a capital
  acronym,      ///< U.S. Ph.D. Calif. Jr.: split only before a common sentence starter
  initial,      ///< a single capital letter ("George W. Bush"): like `acronym`
  clock,        ///< a.m. p.m.: split before a capital unless it names a day, month or zone
  state,        ///< Calif. La. Pa.: like `acronym`, but after "Place, " a capital starts a sentence
};

struct Abbreviation {
  std::string_view key;  // lowercase, without the final period
  WordClass cls;
  bool capital;  // only when written with a capital first letter ("Miss." but not "miss.")
};

constexpr WordClass kTitle = WordClass::title;
constexpr WordClass kNever = WordClass::never;
constexpr WordClass kNumber = WordClass::number_next;
constexpr WordClass kAmbig = WordClass::ambiguous;
constexpr WordClass kAcro = WordClass::acronym;
constexpr WordClass kClock = WordClass::clock;
constexpr WordClass kState = WordClass::state;

// Looked up through a hash set (kAbbreviationSet below); kept sorted for the reader.
constexpr Abbreviation kAbbreviations[] = {
    {"a.k.a", kNever, false}, {"a.m", kClock, false},   {"adm", kTitle, true},
    {"al", kAmbig, false},
    {"ala", kState, true},     {"amb", kTitle, true},    {"approx", kNever, false},
    {"apr", kNumber, true},   {"apt", kNumber, false},  {"ariz", kState, true},
    {"ark", kState, true},     {"art", kNumber, true},   {"assn", kAcro, true},
    {"asst", kTitle, true},   {"atty", kTitle, true},   {"aug", kNumber, true},
    {"ave", kAcro, true},     {"bldg", kNumber, false}, {"blvd", kAcro, true},
    {"brig", kTitle, true},   {"bros", kAmbig, true},   {"c", kNever, false},
    {"ca", kNever, false},    {"calif", kState, true},   {"capt", kTitle, true},
    {"cdr", kTitle, true},    {"cf", kNever, false},    {"ch", kNumber, false},
    {"chap", kNumber, false}, {"cmdr", kTitle, true},   {"co", kAmbig, true},
    {"col", kTitle, true},    {"colo", kState, true},    {"conn", kState, true},
    {"corp", kAmbig, true},   {"cpl", kTitle, true},    {"dec", kNumber, true},
    {"del", kState, true},     {"dept", kAcro, true},    {"det", kTitle, true},
    {"dist", kAcro, true},    {"dr", kTitle, true},     {"drs", kTitle, true},
    {"e.g", kNever, false},   {"ed", kNumber, true},    {"eds", kNumber, true},
    {"esp", kNever, false},   {"esq", kAmbig, true},    {"est", kNumber, false},
    {"etc", kAmbig, false},   {"ex", kNumber, true},    {"excl", kNever, false},
    {"feb", kNumber, true},   {"fig", kNumber, false},  {"figs", kNumber, false},
    {"fla", kState, true},     {"fr", kTitle, true},     {"ft", kTitle, true},
    {"ga", kState, true},      {"gen", kTitle, true},    {"gov", kTitle, true},
    {"govs", kTitle, true},   {"govt", kAcro, true},    {"hon", kTitle, true},
    {"hwy", kNumber, false},  {"i.e", kNever, false},   {"ibid", kAmbig, false},
    {"ill", kState, true},     {"inc", kAmbig, true},    {"incl", kNever, false},
    {"ind", kState, true},     {"insp", kTitle, true},   {"intl", kAcro, true},
    {"jan", kNumber, true},   {"jr", kAcro, true},      {"jul", kNumber, true},
    {"jun", kNumber, true},   {"kan", kState, true},     {"kans", kState, true},
    {"ky", kState, true},      {"la", kState, true},      {"llc", kAmbig, true},
    {"lieut", kTitle, true},  {"lt", kTitle, true},     {"ltd", kAmbig, true},
    {"maj", kTitle, true},
    {"mar", kNumber, true},   {"mass", kState, true},    {"md", kState, true},
    {"messrs", kTitle, true}, {"mich", kState, true},    {"minn", kState, true},
    {"miss", kState, true},    {"mlle", kTitle, true},   {"mme", kTitle, true},
    {"mmes", kTitle, true},   {"mo", kState, true},      {"mont", kState, true},
    {"mr", kTitle, true},     {"mrs", kTitle, true},    {"ms", kTitle, true},
    {"msgr", kTitle, true},   {"mt", kTitle, true},     {"mx", kTitle, true},
    {"natl", kAcro, true},    {"neb", kState, true},     {"nev", kState, true},
    {"no", kNumber, true},    {"nos", kNumber, true},   {"nov", kNumber, true},
    {"oct", kNumber, true},   {"okla", kState, true},    {"op", kNumber, false},
    {"ore", kState, true},     {"p", kNumber, false},    {"pa", kState, true},
    {"para", kNumber, false}, {"plc", kAmbig, true},    {"pp", kNumber, false},
    {"pres", kTitle, true},   {"prof", kTitle, true},   {"profs", kTitle, true},
    {"p.m", kClock, false},   {"pt", kNumber, false},   {"pty", kAmbig, true},    {"pvt", kTitle, true},
    {"rd", kAcro, true},      {"ref", kNumber, false},  {"rep", kTitle, true},
    {"reps", kTitle, true},   {"resp", kNever, false},  {"rev", kTitle, true},
    {"revs", kTitle, true},   {"rt", kTitle, true},     {"rte", kNumber, false},
    {"sec", kNumber, false},  {"sect", kNumber, false}, {"sen", kTitle, true},
    {"sens", kTitle, true},   {"sep", kNumber, true},   {"sept", kNumber, true},
    {"sgt", kTitle, true},    {"spc", kTitle, true},    {"sr", kAcro, true},
    {"st", kTitle, true},
    {"ste", kTitle, true},    {"supt", kTitle, true},   {"tel", kNumber, false},
    {"tenn", kState, true},    {"tex", kState, true},     {"twp", kAcro, true},
    {"univ", kAcro, true},    {"v", kNever, false},     {"va", kState, true},
    {"viz", kNever, false},   {"vol", kNumber, false},  {"vols", kNumber, false},
    {"vs", kNever, false},    {"vt", kState, true},      {"wash", kState, true},
    {"wis", kState, true},     {"wyo", kState, true},
};

// Capitalised words that commonly open a news sentence; after "U.S." or "a.m." they mean a new
// sentence ("...in the U.S. The next day"), while a name or noun ("U.S. Army", "a.m. Monday")
// does not. Names that are also common words (Will, May, Young, Long...) are left out.
constexpr std::string_view kStarters[] = {
    "a", "about", "according", "additional", "after", "again", "against", "all", "already", "also",
    "although", "among", "an", "analysts", "and", "another", "any", "are", "as", "asked", "at",
    "authorities", "because", "before", "both", "but", "by", "can", "critics", "despite", "did",
    "do", "doctors", "does", "dozens", "during", "each", "earlier", "editing", "eight", "even",
    "every", "experts", "families", "few", "firefighters", "five", "for", "four", "from",
    "further", "furthermore", "had", "has", "have", "he", "her", "here", "his", "how", "however",
    "hundreds", "i", "if", "in", "indeed", "instead", "investors", "is", "it", "its", "last",
    "later", "lawmakers", "many", "meanwhile", "millions", "more", "moreover", "most", "much",
    "my", "never", "nevertheless", "next", "nine", "no", "none", "nor", "not", "nothing", "now",
    "officers", "officials", "on", "once", "one", "only", "or", "other", "others", "our", "over",
    "parents", "passengers", "people", "police", "prosecutors", "protesters", "reporting",
    "rescuers", "researchers", "residents", "scientists", "seven", "several", "she", "since",
    "six", "so", "some", "still", "students", "such", "survivors", "teachers", "ten", "that",
    "the", "their", "then", "there", "these", "they", "this", "those", "though", "thousands",
    "three", "thus", "to", "today", "two", "under", "unlike", "until", "voters", "was", "we",
    "were", "what", "when", "where", "whether", "which", "while", "who", "why", "with", "within",
    "without", "witnesses", "workers", "writing", "yesterday", "yet", "you", "your",
};

// Verbs of an attribution tail: "\"Why now?\" Biden asked."
constexpr std::string_view kSpeechVerbs[] = {
    "acknowledged", "added", "adds", "admitted", "agreed", "announced", "answered", "argued",
    "asked", "asks", "conceded", "continued", "countered", "cried", "declared", "demanded",
    "exclaimed", "explained", "insisted", "joked", "noted", "pleaded", "posted", "recalled",
    "remarked", "replied", "replies", "responded", "said", "says", "screamed", "shouted",
    "shouts", "snapped", "stated", "suggested", "tells", "told", "tweeted", "urged", "warned",
    "whispered", "wondered", "writes", "wrote", "yelled",
};

// Words that continue a clock time: "9 a.m. Monday", "5 p.m. Eastern Time", "8 p.m. GMT".
constexpr std::string_view kTimeWords[] = {
    "april", "atlantic", "august", "bst", "cdt", "central", "cest", "cet", "cst", "ct", "december",
    "eastern", "edt", "eest", "eet", "est", "et", "february", "fri", "friday", "gmt", "hawaii",
    "ist", "january", "jst", "july", "june", "local", "march", "mdt", "mon", "monday",
    "mountain", "mst", "mt", "november", "october", "pacific", "pdt", "pst", "pt", "sat",
    "saturday", "september", "sun", "sunday", "thu", "thurs", "thursday", "tue", "tues",
    "tuesday", "utc", "wed", "wednesday",
    // Month abbreviations ("10 a.m. Jan. 5") are found through kAbbreviations.
};

// Job titles that follow a company name: "Apple Inc. Chief Executive Tim Cook".
constexpr std::string_view kRoles[] = {
    "ceo", "cfo", "chair", "chairman", "chairwoman", "chief", "coo", "cto", "director",
    "executive", "founder", "president", "spokesman", "spokesperson", "spokeswoman", "vice",
};

// Lowercase words that cannot end a line of prose: a line ending with one continues.
constexpr std::string_view kConnectives[] = {
    "a", "about", "after", "against", "an", "and", "are", "as", "at", "be", "been", "before",
    "between", "both", "but", "by", "during", "for", "from", "had", "has", "have", "her", "his",
    "if", "in", "including", "into", "is", "its", "nor", "of", "on", "or", "our", "over", "said",
    "says", "such", "than", "that", "the", "their", "these", "this", "those", "to", "under",
    "was", "were", "when", "where", "which", "while", "who", "whose", "will", "with", "would",
};

// A word of up to 16 ASCII bytes, lowercased and packed into two integers (zero padded): word
// lists are open-addressing hash sets of these, built at compile time, so a lookup is a few
// multiplications and one or two probes.
struct Key {
  std::uint64_t a = 0, b = 0;
};
constexpr bool operator==(Key x, Key y) { return x.a == y.a && x.b == y.b; }
constexpr std::size_t kMaxKey = 16;

constexpr Key pack(std::string_view s) {  // s: lowercase ASCII, at most 16 bytes
  Key k;
  for (std::size_t i = 0; i < s.size() && i < kMaxKey; ++i) {
    const auto byte = static_cast<std::uint64_t>(static_cast<unsigned char>(s[i]));
    (i < 8 ? k.a : k.b) |= byte << (8 * (i & 7));
  }
  return k;
}

// Packs `w` lowercased; false when it is empty, longer than 16 bytes or not ASCII.
bool pack_lower(std::string_view w, Key& k) {
  const std::size_t n = w.size();
  if (n == 0 || n > kMaxKey) return false;
  std::uint64_t half[2] = {0, 0};
  unsigned high = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    high |= c;
    const unsigned lower = c | (static_cast<unsigned>(c - 'A') < 26u ? 0x20u : 0u);
    half[i >> 3] |= static_cast<std::uint64_t>(lower) << (8 * (i & 7));
  }
  if (high & 0x80u) return false;
  k.a = half[0];
  k.b = half[1];
  return true;
}

template <unsigned Bits>
struct WordSet {
  static constexpr std::size_t kSize = std::size_t{1} << Bits;
  std::array<Key, kSize> keys{};
  std::array<std::uint8_t, kSize> values{};

  static constexpr std::size_t slot(Key k) {
    return static_cast<std::size_t>(
        ((k.a * 0x9E3779B97F4A7C15ull) ^ (k.b * 0xC2B2AE3D27D4EB4Full)) >> (64 - Bits));
  }
  // The slot holding `k`, or kSize.
  std::size_t find(Key k) const {
    for (std::size_t j = slot(k);; j = (j + 1) & (kSize - 1)) {
      if (keys[j] == k) return j;
      if (keys[j] == Key{}) return kSize;
    }
  }
  bool contains(std::string_view word) const {
    Key k;
    return pack_lower(word, k) && find(k) != kSize;
  }
};

template <unsigned Bits, std::size_t N, typename T, typename GetKey, typename GetValue>
constexpr WordSet<Bits> make_set(const T (&items)[N], GetKey key, GetValue value) {
  static_assert(N * 2 <= (std::size_t{1} << Bits), "keep the table at most half full");
  WordSet<Bits> set{};
  for (std::size_t i = 0; i < N; ++i) {
    const Key k = pack(key(items[i]));
    std::size_t j = WordSet<Bits>::slot(k);
    while (!(set.keys[j] == Key{})) j = (j + 1) & (WordSet<Bits>::kSize - 1);
    set.keys[j] = k;
    set.values[j] = value(items[i]);
  }
  return set;
}

constexpr std::string_view word_key(std::string_view s) { return s; }
constexpr std::uint8_t no_value(std::string_view) { return 0; }
constexpr std::string_view abbreviation_key(const Abbreviation& a) { return a.key; }
constexpr std::uint8_t abbreviation_value(const Abbreviation& a) {
  return static_cast<std::uint8_t>((static_cast<unsigned>(a.cls) << 1) | (a.capital ? 1u : 0u));
}

constexpr auto kAbbreviationSet = make_set<9>(kAbbreviations, abbreviation_key, abbreviation_value);
constexpr auto kStarterSet = make_set<9>(kStarters, word_key, no_value);
constexpr auto kSpeechVerbSet = make_set<7>(kSpeechVerbs, word_key, no_value);
constexpr auto kRoleSet = make_set<6>(kRoles, word_key, no_value);
constexpr auto kTimeWordSet = make_set<7>(kTimeWords, word_key, no_value);
constexpr auto kConnectiveSet = make_set<8>(kConnectives, word_key, no_value);

// "U.S" "a.m" "Ph.D" "J.R.R" (the final period excluded): segments of letters separated by
// periods, each of one or two letters, or each capitalised and at most four letters long.
bool is_acronym_shape(std::string_view w) {
  bool short_segments = true, capital_segments = true;
  std::size_t seg = 0, segments = 0;
  for (std::size_t i = 0; i <= w.size(); ++i) {
    if (i == w.size() || w[i] == '.') {
      if (seg == 0) return false;
      if (seg > 2) short_segments = false;
      if (seg > 4 || !is_ascii_upper(w[i - seg])) capital_segments = false;
      ++segments;
      seg = 0;
      continue;
    }
    if (!is_ascii_alpha(w[i])) return false;
    ++seg;
  }
  return segments >= 2 && (short_segments || capital_segments);
}

WordClass classify(std::string_view w) {
  if (w.empty()) return WordClass::plain;
  std::size_t len = 0;
  const char32_t first = decode_at(w, 0, len);
  if (len == w.size() && is_upper_letter(first)) return WordClass::initial;
  Key k;
  if (!pack_lower(w, k)) return WordClass::plain;
  const std::size_t at = kAbbreviationSet.find(k);
  if (at != kAbbreviationSet.kSize) {
    const std::uint8_t v = kAbbreviationSet.values[at];
    if (!(v & 1u) || is_ascii_upper(w[0])) return static_cast<WordClass>(v >> 1);
  }
  if (w.find('.') != std::string_view::npos && is_acronym_shape(w)) return WordClass::acronym;
  return WordClass::plain;
}

// Where the word ending at `end` starts: after the last white space, never before `lo`. Looks
// back at most 32 bytes; `whole` is false when the word is longer than that.
struct WordStart {
  std::size_t at = 0;
  bool whole = false;
};

WordStart word_start(std::string_view t, std::size_t lo, std::size_t end) {
  constexpr std::size_t kMax = 32;
  const std::size_t floor = end - lo > kMax ? end - kMax : lo;
  std::size_t i = end;
  while (i > floor) {
    const auto b = static_cast<unsigned char>(t[i - 1]);
    if (b < 0x80) {
      if (is_ascii_space(b)) return {i, true};
      --i;
      continue;
    }
    std::size_t len = 0;
    const char32_t cp = decode_before(t, i, len);
    if (i - len < floor) break;
    if (is_space(cp)) return {i, true};
    i -= len;
  }
  return {i, i == lo};
}

// The word before a terminator run with its leading punctuation cut off ("(U.S" -> "U.S",
// "arrived—Gen" -> "Gen"); empty for a word too long to be an abbreviation.
std::string_view word_before(std::string_view t, WordStart ws, std::size_t run_start) {
  std::size_t cut = ws.at;
  bool found = ws.whole;
  for (std::size_t i = ws.at; i < run_start;) {
    const auto b = static_cast<unsigned char>(t[i]);
    if (b < 0x80) {
      ++i;
      if (b != '.' && b != '\'' && b != '&' && is_ascii_punct(b)) {
        cut = i;
        found = true;
      }
      continue;
    }
    std::size_t len = 0;
    const char32_t cp = decode_at(t, i, len);
    i += len;
    if (cp != 0x2019 && detail::is_punct(cp)) {
      cut = i;
      found = true;
    }
  }
  if (!found) return {};
  return t.substr(cut, run_start - cut);
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

struct Line {
  std::size_t cstart = 0, cend = 0;  // the trimmed content of a non-blank line
  std::size_t end = 0;               // where the line ends (its '\n' or the end of the text)
};

// Walks the non-blank lines of text[begin..], noting whether a blank line (or the start of the
// text) comes before each. Every byte is looked at once or twice.
class LineCursor {
 public:
  LineCursor(std::string_view t, std::size_t begin) : t_(t), pos_(begin) {}

  bool next(Line& l, bool& gap) {
    std::size_t newlines = 0, i = pos_;
    const std::size_t n = t_.size();
    while (i < n) {
      const auto b = static_cast<unsigned char>(t_[i]);
      if (b == '\n') {
        ++newlines;
        ++i;
      } else if (b < 0x80) {
        if (!is_ascii_space(b)) break;
        ++i;
      } else {
        std::size_t len = 0;
        if (!is_space(decode_at(t_, i, len))) break;
        i += len;
      }
    }
    if (i >= n) return false;
    gap = first_ || newlines >= 2;
    first_ = false;
    const void* nl = std::memchr(t_.data() + i, '\n', n - i);
    l.cstart = i;
    l.end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - t_.data()) : n;
    l.cend = skip_space_backward(t_, i, l.end);
    pos_ = l.end;
    return true;
  }

 private:
  std::string_view t_;
  std::size_t pos_;
  bool first_ = true;
};

constexpr std::size_t kLengthCap = 400;

// True when the text [s, e) (trimmed) ends with sentence-final punctuation, possibly followed by
// closing quotes or brackets.
bool ends_final(std::string_view t, std::size_t s, std::size_t e) {
  for (int closers = 0; e > s && closers < 8; ++closers) {
    std::size_t len = 0;
    const char32_t cp = decode_before(t, e, len);
    if (term_kind(cp) != Term::none) return true;
    if (!is_closer(cp)) return false;
    e -= len;
    // French spacing: "gagnerons. »"
    if ((cp == 0xBB || cp == 0x203A) && e > s && is_space(decode_before(t, e, len))) e -= len;
  }
  return false;
}

// The first code point of a line, and whether it is a lowercase letter that starts an ordinary
// word (not "iPhone" or "eBay", whose capital inside marks a name).
struct LineStart {
  char32_t first = 0;
  bool lower = false;
};

LineStart line_start(std::string_view t, std::size_t s, std::size_t e) {
  LineStart r;
  std::size_t len = 0;
  r.first = decode_at(t, s, len);
  if (!is_lower_letter(r.first)) return r;
  r.lower = true;
  for (std::size_t i = s + len; i < e && i - s < 24;) {
    const char32_t cp = decode_at(t, i, len);
    if (is_upper_letter(cp)) {
      r.lower = false;
      break;
    }
    if (!is_lower_letter(cp)) break;
    i += len;
  }
  return r;
}

// Length in code points of the first word of [s, e), up to 40.
std::size_t first_word_length(std::string_view t, std::size_t s, std::size_t e) {
  std::size_t n = 0;
  for (std::size_t i = s; i < e && n < 40; ++n) {
    std::size_t len = 0;
    if (is_space(decode_at(t, i, len))) break;
    i += len;
  }
  return n;
}

// A line that opens a list item or a heading: "- ", "* ", "• ", "1. ", "2) ", "(a) ", "# ".
bool is_list_item(std::string_view t, const Line& l) {
  const std::size_t s = l.cstart, e = l.cend;
  std::size_t len = 0;
  const char32_t cp = decode_at(t, s, len);
  auto space_at = [&](std::size_t i) { return i < e && is_ascii_space(static_cast<unsigned char>(t[i])); };
  if (cp == '#') return true;
  if ((is_dash_or_bullet(cp) || cp == '*' || cp == '+') && space_at(s + len)) return true;
  std::size_t i = s;
  const bool paren = cp == '(';
  if (paren) ++i;
  std::size_t digits = 0;
  while (i < e && detail::is_digit(static_cast<unsigned char>(t[i])) && digits < 4) ++i, ++digits;
  if (digits == 0) {
    if (i < e && is_ascii_alpha(t[i])) ++i, digits = 1;  // "a) " "(b) "
    else return false;
    if (i < e && !paren && t[i] == '.') return false;   // "A. " may be an initial
  }
  if (digits > 3 || i >= e) return false;
  if (paren ? t[i] != ')' : (t[i] != '.' && t[i] != ')')) return false;
  return space_at(i + 1);
}

// How the document lays out its lines.
struct Layout {
  bool wrapped = false;    // hard-wrapped prose: a single newline is usually a space
  std::size_t width = 0;   // the wrap width (code points), when wrapped
};

// Measures the lines: a document is hard-wrapped when its lines mostly fill a width of 30..120
// columns, most line breaks fall inside a sentence and the next line often starts lowercase.
Layout measure(std::string_view t, std::size_t begin) {
  std::vector<std::uint32_t> all(kLengthCap + 1, 0), inner(kLengthCap + 1, 0);
  std::size_t nonblank = 0, interior = 0, open = 0, lower_next = 0;
  bool prev_final = false, gap = true;
  std::size_t prev_len = 0;
  LineCursor lines(t, begin);
  Line l;
  // The first lines tell the layout; a bound keeps huge documents of tiny lines cheap.
  constexpr std::size_t kSample = 20000;
  while (nonblank < kSample && lines.next(l, gap)) {
    const std::size_t n = count_code_points(t, l.cstart, l.cend, kLengthCap);
    ++all[n];
    ++nonblank;
    if (!gap) {
      ++inner[prev_len];
      ++interior;
      if (!prev_final) ++open;
      if (line_start(t, l.cstart, l.cend).lower) ++lower_next;
    }
    prev_len = n;
    prev_final = ends_final(t, l.cstart, l.cend);
  }
  Layout layout;
  if (interior < 3) return layout;
  // The wrap width: the 90th percentile of line lengths.
  std::size_t width = 0;
  for (std::size_t seen = 0; width <= kLengthCap; ++width) {
    seen += all[width];
    if (seen * 10 >= nonblank * 9) break;
  }
  if (width < 30 || width > 120) return layout;
  std::size_t full = 0;
  for (std::size_t n = width * 7 / 10; n <= kLengthCap; ++n) full += inner[n];
  layout.wrapped = full * 10 >= interior * 6 && open * 2 >= interior && lower_next * 4 >= interior;
  layout.width = width;
  return layout;
}

// Whether the single line break between lines a and b is a space inside a paragraph.
bool joins(std::string_view t, const Line& a, const Line& b, const Layout& layout) {
  if (is_list_item(t, b)) return false;
  const std::string_view head = t.substr(b.cstart, std::min<std::size_t>(8, b.cend - b.cstart));
  if (head.substr(0, 7) == "http://" || head == "https://" || head.substr(0, 4) == "www.")
    return false;  // a web address on a line of its own
  const LineStart next = line_start(t, b.cstart, b.cend);
  const bool next_lower = next.lower;
  if (layout.wrapped) {
    if (next_lower || detail::is_digit(next.first)) return true;
    // A wrapped line is full: the next word would not have fitted on it. A line that ends a
    // sentence and had room for that word ends its paragraph; any clearly short line (a heading,
    // a paragraph's last line) does too.
    const std::size_t need = count_code_points(t, a.cstart, a.cend, kLengthCap) + 1 +
                             first_word_length(t, b.cstart, b.cend);
    if (ends_final(t, a.cstart, a.cend)) return need > layout.width;
    return need * 5 > layout.width * 4;
  }
  // One paragraph per line, unless the line plainly stops mid-sentence.
  std::size_t len = 0;
  const char32_t last = decode_before(t, a.cend, len);
  // The last word of the line (up to 24 bytes).
  std::size_t ws = a.cend;
  while (ws > a.cstart && a.cend - ws < 24 &&
         !is_ascii_space(static_cast<unsigned char>(t[ws - 1])))
    --ws;
  if (ends_final(t, a.cstart, a.cend)) {
    // "...said Sen.\nJohn Smith": a title or an initial does not end the line's sentence.
    if (last != '.' || ws == a.cstart) return false;
    const WordClass c = classify(t.substr(ws, a.cend - 1 - ws));
    return c == WordClass::title || c == WordClass::initial || c == WordClass::never;
  }
  if (last == ',' || last == ';' || last == '&' || last == '/' || last == '(' || last == '[' ||
      last == 0x201C || last == 0x2018 || is_dash_or_bullet(last))
    return true;
  if (next_lower) return true;
  // A line that ends on "on", "of", "the" goes on, unless a dateline follows, which opens a
  // story ("Illinois Senate set to vote on $53 billion budget as talks drag on" / "SPRINGFIELD,
  // Ill. — The Illinois Senate ...").
  if (ws < a.cend && is_ascii_alpha(t[ws]) && !is_ascii_upper(t[ws]) &&
      kConnectiveSet.contains(t.substr(ws, a.cend - ws))) {
    std::vector<Token> toks;
    tokenize(t, b.cstart, std::min<std::size_t>(b.cend, b.cstart + 160), toks);
    return detail::dateline_tokens(t, toks) == 0;
  }
  // A digit after anything else may open a paragraph after a headline ("...rises\n23 people
  // died"): only hard-wrapped documents join it.
  return false;
}

// ---------------------------------------------------------------------------------------------
// Sentences

enum class Start : std::uint8_t { none, lower, upper, digit, caseless, dash, symbol, other };

// The start of the text after a candidate sentence end.
struct Next {
  Start start = Start::none;
  bool quoted = false;   // an opening quote comes first
  bool starter = false;  // a common sentence opener: "The", "He", "But", "Police"...
  bool initial = false;  // "A." a single capital letter with a period
  bool abbrev = false;   // "Ltd." "Inc." "Co." an abbreviation of its own
  bool role = false;     // "CEO", "Chief": a title after a company name
  bool time = false;     // "Monday", "GMT", "Jan.", "Moscow time": continues a clock time
  bool opened = false;   // a bracket or quote comes first: "(AP)", "\"We"
};

Next look_ahead(std::string_view t, std::size_t k, std::size_t pe) {
  Next n;
  std::size_t j = k, len = 0;
  for (int openers = 0; j < pe && openers < 4; ++openers) {
    const char32_t cp = decode_at(t, j, len);
    if (!is_opener(cp)) break;
    if (is_opening_quote(cp)) n.quoted = true;
    n.opened = true;
    j += len;
  }
  if (j >= pe) return n;
  const char32_t cp = decode_at(t, j, len);
  // The word: letters, digits and marks, up to 24 bytes.
  std::size_t we = j;
  bool camel = false;
  while (we < pe && we - j < 24) {
    const auto b = static_cast<unsigned char>(t[we]);
    if (b < 0x80) {
      if (!is_ascii_alnum(b)) break;
      if (we > j && is_ascii_upper(static_cast<char>(b))) camel = true;
      ++we;
      continue;
    }
    std::size_t l2 = 0;
    const char32_t c = decode_at(t, we, l2);
    if (!detail::is_word_char(c) || detail::is_space(c)) break;
    if (we > j && is_upper_letter(c)) camel = true;
    we += l2;
  }
  if (is_lower_letter(cp)) n.start = camel ? Start::upper : Start::lower;
  else if (detail::is_digit(cp)) n.start = Start::digit;
  else if (is_upper_letter(cp)) n.start = Start::upper;
  else if (detail::is_cjk(cp) || (detail::is_word_char(cp) && !detail::is_mark(cp)))
    n.start = Start::caseless;
  else if (is_dash_or_bullet(cp)) {
    // "— Reporting by..." starts a sentence, "— burned down" continues one.
    const std::size_t after = skip_space_forward(t, j + len, std::min(pe, j + len + 8));
    std::size_t l2 = 0;
    n.start = after < pe && is_lower_letter(decode_at(t, after, l2)) ? Start::lower : Start::dash;
  }
  else if (is_sentence_symbol(cp)) n.start = Start::symbol;
  else n.start = Start::other;
  const std::string_view word = t.substr(j, we - j);
  Key key;
  if (!word.empty() && is_ascii_upper(word[0]) && pack_lower(word, key)) {
    // Not the first part of a compound: "U.N. Under-Secretary-General Ines Marchetti".
    const bool compound = we + 1 < pe && t[we] == '-' && is_ascii_alpha(t[we + 1]);
    n.starter = !compound && kStarterSet.find(key) != kStarterSet.kSize;
    n.role = kRoleSet.find(key) != kRoleSet.kSize;
    n.time = kTimeWordSet.find(key) != kTimeWordSet.kSize;
  }
  if (we < pe && t[we] == '.') {
    const WordClass c = classify(word);
    n.initial = c == WordClass::initial;
    n.abbrev = c == WordClass::ambiguous || c == WordClass::title;
    n.time = n.time || c == WordClass::number_next;  // "Jan." "Sept."
  } else if (!n.time && we < pe && t[we] == ' ' && pe - we > 5) {
    // "Moscow time", "Beijing time"
    const std::string_view after = t.substr(we + 1, 5);
    n.time = (after.substr(0, 4) == "time" || after.substr(0, 4) == "Time") &&
             !is_ascii_alpha(after[4]);
  }
  return n;
}

bool sentence_like(Start s) {
  return s == Start::upper || s == Start::digit || s == Start::caseless || s == Start::dash ||
         s == Start::symbol;
}

// After a quotation that ends in "?", "!" (or "." when `strict`): is the text at k an
// attribution tail of capitalised words and a speech verb ("Smith asked.", "President Joe Biden
// said,")? With `strict`, the verb must end the clause.
bool attribution_tail(std::string_view t, std::size_t k, std::size_t pe, bool strict) {
  std::size_t pos = k, names = 0;
  const std::size_t limit = std::min(pe, k + 80);
  for (int words = 0; words < 6 && pos < limit; ++words) {
    std::size_t len = 0;
    const char32_t first = decode_at(t, pos, len);
    // The word: letters and digits, with inner apostrophes and hyphens ("O'Brien").
    std::size_t we = pos;
    while (we < pe && we - pos < 48) {
      const char32_t c = decode_at(t, we, len);
      if (c == '\'' || c == 0x2019 || c == '-') {
        if (we == pos || we + len >= pe) break;
        std::size_t l2 = 0;
        const char32_t after = decode_at(t, we + len, l2);
        if (!detail::is_word_char(after) || is_space(after)) break;
      } else if (!detail::is_word_char(c) || is_space(c)) {
        break;
      }
      we += len;
    }
    if (we == pos) return false;
    const std::string_view word = t.substr(pos, we - pos);
    if (names > 0 && is_ascii_lower_word(word) && kSpeechVerbSet.contains(word)) {
      if (!strict) return true;
      return we >= pe || t[we] == ',' || t[we] == '.';
    }
    if (!is_upper_letter(first)) return false;
    ++names;
    // Allow "Mr." "J." inside the name, nothing else.
    if (we < pe && t[we] == '.') ++we;
    if (we < pe && !is_ascii_space(static_cast<unsigned char>(t[we]))) return false;
    pos = skip_space_forward(t, we, pe);
  }
  return false;
}

class Splitter {
 public:
  Splitter(std::string_view t, std::vector<Sentence>& out) : t_(t), out_(out) {}

  void run(std::size_t ps, std::size_t pe, std::uint32_t paragraph) {
    pe_ = pe;
    paragraph_ = paragraph;
    heading_ = pe - ps <= 150 && !ends_final(t_, ps, pe);
    sent_ = scanned_ = ps;
    content_ = false;
    std::size_t i = ps;
    const auto* p = reinterpret_cast<const unsigned char*>(t_.data());
    while (i < pe) {
      // Eight plain ASCII bytes at a time, then byte by byte to the next interesting one.
      while (i + 8 <= pe && !maybe_interesting(p + i)) i += 8;
      const std::size_t stop = std::min(pe, i + 8);
      while (i < stop && kBytes.c[p[i]] == kSkip) ++i;
      if (i == stop) continue;
      if (kBytes.c[p[i]] == kDecode) {
        std::size_t len = 0;
        if (term_kind(decode_at(t_, i, len)) == Term::none) {
          i += len;
          continue;
        }
      }
      i = at_terminator(i);
    }
    emit(sent_, pe);
  }

 private:
  void emit(std::size_t s, std::size_t e) {
    out_.push_back(Sentence{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e),
                            paragraph_});
  }

  // Whether the current sentence has a letter or digit before `upto`; amortised linear.
  bool has_content(std::size_t upto) {
    if (content_) return true;
    std::size_t j = std::max(scanned_, sent_);
    while (j < upto) {
      const auto b = static_cast<unsigned char>(t_[j]);
      if (b < 0x80) {
        if (is_ascii_alnum(b)) {
          content_ = true;
          break;
        }
        ++j;
        continue;
      }
      std::size_t len = 0;
      if (is_content(decode_at(t_, j, len))) {
        content_ = true;
        break;
      }
      j += len;
    }
    scanned_ = j;
    return content_;
  }

  // A lone list marker is not a sentence: "1. The first point", "A. Background".
  bool is_list_marker(std::string_view w) const {
    if (w.empty() || w.size() > 4) return false;
    bool digits = true, roman = true;
    for (char c : w) {
      digits = digits && c >= '0' && c <= '9';
      const char l = ascii_lower(c);
      roman = roman && (l == 'i' || l == 'v' || l == 'x');
    }
    return (digits && w.size() <= 3) || roman || (w.size() == 1 && is_ascii_alpha(w[0]));
  }

  // Handles the terminator run starting at i; returns where scanning resumes.
  std::size_t at_terminator(std::size_t i) {
    const std::size_t run_start = i;
    std::size_t periods = 0, ellipses = 0, questions = 0, cjk = 0;
    std::size_t j = i, len = 0;
    char32_t last = 0;
    while (j < pe_) {
      const char32_t cp = decode_at(t_, j, len);
      const Term k = term_kind(cp);
      if (k == Term::none) {
        // A spaced ellipsis ". . ." continues the run, unless the dot starts a word (".NET").
        if (cp == ' ' && last == '.' && j + 1 < pe_ && t_[j + 1] == '.' &&
            (j + 2 >= pe_ || is_ascii_space(static_cast<unsigned char>(t_[j + 2])) ||
             t_[j + 2] == '.')) {
          ++periods;
          j += 2;
          continue;
        }
        break;
      }
      if (k == Term::period) ++periods;
      else if (k == Term::ellipsis) ++ellipses;
      else if (k == Term::question) ++questions;
      else ++cjk;
      last = cp;
      j += len;
    }
    bool quote = false, bracket = false;
    while (j < pe_) {
      char32_t cp = decode_at(t_, j, len);
      if (cp == ' ' || cp == 0xA0 || cp == 0x202F) {
        // French spacing: "gagnerons. »"
        std::size_t l2 = 0;
        const char32_t after = j + len < pe_ ? decode_at(t_, j + len, l2) : 0;
        // ...but not German "ging. »Wir", where the guillemet opens the next quote.
        if (after != 0xBB && after != 0x203A) break;
        const std::size_t past = j + len + l2;
        if (past < pe_ && !is_space(decode_at(t_, past, l2))) break;
        j += len;
        cp = after;
        len = past - j;
      }
      if (!is_closer(cp)) break;
      (is_closing_quote(cp) ? quote : bracket) = true;
      j += len;
    }
    const std::size_t cut = j;
    if (cut >= pe_) return pe_;
    const std::size_t k = skip_space_forward(t_, cut, pe_);
    if (k == cut && cjk == 0) {
      // No space after: "3.5", "U.S.-based", "Yahoo!Inc"; but between two CJK characters an
      // ASCII "?" "!" or "." ends a sentence like a full-width one ("什么?我们").
      std::size_t l1 = 0, l2 = 0;
      if (run_start == sent_ || !detail::is_cjk(decode_before(t_, run_start, l1)) ||
          !detail::is_cjk(decode_at(t_, cut, l2)))
        return cut;
      cjk = 1;
    }
    if (k >= pe_) return pe_;
    bool split = false;
    if (cjk > 0) {
      split = true;
    } else {
      const Next next = look_ahead(t_, k, pe_);
      const bool closed = quote || bracket;
      if (periods >= 2 || ellipses > 0) {
        split = (next.start == Start::upper || next.start == Start::caseless) &&
                !(quote && attribution_tail(t_, k, pe_, false));
      } else if (questions > 0) {
        split = next.start != Start::lower && next.start != Start::other &&
                !(quote && attribution_tail(t_, k, pe_, false));
      } else if (closed) {
        split = sentence_like(next.start) && !(quote && attribution_tail(t_, k, pe_, true));
      } else {
        const WordStart ws = word_start(t_, sent_, run_start);
        split = after_period(word_before(t_, ws, run_start), next, after_place(ws.at));
        if (split && ws.at == sent_ && is_list_marker(t_.substr(sent_, run_start - sent_)))
          split = false;
      }
    }
    if (split && has_content(run_start)) {
      emit(sent_, cut);
      sent_ = scanned_ = k;
      content_ = false;
    }
    return k;
  }

  // Whether the word at `at` follows a capitalised word and a comma: "Lake Charles, La.".
  bool after_place(std::size_t at) const {
    std::size_t k = at;
    while (k > sent_ && t_[k - 1] == ' ') --k;
    if (k <= sent_ + 1 || t_[k - 1] != ',') return false;
    std::size_t w = k - 1;
    while (w > sent_ && is_ascii_alpha(t_[w - 1])) --w;
    return w < k - 1 && is_ascii_upper(t_[w]);
  }

  // A single period with white space after it and no closing quote or bracket.
  bool after_period(std::string_view w, const Next& next, bool place) const {
    const bool like = sentence_like(next.start);
    if (!like) return false;  // whatever the word, lowercase or a comma continues the sentence
    switch (classify(w)) {
      case WordClass::title:
      case WordClass::never:
        return false;
      case WordClass::number_next:
        if (next.start == Start::digit) return false;
        [[fallthrough]];
      case WordClass::ambiguous:
        if (next.abbrev || next.role) return false;
        return heading_ ? next.starter : true;
      case WordClass::state:
        // A state after its place ends the sentence before a capital, as a state in the middle
        // of a sentence takes a comma ("near Lake Charles, La., on Monday"): "... a leak near
        // Lake Charles, La. Ben Castillo, a company spokesman, said". Not before a title
        // ("Springfield, Ill. Gov. JB Pritzker"), a role or a dateline's "(AP)".
        if (place && !heading_ && !next.opened && next.start == Start::upper && !next.abbrev && !next.role && !next.initial)
          return true;
        [[fallthrough]];
      case WordClass::acronym:
      case WordClass::initial:
        if (heading_ || next.initial) return false;
        return next.starter || (next.quoted && next.start == Start::upper);
      case WordClass::clock:
        if (heading_) return false;
        return next.start == Start::upper && !next.time;
      case WordClass::plain:
        break;
    }
    return true;
  }

  std::string_view t_;
  std::vector<Sentence>& out_;
  std::size_t pe_ = 0;
  std::uint32_t paragraph_ = 0;
  bool heading_ = false;
  std::size_t sent_ = 0;     // start of the current sentence
  std::size_t scanned_ = 0;  // how far has_content has looked
  bool content_ = false;     // the current sentence has a letter or digit
};

}  // namespace

Segmentation segment(std::string_view text, std::size_t begin) {
  Segmentation out;
  if (begin >= text.size()) return out;
  const Layout layout = measure(text, begin);
  out.sentences.reserve((text.size() - begin) / 64 + 1);
  Splitter splitter(text, out.sentences);

  Paragraph para;
  bool open = false;
  Line prev;
  auto close = [&]() {
    if (!open) return;
    para.sentence_begin = static_cast<std::uint32_t>(out.sentences.size());
    splitter.run(para.start, para.end, static_cast<std::uint32_t>(out.paragraphs.size()));
    para.sentence_end = static_cast<std::uint32_t>(out.sentences.size());
    out.paragraphs.push_back(para);
    open = false;
  };
  LineCursor lines(text, begin);
  Line l;
  bool gap = true;  // a blank line (or the start) before this line
  while (lines.next(l, gap)) {
    if (open && !gap && joins(text, prev, l, layout)) {
      para.end = static_cast<std::uint32_t>(l.cend);
    } else {
      close();
      para = Paragraph{static_cast<std::uint32_t>(l.cstart), static_cast<std::uint32_t>(l.cend),
                       0, 0};
      open = true;
    }
    prev = l;
  }
  close();
  return out;
}

}  // namespace storydiff
