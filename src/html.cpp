// HTML reading. A hand-written tokenizer in the spirit of the WHATWG one (comments, CDATA, raw
// text elements, quoted attributes, end-of-file inside a tag) that builds no tree: an open-element
// stack with per-name counts is enough to know what to drop and which <article> text is in, and
// keeps every step amortised O(1) however hostile the nesting.
#include "html.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "utf8.h"

namespace storydiff::detail {

// ---------------------------------------------------------------------------------------------
// Paragraph builder
// ---------------------------------------------------------------------------------------------

void TextBuilder::add(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t k = 0;
  while (k < n) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space_ = open_;
      ++k;
      continue;
    }
    if (c == 0xC2 && k + 1 < n) {
      const auto c1 = static_cast<unsigned char>(text[k + 1]);
      if (c1 == 0xA0) {  // no-break space: shown as a space, read as one
        pending_space_ = open_;
        k += 2;
        continue;
      }
      if (c1 == 0xAD) {  // soft hyphen: invisible, and would split words for the aligner
        k += 2;
        continue;
      }
    }
    if (!open_) {
      if (!out_.empty()) out_ += "\n\n";
      open_ = true;
    } else if (pending_space_) {
      out_ += ' ';
    }
    pending_space_ = false;
    // Copy the run of ordinary bytes in one go.
    std::size_t e = k + 1;
    while (e < n) {
      const auto d = static_cast<unsigned char>(text[e]);
      if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v' || d == 0xC2)
        break;
      ++e;
    }
    out_.append(text.data() + k, e - k);
    k = e;
  }
}

std::string TextBuilder::take() {
  std::string s = std::move(out_);
  out_.clear();
  open_ = false;
  pending_space_ = false;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Character references
// ---------------------------------------------------------------------------------------------

namespace {

struct Entity {
  std::string_view name;
  char32_t cp;
};

// The 252 character entity references of HTML 4.01 (HTMLlat1, HTMLsymbol, HTMLspecial), plus
// XML's &apos;, which every browser accepts.
constexpr Entity kEntities[] = {
    // HTMLlat1: U+00A0..U+00FF
    {"nbsp", 160}, {"iexcl", 161}, {"cent", 162}, {"pound", 163}, {"curren", 164}, {"yen", 165},
    {"brvbar", 166}, {"sect", 167}, {"uml", 168}, {"copy", 169}, {"ordf", 170}, {"laquo", 171},
    {"not", 172}, {"shy", 173}, {"reg", 174}, {"macr", 175}, {"deg", 176}, {"plusmn", 177},
    {"sup2", 178}, {"sup3", 179}, {"acute", 180}, {"micro", 181}, {"para", 182},
    {"middot", 183}, {"cedil", 184}, {"sup1", 185}, {"ordm", 186}, {"raquo", 187},
    {"frac14", 188}, {"frac12", 189}, {"frac34", 190}, {"iquest", 191}, {"Agrave", 192},
    {"Aacute", 193}, {"Acirc", 194}, {"Atilde", 195}, {"Auml", 196}, {"Aring", 197},
    {"AElig", 198}, {"Ccedil", 199}, {"Egrave", 200}, {"Eacute", 201}, {"Ecirc", 202},
    {"Euml", 203}, {"Igrave", 204}, {"Iacute", 205}, {"Icirc", 206}, {"Iuml", 207}, {"ETH", 208},
    {"Ntilde", 209}, {"Ograve", 210}, {"Oacute", 211}, {"Ocirc", 212}, {"Otilde", 213},
    {"Ouml", 214}, {"times", 215}, {"Oslash", 216}, {"Ugrave", 217}, {"Uacute", 218},
    {"Ucirc", 219}, {"Uuml", 220}, {"Yacute", 221}, {"THORN", 222}, {"szlig", 223},
    {"agrave", 224}, {"aacute", 225}, {"acirc", 226}, {"atilde", 227}, {"auml", 228},
    {"aring", 229}, {"aelig", 230}, {"ccedil", 231}, {"egrave", 232}, {"eacute", 233},
    {"ecirc", 234}, {"euml", 235}, {"igrave", 236}, {"iacute", 237}, {"icirc", 238},
    {"iuml", 239}, {"eth", 240}, {"ntilde", 241}, {"ograve", 242}, {"oacute", 243},
    {"ocirc", 244}, {"otilde", 245}, {"ouml", 246}, {"divide", 247}, {"oslash", 248},
    {"ugrave", 249}, {"uacute", 250}, {"ucirc", 251}, {"uuml", 252}, {"yacute", 253},
    {"thorn", 254}, {"yuml", 255},
    // HTMLsymbol: Latin Extended-B, Greek, punctuation, letterlike, arrows, math, shapes
    {"fnof", 402}, {"Alpha", 913}, {"Beta", 914}, {"Gamma", 915}, {"Delta", 916},
    {"Epsilon", 917}, {"Zeta", 918}, {"Eta", 919}, {"Theta", 920}, {"Iota", 921},
    {"Kappa", 922}, {"Lambda", 923}, {"Mu", 924}, {"Nu", 925}, {"Xi", 926}, {"Omicron", 927},
    {"Pi", 928}, {"Rho", 929}, {"Sigma", 931}, {"Tau", 932}, {"Upsilon", 933}, {"Phi", 934},
    {"Chi", 935}, {"Psi", 936}, {"Omega", 937}, {"alpha", 945}, {"beta", 946}, {"gamma", 947},
    {"delta", 948}, {"epsilon", 949}, {"zeta", 950}, {"eta", 951}, {"theta", 952},
    {"iota", 953}, {"kappa", 954}, {"lambda", 955}, {"mu", 956}, {"nu", 957}, {"xi", 958},
    {"omicron", 959}, {"pi", 960}, {"rho", 961}, {"sigmaf", 962}, {"sigma", 963}, {"tau", 964},
    {"upsilon", 965}, {"phi", 966}, {"chi", 967}, {"psi", 968}, {"omega", 969},
    {"thetasym", 977}, {"upsih", 978}, {"piv", 982}, {"bull", 8226}, {"hellip", 8230},
    {"prime", 8242}, {"Prime", 8243}, {"oline", 8254}, {"frasl", 8260}, {"weierp", 8472},
    {"image", 8465}, {"real", 8476}, {"trade", 8482}, {"alefsym", 8501}, {"larr", 8592},
    {"uarr", 8593}, {"rarr", 8594}, {"darr", 8595}, {"harr", 8596}, {"crarr", 8629},
    {"lArr", 8656}, {"uArr", 8657}, {"rArr", 8658}, {"dArr", 8659}, {"hArr", 8660},
    {"forall", 8704}, {"part", 8706}, {"exist", 8707}, {"empty", 8709}, {"nabla", 8711},
    {"isin", 8712}, {"notin", 8713}, {"ni", 8715}, {"prod", 8719}, {"sum", 8721},
    {"minus", 8722}, {"lowast", 8727}, {"radic", 8730}, {"prop", 8733}, {"infin", 8734},
    {"ang", 8736}, {"and", 8743}, {"or", 8744}, {"cap", 8745}, {"cup", 8746}, {"int", 8747},
    {"there4", 8756}, {"sim", 8764}, {"cong", 8773}, {"asymp", 8776}, {"ne", 8800},
    {"equiv", 8801}, {"le", 8804}, {"ge", 8805}, {"sub", 8834}, {"sup", 8835}, {"nsub", 8836},
    {"sube", 8838}, {"supe", 8839}, {"oplus", 8853}, {"otimes", 8855}, {"perp", 8869},
    {"sdot", 8901}, {"lceil", 8968}, {"rceil", 8969}, {"lfloor", 8970}, {"rfloor", 8971},
    {"lang", 9001}, {"rang", 9002}, {"loz", 9674}, {"spades", 9824}, {"clubs", 9827},
    {"hearts", 9829}, {"diams", 9830},
    // HTMLspecial: markup-significant, Latin Extended, spacing and punctuation
    {"quot", 34}, {"amp", 38}, {"lt", 60}, {"gt", 62}, {"OElig", 338}, {"oelig", 339},
    {"Scaron", 352}, {"scaron", 353}, {"Yuml", 376}, {"circ", 710}, {"tilde", 732},
    {"ensp", 8194}, {"emsp", 8195}, {"thinsp", 8201}, {"zwnj", 8204}, {"zwj", 8205},
    {"lrm", 8206}, {"rlm", 8207}, {"ndash", 8211}, {"mdash", 8212}, {"lsquo", 8216},
    {"rsquo", 8217}, {"sbquo", 8218}, {"ldquo", 8220}, {"rdquo", 8221}, {"bdquo", 8222},
    {"dagger", 8224}, {"Dagger", 8225}, {"permil", 8240}, {"lsaquo", 8249}, {"rsaquo", 8250},
    {"euro", 8364},
    // XML / HTML5
    {"apos", 39},
};

const std::vector<Entity>& sorted_entities() {
  static const std::vector<Entity> sorted = [] {
    std::vector<Entity> v(std::begin(kEntities), std::end(kEntities));
    std::sort(v.begin(), v.end(), [](const Entity& a, const Entity& b) { return a.name < b.name; });
    return v;
  }();
  return sorted;
}

// Browsers read &#128;..&#159; as the Windows-1252 characters authors meant (&#146; is ’).
constexpr char32_t kWindows1252[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178,
};

bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) noexcept { return is_ascii_alpha(c) || is_ascii_digit(c); }
int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

char32_t named_entity(std::string_view name) noexcept {
  const auto& v = sorted_entities();
  const auto it = std::lower_bound(v.begin(), v.end(), name,
                                   [](const Entity& e, std::string_view n) { return e.name < n; });
  return (it != v.end() && it->name == name) ? it->cp : 0;
}

std::size_t named_entity_count() noexcept { return std::size(kEntities); }

std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out,
                          bool require_semicolon) {
  const std::size_t n = s.size();
  if (i >= n || s[i] != '&') return 0;
  std::size_t j = i + 1;
  if (j < n && s[j] == '#') {
    ++j;
    const bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const std::size_t digits = j;
    std::uint32_t value = 0;
    bool too_big = false;
    while (j < n) {
      const int d = hex ? hex_value(s[j]) : (is_ascii_digit(s[j]) ? s[j] - '0' : -1);
      if (d < 0) break;
      if (!too_big) {
        value = value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d);
        too_big = value > 0x10FFFF;  // stop accumulating before it could overflow
      }
      ++j;
    }
    if (j == digits) return 0;
    const bool semicolon = j < n && s[j] == ';';
    if (!semicolon && require_semicolon) return 0;
    if (semicolon) ++j;
    char32_t cp = too_big ? 0xFFFD : static_cast<char32_t>(value);
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp >= 0x80 && cp <= 0x9F) cp = kWindows1252[cp - 0x80];
    append_utf8(out, cp);
    return j - i;
  }
  while (j < n && is_ascii_alnum(s[j])) ++j;
  const std::string_view name = s.substr(i + 1, j - i - 1);
  if (name.empty()) return 0;
  if (j < n && s[j] == ';') {
    const char32_t cp = named_entity(name);
    if (cp == 0) return 0;
    append_utf8(out, cp);
    return j + 1 - i;
  }
  // Pages written by hand often drop the ';' of the commonest references; browsers accept them.
  if (!require_semicolon && (name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
                             name == "nbsp" || name == "copy" || name == "reg")) {
    append_utf8(out, named_entity(name));
    return j - i;
  }
  return 0;
}

void append_decoded(std::string_view s, std::string& out, bool require_semicolon) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(s.data() + i, s.size() - i);
      return;
    }
    out.append(s.data() + i, amp - i);
    const std::size_t used = decode_entity(s, amp, out, require_semicolon);
    if (used == 0) {
      out += '&';
      i = amp + 1;
    } else {
      i = amp + used;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sniffing
// ---------------------------------------------------------------------------------------------

bool looks_like_html(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
    ++i;
  constexpr std::size_t kWindow = 2048;
  char head[kWindow];
  const std::size_t len = std::min(kWindow, text.size() - i);
  for (std::size_t k = 0; k < len; ++k) head[k] = ascii_lower(text[i + k]);
  const std::string_view h(head, len);
  if (h.substr(0, 14) == "<!doctype html" || h.substr(0, 5) == "<html") return true;
  for (std::string_view tag : {"<p", "<article", "<body"}) {
    std::size_t at = 0;
    while ((at = h.find(tag, at)) != std::string_view::npos) {
      at += tag.size();
      if (at < h.size() && (h[at] == '>' || h[at] == ' ' || h[at] == '\t' || h[at] == '\n'))
        return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

namespace {

enum TagFlag : std::uint8_t {
  kBlock = 1,  // starts and ends a paragraph
  kDrop = 2,   // its content is not article text
  kVoid = 4,   // never has content or an end tag
  kRaw = 8,    // raw text: content runs to the matching end tag, markup inside is text
};

enum class Special : std::uint8_t { none, article, main, body, head, head_content, title, foreign,
                                    cell };

struct TagInfo {
  std::uint8_t flags = 0;
  Special special = Special::none;
};

struct KnownTag {
  std::string_view name;
  std::uint8_t flags;
  Special special;
};

constexpr KnownTag kKnownTags[] = {
    {"address", kBlock, Special::none},
    {"area", kVoid, Special::none},
    {"article", kBlock, Special::article},
    {"aside", kBlock | kDrop, Special::none},
    {"audio", kDrop, Special::none},
    {"base", kVoid, Special::head_content},
    {"blockquote", kBlock, Special::none},
    {"body", kBlock, Special::body},
    {"br", kBlock | kVoid, Special::none},
    {"button", kDrop, Special::none},
    {"canvas", kDrop, Special::none},
    {"caption", kBlock, Special::none},
    {"center", kBlock, Special::none},
    {"col", kVoid, Special::none},
    {"dd", kBlock, Special::none},
    {"details", kBlock, Special::none},
    {"div", kBlock, Special::none},
    {"dl", kBlock, Special::none},
    {"dt", kBlock, Special::none},
    {"embed", kVoid, Special::none},
    {"fieldset", kBlock, Special::none},
    {"figcaption", kBlock, Special::none},
    {"figure", kBlock, Special::none},
    {"footer", kBlock | kDrop, Special::none},
    {"form", kBlock | kDrop, Special::none},
    {"h1", kBlock, Special::none},
    {"h2", kBlock, Special::none},
    {"h3", kBlock, Special::none},
    {"h4", kBlock, Special::none},
    {"h5", kBlock, Special::none},
    {"h6", kBlock, Special::none},
    {"head", kDrop, Special::head},
    {"header", kBlock | kDrop, Special::none},
    {"hgroup", kBlock, Special::none},
    {"hr", kBlock | kVoid, Special::none},
    {"html", kBlock, Special::none},
    {"iframe", kBlock | kDrop | kRaw, Special::none},
    {"img", kVoid, Special::none},
    {"input", kVoid, Special::none},
    {"legend", kBlock, Special::none},
    {"li", kBlock, Special::none},
    {"link", kVoid, Special::head_content},
    {"main", kBlock, Special::main},
    {"math", 0, Special::foreign},
    {"menu", kBlock, Special::none},
    {"meta", kVoid, Special::head_content},
    {"nav", kBlock | kDrop, Special::none},
    {"noembed", kDrop | kRaw, Special::none},
    {"noframes", kDrop | kRaw, Special::none},
    {"noscript", kDrop | kRaw, Special::head_content},  // raw text when scripting is enabled
    {"object", kDrop, Special::none},
    {"ol", kBlock, Special::none},
    {"p", kBlock, Special::none},
    {"param", kVoid, Special::none},
    {"pre", kBlock, Special::none},
    {"script", kDrop | kRaw, Special::head_content},
    {"section", kBlock, Special::none},
    {"select", kDrop, Special::none},
    {"source", kVoid, Special::none},
    {"style", kDrop | kRaw, Special::head_content},
    {"summary", kBlock, Special::none},
    {"svg", kDrop, Special::foreign},
    {"table", kBlock, Special::none},
    {"tbody", kBlock, Special::none},
    {"td", 0, Special::cell},
    {"template", kDrop, Special::head_content},
    {"textarea", kDrop | kRaw, Special::none},
    {"tfoot", kBlock, Special::none},
    {"th", 0, Special::cell},
    {"thead", kBlock, Special::none},
    {"title", kRaw, Special::title},
    {"tr", kBlock, Special::none},
    {"track", kVoid, Special::none},
    {"ul", kBlock, Special::none},
    {"video", kDrop, Special::none},
    {"wbr", kVoid, Special::none},
};

TagInfo known_tag(std::string_view lower_name) noexcept {
  for (const auto& t : kKnownTags)
    if (t.name == lower_name) return TagInfo{t.flags, t.special};
  return TagInfo{};
}

bool is_html_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Scans the rest of a tag from s[j] (just after its name): attributes, with quoted values that
// may hold '>'. Returns the index of the closing '>' or npos when the input ends inside the tag
// (the tag is then dropped, as browsers do). Sets `self_closing` for "/>".
std::size_t scan_tag_end(std::string_view s, std::size_t j, bool& self_closing) noexcept {
  const std::size_t n = s.size();
  self_closing = false;
  while (j < n) {
    const char c = s[j];
    if (c == '>') return j;
    if (is_html_space(c)) {
      ++j;
      continue;
    }
    if (c == '/') {
      self_closing = j + 1 < n && s[j + 1] == '>';
      ++j;
      continue;
    }
    // Attribute name (a leading '=' belongs to the name, as in the standard).
    ++j;
    while (j < n && !is_html_space(s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=') ++j;
    while (j < n && is_html_space(s[j])) ++j;
    if (j < n && s[j] == '=') {
      ++j;
      while (j < n && is_html_space(s[j])) ++j;
      if (j < n && (s[j] == '"' || s[j] == '\'')) {
        const std::size_t close = s.find(s[j], j + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        j = close + 1;
      } else {
        while (j < n && !is_html_space(s[j]) && s[j] != '>') ++j;
      }
    }
  }
  return std::string_view::npos;
}

// Where "</name" (any case, followed by white space, '/' or '>') starts at or after `from`.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) noexcept {
  const std::size_t n = s.size();
  std::size_t k = from;
  while ((k = s.find("</", k)) != std::string_view::npos) {
    const std::size_t after = k + 2 + name.size();
    if (after <= n) {
      bool same = true;
      for (std::size_t m = 0; m < name.size() && same; ++m)
        same = ascii_lower(s[k + 2 + m]) == name[m];
      if (same && (after == n || is_html_space(s[after]) || s[after] == '/' || s[after] == '>'))
        return k;
    }
    k += 2;
  }
  return std::string_view::npos;
}

class Extractor {
 public:
  explicit Extractor(std::string_view s) : s_(s) {}

  HtmlExtract run() {
    tokenize();
    return assemble();
  }

 private:
  // A run of decoded text, or a paragraph break, with where it sits in the page.
  struct Piece {
    std::uint32_t begin = 0;  // into buf_
    std::uint32_t end = 0;
    std::int32_t article = -1;  // outermost open <article>, or -1
    bool in_main = false;
    bool is_break = false;
  };

  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  void tokenize() {
    const std::string_view s = s_;
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
      const std::size_t lt = s.find('<', i);
      if (lt == std::string_view::npos) {
        text(s.substr(i), true);
        break;
      }
      if (lt > i) text(s.substr(i, lt - i), true);
      i = lt;
      const char c1 = i + 1 < n ? s[i + 1] : '\0';
      if (c1 == '!') {
        if (s.compare(i, 4, "<!--") == 0) {
          // "<!-->" and "<!--->" are complete (empty) comments.
          if (s.compare(i, 5, "<!-->") == 0) {
            i += 5;
          } else if (s.compare(i, 6, "<!--->") == 0) {
            i += 6;
          } else {
            const std::size_t end = s.find("-->", i + 4);
            i = end == std::string_view::npos ? n : end + 3;
          }
        } else if (s.compare(i, 9, "<![CDATA[") == 0) {
          // XHTML authors mean CDATA as literal text.
          const std::size_t end = s.find("]]>", i + 9);
          const std::size_t stop = end == std::string_view::npos ? n : end;
          text(s.substr(i + 9, stop - i - 9), false);
          i = end == std::string_view::npos ? n : end + 3;
        } else {  // <!DOCTYPE ...> and other declarations
          const std::size_t end = s.find('>', i + 2);
          i = end == std::string_view::npos ? n : end + 1;
        }
      } else if (c1 == '?') {  // processing instruction: a bogus comment up to '>'
        const std::size_t end = s.find('>', i + 2);
        i = end == std::string_view::npos ? n : end + 1;
      } else if (c1 == '/') {
        const char c2 = i + 2 < n ? s[i + 2] : '\0';
        if (is_ascii_alpha(c2)) {
          i = end_tag(i + 2);
        } else if (c2 == '>') {
          i += 3;  // "</>" is ignored
        } else {  // "</ ..." and the like: a bogus comment up to '>'
          const std::size_t end = s.find('>', i + 2);
          i = end == std::string_view::npos ? n : end + 1;
        }
      } else if (is_ascii_alpha(c1)) {
        i = start_tag(i + 1);
      } else {
        text("<", false);  // a '<' that starts no markup is text ("a < b", "<3")
        ++i;
      }
    }
  }

  // Reads a tag name starting at s_[j]; leaves j just past it and the lowercase name in name_.
  void read_name(std::size_t& j) {
    name_.clear();
    while (j < s_.size() && !is_html_space(s_[j]) && s_[j] != '/' && s_[j] != '>')
      name_ += ascii_lower(s_[j++]);
  }

  std::uint32_t intern(const std::string& name) {
    const auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(info_.size());
    ids_.emplace(name, id);
    info_.push_back(known_tag(name));
    open_count_.push_back(0);
    return id;
  }

  std::size_t start_tag(std::size_t j) {
    read_name(j);
    bool self_closing = false;
    const std::size_t gt = scan_tag_end(s_, j, self_closing);
    if (gt == std::string_view::npos) return s_.size();  // end of input inside a tag
    const std::uint32_t id = intern(name_);
    const TagInfo info = info_[id];

    // A tag that cannot live in <head> closes an unclosed head, as the tree builder does.
    if (head_id_ != kNone && open_count_[head_id_] > 0 && info.special != Special::head_content &&
        info.special != Special::title && info.special != Special::head)
      pop_to(head_id_);

    if (info.flags & kRaw) {
      const std::size_t content = gt + 1;
      const std::size_t close = find_end_tag(s_, content, name_);
      const std::size_t stop = close == std::string_view::npos ? s_.size() : close;
      if (info.special == Special::title && !have_title_ && foreign_depth_ == 0) {
        std::string decoded;
        append_decoded(s_.substr(content, stop - content), decoded, false);
        TextBuilder tb;
        tb.add(decoded);
        title_ = tb.take();
        have_title_ = true;
      }
      if (info.flags & kBlock) paragraph_break();
      if (close == std::string_view::npos) return s_.size();
      bool ignored = false;
      const std::size_t end = scan_tag_end(s_, close + 2 + name_.size(), ignored);
      return end == std::string_view::npos ? s_.size() : end + 1;
    }

    if (info.special == Special::cell) text(" ", false);  // keep table cells apart
    if (info.flags & kBlock) paragraph_break();
    // "/>" is honoured on every element: on foreign ones it is real, and on HTML ones ("<nav/>")
    // trusting it loses less text than the standard's reading would.
    if (!(info.flags & kVoid) && !self_closing) push(id, info);
    return gt + 1;
  }

  std::size_t end_tag(std::size_t j) {
    read_name(j);
    bool ignored = false;
    const std::size_t gt = scan_tag_end(s_, j, ignored);
    const auto it = ids_.find(name_);
    const TagInfo info = it != ids_.end() ? info_[it->second] : known_tag(name_);
    if (it != ids_.end() && open_count_[it->second] > 0) pop_to(it->second);
    // A stray </p> or </br> still ends a paragraph, as it does on screen.
    if (info.flags & kBlock) paragraph_break();
    if (info.special == Special::cell) text(" ", false);
    return gt == std::string_view::npos ? s_.size() : gt + 1;
  }

  void push(std::uint32_t id, const TagInfo& info) {
    stack_.push_back(id);
    ++open_count_[id];
    // A <header> inside an <article> holds the article's headline: its h1-h6 are kept, and the
    // kicker, byline and date around them dropped. Page headers are dropped whole.
    const bool article_header = name_ == "header" && article_depth_ > 0;
    const bool heading = name_.size() == 2 && name_[0] == 'h' && name_[1] >= '1' && name_[1] <= '6';
    const bool drop = (info.flags & kDrop) && !article_header;
    open_.push_back({drop, article_header, heading});
    if (drop) ++drop_depth_;
    if (article_header) ++article_header_depth_;
    if (heading) ++heading_depth_;
    switch (info.special) {
      case Special::article:
        if (article_depth_++ == 0) {
          current_article_ = static_cast<std::int32_t>(article_size_.size());
          article_size_.push_back(0);
        }
        break;
      case Special::main: ++main_depth_; break;
      case Special::foreign: ++foreign_depth_; break;
      case Special::head: head_id_ = id; break;
      default: break;
    }
  }

  // Pops open elements down to and including the innermost `id` (which must be open). Each
  // element is pushed once and popped once, so this is amortised O(1).
  void pop_to(std::uint32_t id) {
    bool block = false;
    while (!stack_.empty()) {
      const std::uint32_t top = stack_.back();
      stack_.pop_back();
      --open_count_[top];
      const TagInfo& info = info_[top];
      if (open_.back().drop) --drop_depth_;
      if (open_.back().article_header) --article_header_depth_;
      if (open_.back().heading) --heading_depth_;
      open_.pop_back();
      if (info.flags & kBlock) block = true;
      switch (info.special) {
        case Special::article:
          if (--article_depth_ == 0) current_article_ = -1;
          break;
        case Special::main: --main_depth_; break;
        case Special::foreign: --foreign_depth_; break;
        default: break;
      }
      if (top == id) break;
    }
    if (block) paragraph_break();
  }

  void text(std::string_view raw, bool decode) {
    if (drop_depth_ > 0 || raw.empty()) return;
    if (article_header_depth_ > 0 && heading_depth_ == 0) return;
    const std::size_t begin = buf_.size();
    if (decode) {
      append_decoded(raw, buf_, false);
    } else {
      buf_.append(raw.data(), raw.size());
    }
    if (current_article_ >= 0) {
      std::size_t visible = 0;
      for (std::size_t k = begin; k < buf_.size(); ++k) visible += !is_html_space(buf_[k]);
      article_size_[static_cast<std::size_t>(current_article_)] += visible;
    }
    const bool in_main = main_depth_ > 0;
    if (!pieces_.empty()) {
      Piece& last = pieces_.back();
      if (!last.is_break && last.end == begin && last.article == current_article_ &&
          last.in_main == in_main) {
        last.end = static_cast<std::uint32_t>(buf_.size());
        return;
      }
    }
    pieces_.push_back(Piece{static_cast<std::uint32_t>(begin),
                            static_cast<std::uint32_t>(buf_.size()), current_article_, in_main,
                            false});
  }

  void paragraph_break() {
    if (drop_depth_ > 0) return;
    if (!pieces_.empty() && pieces_.back().is_break) return;
    pieces_.push_back(Piece{0, 0, current_article_, main_depth_ > 0, true});
  }

  HtmlExtract assemble() {
    // The largest <article> by visible text wins; then <main>; then the whole page.
    std::int32_t best = -1;
    std::size_t best_size = 0;
    for (std::size_t a = 0; a < article_size_.size(); ++a) {
      if (article_size_[a] > best_size) {
        best_size = article_size_[a];
        best = static_cast<std::int32_t>(a);
      }
    }
    bool use_main = false;
    if (best < 0) {
      for (const Piece& p : pieces_) {
        if (p.in_main && !p.is_break) {
          for (std::uint32_t k = p.begin; k < p.end && !use_main; ++k)
            use_main = !is_html_space(buf_[k]);
          if (use_main) break;
        }
      }
    }
    TextBuilder tb;
    for (const Piece& p : pieces_) {
      const bool keep = best >= 0 ? p.article == best : (!use_main || p.in_main);
      if (!keep || p.is_break) {
        // Skipped content counts as a boundary, so two kept regions never run together.
        tb.paragraph_break();
        continue;
      }
      tb.add(std::string_view(buf_).substr(p.begin, p.end - p.begin));
    }
    HtmlExtract out;
    out.text = tb.take();
    out.title = std::move(title_);
    return out;
  }

  std::string_view s_;
  std::string name_;  // scratch: the current tag's lowercase name
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<TagInfo> info_;
  std::vector<std::uint32_t> open_count_;
  std::vector<std::uint32_t> stack_;
  std::uint32_t head_id_ = kNone;
  std::size_t drop_depth_ = 0;
  std::size_t article_header_depth_ = 0, heading_depth_ = 0;
  struct Open {
    bool drop;            // counts in drop_depth_
    bool article_header;  // a <header> inside an <article>
    bool heading;         // h1-h6
  };
  std::vector<Open> open_;  // parallel to stack_
  std::size_t main_depth_ = 0;
  std::size_t foreign_depth_ = 0;
  std::size_t article_depth_ = 0;
  std::int32_t current_article_ = -1;
  std::vector<std::size_t> article_size_;
  std::string buf_;
  std::vector<Piece> pieces_;
  std::string title_;
  bool have_title_ = false;
};

}  // namespace

HtmlExtract extract_html(std::string_view html) { return Extractor(html).run(); }

}  // namespace storydiff::detail
