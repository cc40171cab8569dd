// Markdown reading: a line-based block pass (CommonMark's block rules, simplified to what prose
// needs), then an inline pass per block that removes markup. Every inline construct is found by
// precomputed matches (backtick runs by length, bracket and parenthesis stacks, monotone search
// cursors), so no input can make the reader rescan text: the whole read is linear.
#include "markdown.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "html.h"
#include "utf8.h"

namespace storydiff::detail {
namespace {

constexpr std::size_t npos = std::string_view::npos;

using Labels = std::unordered_set<std::string>;

bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) noexcept { return is_ascii_alpha(c) || is_ascii_digit(c); }
bool is_ascii_punct(char c) noexcept {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}
bool is_blank_char(char c) noexcept { return c == ' ' || c == '\t'; }
char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_blank_char(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank_char(s.back())) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) noexcept { return trim(s).empty(); }

// Link labels match case-insensitively with inner white space collapsed.
std::string normalize_label(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ascii_lower(c);
  }
  return out;
}

// Finds a needle at or after monotonically increasing positions, each byte examined once: a
// match found for an earlier position is still the first one for a later position before it.
class ForwardFinder {
 public:
  explicit ForwardFinder(std::string_view needle) : needle_(needle) {}
  std::size_t next(std::string_view s, std::size_t from) {
    if (!valid_ || found_ < from) {
      found_ = s.find(needle_, from);
      valid_ = true;
    }
    return found_;
  }

 private:
  std::string_view needle_;
  std::size_t found_ = npos;
  bool valid_ = false;
};

// ---------------------------------------------------------------------------------------------
// Inline content
// ---------------------------------------------------------------------------------------------

class InlineRenderer {
 public:
  InlineRenderer(std::string_view s, const Labels* labels) : s_(s), labels_(labels) {}

  std::string run() {
    find_structure();
    render();
    return finish();
  }

 private:
  struct CodeSpan {
    std::size_t content_begin, content_end, end;
  };
  struct Markup {
    std::size_t end = 0;
    bool autolink = false;  // <scheme:...> or <user@host>: its inside is visible text
    bool block = false;     // a block-level tag (<br>, <p>...): read as a space
  };
  struct Delim {
    std::size_t pos;  // in out_
    std::size_t len;
    char ch;
    bool can_open, can_close;
    bool removed = false;
  };
  struct Run {
    std::size_t pos, len, rank;  // rank: index among runs of the same length
  };

  // Pass 1: code spans, raw HTML and autolinks (which hide what is inside them), escapes, and
  // matching pairs of brackets and parentheses.
  void find_structure() {
    const std::size_t n = s_.size();
    std::unordered_map<std::size_t, std::vector<std::size_t>> runs_by_len;
    for (std::size_t i = 0; i < n;) {
      if (s_[i] != '`') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < n && s_[j] == '`') ++j;
      auto& same = runs_by_len[j - i];
      runs_.push_back(Run{i, j - i, same.size()});
      same.push_back(runs_.size() - 1);
      i = j;
    }
    std::vector<std::size_t> brackets, parens;
    std::size_t r = 0;
    std::size_t i = 0;
    while (i < n) {
      const char c = s_[i];
      if (c == '\\' && i + 1 < n && is_ascii_punct(s_[i + 1])) {
        i = escape_end(i);
        continue;
      }
      if (c == '`') {
        while (runs_[r].pos < i) ++r;
        const Run& run = runs_[r];
        const auto& same = runs_by_len[run.len];
        if (run.rank + 1 < same.size()) {
          const Run& closer = runs_[same[run.rank + 1]];
          code_.emplace(i, CodeSpan{i + run.len, closer.pos, closer.pos + closer.len});
          i = closer.pos + closer.len;
          r = same[run.rank + 1] + 1;
        } else {
          i += run.len;
          ++r;
        }
        continue;
      }
      if (c == '<') {
        Markup m;
        if (markup_at(i, m)) {
          markup_.emplace(i, m);
          i = m.end;
          continue;
        }
      } else if (c == '[') {
        brackets.push_back(i);
      } else if (c == ']') {
        if (!brackets.empty()) {
          bracket_match_.emplace(brackets.back(), i);
          brackets.pop_back();
        }
      } else if (c == '(') {
        parens.push_back(i);
      } else if (c == ')') {
        if (!parens.empty()) {
          paren_match_.emplace(parens.back(), i);
          parens.pop_back();
        }
      }
      ++i;
    }
  }

  // Where a backslash escape at s_[i] ends. An escaped backtick makes its whole run literal.
  std::size_t escape_end(std::size_t i) const noexcept {
    if (s_[i + 1] != '`') return i + 2;
    std::size_t j = i + 1;
    while (j < s_.size() && s_[j] == '`') ++j;
    return j;
  }

  // Raw HTML (tags, comments, declarations, processing instructions, CDATA) or an autolink at
  // s_[i] == '<'. Scans of tags stop at the next '<', and the other searches go through forward
  // finders, so pass 1 stays linear.
  bool markup_at(std::size_t i, Markup& m) {
    const std::size_t n = s_.size();
    if (i + 1 >= n) return false;
    auto ends_at = [&m](std::size_t end) {
      m.end = end;
      return true;
    };
    const char c1 = s_[i + 1];
    if (c1 == '!') {
      if (s_.compare(i, 4, "<!--") == 0) {
        if (s_.compare(i, 5, "<!-->") == 0) return ends_at(i + 5);
        if (s_.compare(i, 6, "<!--->") == 0) return ends_at(i + 6);
        const std::size_t e = comment_end_.next(s_, i + 4);
        return e != npos && ends_at(e + 3);
      }
      if (s_.compare(i, 9, "<![CDATA[") == 0) {
        const std::size_t e = cdata_end_.next(s_, i + 9);
        return e != npos && ends_at(e + 3);
      }
      if (i + 2 < n && is_ascii_alpha(s_[i + 2])) {
        const std::size_t e = gt_.next(s_, i + 2);
        return e != npos && ends_at(e + 1);
      }
      return false;
    }
    if (c1 == '?') {
      const std::size_t e = pi_end_.next(s_, i + 2);
      return e != npos && ends_at(e + 2);
    }
    if (c1 == '/') {
      std::size_t j = i + 2;
      if (j >= n || !is_ascii_alpha(s_[j])) return false;
      const std::size_t name = j;
      while (j < n && (is_ascii_alnum(s_[j]) || s_[j] == '-')) ++j;
      m.block = is_block_tag(s_.substr(name, j - name));
      while (j < n && (is_blank_char(s_[j]) || s_[j] == '\n')) ++j;
      return j < n && s_[j] == '>' && ends_at(j + 1);
    }
    if (!is_ascii_alpha(c1)) return false;
    if (autolink_at(i, m)) return true;
    std::size_t j = i + 1;
    while (j < n && (is_ascii_alnum(s_[j]) || s_[j] == '-')) ++j;
    m.block = is_block_tag(s_.substr(i + 1, j - i - 1));
    for (;;) {
      const std::size_t before = j;
      while (j < n && (is_blank_char(s_[j]) || s_[j] == '\n')) ++j;
      if (j >= n) return false;
      if (s_[j] == '>') return ends_at(j + 1);
      if (s_[j] == '/') return j + 1 < n && s_[j + 1] == '>' && ends_at(j + 2);
      if (j == before) return false;  // attributes need white space before them
      if (!(is_ascii_alpha(s_[j]) || s_[j] == '_' || s_[j] == ':')) return false;
      while (j < n && (is_ascii_alnum(s_[j]) || s_[j] == '_' || s_[j] == '.' || s_[j] == ':' ||
                       s_[j] == '-'))
        ++j;
      std::size_t k = j;
      while (k < n && (is_blank_char(s_[k]) || s_[k] == '\n')) ++k;
      if (k < n && s_[k] == '=') {
        ++k;
        while (k < n && (is_blank_char(s_[k]) || s_[k] == '\n')) ++k;
        if (k >= n) return false;
        if (s_[k] == '"' || s_[k] == '\'') {
          // A quoted value may not hold '<' here (real markup never needs it), which keeps every
          // failed scan short of the next '<'.
          const char q = s_[k++];
          while (k < n && s_[k] != q && s_[k] != '<') ++k;
          if (k >= n || s_[k] != q) return false;
          ++k;
        } else {
          const std::size_t v = k;
          while (k < n && !is_blank_char(s_[k]) && s_[k] != '\n' && s_[k] != '"' &&
                 s_[k] != '\'' && s_[k] != '=' && s_[k] != '<' && s_[k] != '>' && s_[k] != '`')
            ++k;
          if (k == v) return false;
        }
        j = k;
      }
    }
  }

  bool autolink_at(std::size_t i, Markup& m) const noexcept {
    const std::size_t n = s_.size();
    // <scheme:anything-without-space-or-angle-brackets>
    std::size_t j = i + 1;
    while (j < n && (is_ascii_alnum(s_[j]) || s_[j] == '+' || s_[j] == '.' || s_[j] == '-')) ++j;
    if (j - i - 1 >= 2 && j - i - 1 <= 32 && j < n && s_[j] == ':') {
      ++j;
      while (j < n && s_[j] != '<' && s_[j] != '>' && s_[j] != ' ' && s_[j] != '\t' &&
             s_[j] != '\n')
        ++j;
      if (j < n && s_[j] == '>') {
        m.end = j + 1;
        m.autolink = true;
        return true;
      }
      return false;
    }
    // <user@host>
    j = i + 1;
    while (j < n && (is_ascii_alnum(s_[j]) || std::string_view(".!#$%&'*+/=?^_`{|}~-").find(
                                                   s_[j]) != npos))
      ++j;
    if (j == i + 1 || j >= n || s_[j] != '@') return false;
    const std::size_t host = ++j;
    while (j < n && (is_ascii_alnum(s_[j]) || s_[j] == '.' || s_[j] == '-')) ++j;
    if (j == host || j >= n || s_[j] != '>') return false;
    m.end = j + 1;
    m.autolink = true;
    return true;
  }

  static bool is_block_tag(std::string_view name) {
    static const std::unordered_set<std::string> kBlocks = {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"};
    std::string lower;
    for (const char c : name) lower += ascii_lower(c);
    return kBlocks.count(lower) != 0;
  }

  bool defined(std::string_view label) const {
    return labels_ != nullptr && !labels_->empty() && labels_->count(normalize_label(label)) != 0;
  }

  std::size_t match(const std::unordered_map<std::size_t, std::size_t>& m,
                    std::size_t at) const noexcept {
    const auto it = m.find(at);
    return it == m.end() ? npos : it->second;
  }

  // Pass 2: writes the visible text to out_, recording emphasis delimiter runs for pass 3.
  void render() {
    const std::size_t n = s_.size();
    out_.reserve(n);
    std::size_t i = 0;
    while (i < n) {
      const char c = s_[i];
      switch (c) {
        case '\\':
          if (i + 1 < n && is_ascii_punct(s_[i + 1])) {
            const std::size_t e = escape_end(i);
            out_.append(s_.data() + i + 1, e - i - 1);
            i = e;
          } else {
            out_ += '\\';
            ++i;
          }
          continue;
        case '`': {
          const auto it = code_.find(i);
          if (it != code_.end()) {
            out_.append(s_.data() + it->second.content_begin,
                        it->second.content_end - it->second.content_begin);
            i = it->second.end;
          } else {
            while (i < n && s_[i] == '`') out_ += s_[i++];
          }
          continue;
        }
        case '<': {
          const auto it = markup_.find(i);
          if (it != markup_.end()) {
            if (it->second.autolink) {
              out_.append(s_.data() + i + 1, it->second.end - i - 2);
            } else if (it->second.block) {
              out_ += ' ';
            }
            i = it->second.end;
          } else {
            out_ += '<';
            ++i;
          }
          continue;
        }
        case '!':
          if (i + 1 < n && s_[i + 1] == '[') {
            const std::size_t skip = image_end(i);
            if (skip != npos) {
              i = skip;
              continue;
            }
          }
          out_ += '!';
          ++i;
          continue;
        case '[':
          if (link_at(i)) {
            ++i;  // the link text is read on; the jump at its ']' skips the rest
            continue;
          }
          out_ += '[';
          ++i;
          continue;
        case ']': {
          const auto it = jump_.find(i);
          if (it != jump_.end()) {
            i = it->second;
          } else {
            out_ += ']';
            ++i;
          }
          continue;
        }
        case '*':
        case '_':
        case '~':
          i = delimiter_run(i);
          continue;
        case '&': {
          const std::size_t used = decode_entity(s_, i, out_, true);
          if (used == 0) {
            out_ += '&';
            ++i;
          } else {
            i += used;
          }
          continue;
        }
        default: {
          std::size_t e = i + 1;
          while (e < n && std::string_view("\\`<![]*_~&").find(s_[e]) == npos) ++e;
          out_.append(s_.data() + i, e - i);
          i = e;
        }
      }
    }
  }

  // An image at s_[i] == '!' (then '['): where it ends, or npos when it is none. Images are
  // dropped whole, alt text included: it describes a picture, it is not the story's prose.
  std::size_t image_end(std::size_t i) const {
    const std::size_t close = match(bracket_match_, i + 1);
    if (close == npos) return npos;
    const std::size_t after = close + 1;
    if (after < s_.size() && s_[after] == '(') {
      const std::size_t paren = match(paren_match_, after);
      if (paren != npos) return paren + 1;
    }
    const std::string_view alt = s_.substr(i + 2, close - i - 2);
    if (after < s_.size() && s_[after] == '[') {
      const std::size_t close2 = match(bracket_match_, after);
      if (close2 != npos) {
        const std::string_view label = s_.substr(after + 1, close2 - after - 1);
        if (defined(label.empty() ? alt : label)) return close2 + 1;
      }
    }
    if (defined(alt)) return after;
    return npos;
  }

  // A link at s_[i] == '[': inline [text](url), full [text][label], collapsed [text][] or
  // shortcut [label] when the label is defined. Records where to jump from its ']'.
  bool link_at(std::size_t i) {
    const std::size_t close = match(bracket_match_, i);
    if (close == npos) return false;
    const std::size_t after = close + 1;
    if (after < s_.size() && s_[after] == '(') {
      const std::size_t paren = match(paren_match_, after);
      if (paren != npos) {
        jump_[close] = paren + 1;
        return true;
      }
    }
    const std::string_view text = s_.substr(i + 1, close - i - 1);
    if (after < s_.size() && s_[after] == '[') {
      const std::size_t close2 = match(bracket_match_, after);
      if (close2 != npos) {
        const std::string_view label = s_.substr(after + 1, close2 - after - 1);
        if (defined(label.empty() ? text : label)) {
          jump_[close] = close2 + 1;
          return true;
        }
      }
    }
    if (defined(text)) {
      jump_[close] = after;
      return true;
    }
    return false;
  }

  // A run of '*', '_' or '~' at s_[i]: emphasis candidates (CommonMark's flanking rules),
  // written to out_ for now; pass 3 removes the ones that pair up.
  std::size_t delimiter_run(std::size_t i) {
    const std::size_t n = s_.size();
    const char ch = s_[i];
    std::size_t j = i;
    while (j < n && s_[j] == ch) ++j;
    const std::size_t len = j - i;
    const std::size_t at = out_.size();
    out_.append(len, ch);
    if (ch == '~' && len != 2) return j;  // only "~~" is strike-through; "~5 km" is text
    std::size_t l = 0;
    const char32_t prev = i > 0 ? decode_before(s_, i, l) : U' ';
    const char32_t next = j < n ? decode_at(s_, j, l) : U' ';
    const bool prev_space = is_space(prev), next_space = is_space(next);
    const bool prev_punct = is_punct(prev), next_punct = is_punct(next);
    const bool left = !next_space && (!next_punct || prev_space || prev_punct);
    const bool right = !prev_space && (!prev_punct || next_space || next_punct);
    bool open = left, close = right;
    if (ch == '_') {  // no intraword emphasis with '_': snake_case stays
      open = left && (!right || prev_punct);
      close = right && (!left || next_punct);
    }
    if (open || close) delims_.push_back(Delim{at, len, ch, open, close});
    return j;
  }

  // Pass 3: pairs delimiter runs (the nearest opener of the same character) and drops the pairs.
  std::string finish() {
    std::vector<std::size_t> openers[3];
    auto slot = [](char ch) { return ch == '*' ? 0 : ch == '_' ? 1 : 2; };
    for (std::size_t d = 0; d < delims_.size(); ++d) {
      Delim& delim = delims_[d];
      auto& stack = openers[slot(delim.ch)];
      if (delim.can_close && !stack.empty()) {
        delims_[stack.back()].removed = true;
        delim.removed = true;
        stack.pop_back();
      } else if (delim.can_open) {
        stack.push_back(d);
      }
    }
    std::string result;
    result.reserve(out_.size());
    std::size_t from = 0;
    for (const Delim& d : delims_) {
      if (!d.removed) continue;
      result.append(out_, from, d.pos - from);
      from = d.pos + d.len;
    }
    result.append(out_, from, npos);
    return result;
  }

  std::string_view s_;
  const Labels* labels_;
  std::vector<Run> runs_;
  std::unordered_map<std::size_t, CodeSpan> code_;
  std::unordered_map<std::size_t, Markup> markup_;
  std::unordered_map<std::size_t, std::size_t> bracket_match_;
  std::unordered_map<std::size_t, std::size_t> paren_match_;
  std::unordered_map<std::size_t, std::size_t> jump_;
  ForwardFinder comment_end_{"-->"};
  ForwardFinder cdata_end_{"]]>"};
  ForwardFinder pi_end_{"?>"};
  ForwardFinder gt_{">"};
  std::string out_;
  std::vector<Delim> delims_;
};

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

struct Block {
  std::string raw;        // inline content, lines joined by one space
  int heading = 0;        // 1..6 for headings
  bool list_item = false;
};

// Columns of leading white space (tabs to the next multiple of 4); `rest` gets what follows.
std::size_t indentation(std::string_view line, std::string_view& rest) noexcept {
  std::size_t col = 0, k = 0;
  while (k < line.size() && is_blank_char(line[k])) {
    col = line[k] == '\t' ? (col / 4 + 1) * 4 : col + 1;
    ++k;
  }
  rest = line.substr(k);
  return col;
}

// Removes block quote markers ("> ", nested "> > ").
std::string_view strip_quotes(std::string_view line) noexcept {
  for (;;) {
    std::size_t k = 0;
    while (k < 3 && k < line.size() && line[k] == ' ') ++k;
    if (k >= line.size() || line[k] != '>') return line;
    line.remove_prefix(k + 1);
    if (!line.empty() && is_blank_char(line.front())) line.remove_prefix(1);
  }
}

bool fence_open(std::string_view rest, char& ch, std::size_t& len) noexcept {
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return false;
  std::size_t k = 0;
  while (k < rest.size() && rest[k] == rest[0]) ++k;
  if (k < 3) return false;
  if (rest[0] == '`' && rest.find('`', k) != npos) return false;  // inline code, not a fence
  ch = rest[0];
  len = k;
  return true;
}

bool fence_close(std::string_view line, char ch, std::size_t len) noexcept {
  std::string_view rest;
  if (indentation(line, rest) > 3) return false;
  std::size_t k = 0;
  while (k < rest.size() && rest[k] == ch) ++k;
  return k >= len && is_blank(rest.substr(k));
}

bool atx_heading(std::string_view rest, int& level, std::string_view& content) noexcept {
  std::size_t k = 0;
  while (k < rest.size() && rest[k] == '#') ++k;
  if (k == 0 || k > 6 || (k < rest.size() && !is_blank_char(rest[k]))) return false;
  level = static_cast<int>(k);
  std::string_view c = trim(rest.substr(k));
  // An optional closing sequence of '#'s, when it stands apart.
  std::size_t e = c.size();
  while (e > 0 && c[e - 1] == '#') --e;
  if (e == 0 || is_blank_char(c[e - 1])) c = trim(c.substr(0, e));
  content = c;
  return true;
}

bool setext_underline(std::string_view rest, int& level) noexcept {
  const std::string_view t = trim(rest);
  if (t.empty() || (t[0] != '=' && t[0] != '-')) return false;
  for (const char c : t)
    if (c != t[0]) return false;
  level = t[0] == '=' ? 1 : 2;
  return true;
}

bool thematic_break(std::string_view rest) noexcept {
  if (rest.empty() || (rest[0] != '*' && rest[0] != '-' && rest[0] != '_')) return false;
  std::size_t count = 0;
  for (const char c : rest) {
    if (c == rest[0]) {
      ++count;
    } else if (!is_blank_char(c)) {
      return false;
    }
  }
  return count >= 3;
}

// A list item marker: "-", "*", "+" or 1-9 digits and "." or ")", then white space or the end.
// `number` is -1 for bullets.
bool list_marker(std::string_view rest, std::string_view& content, long& number) noexcept {
  std::size_t k = 0;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+')) {
    k = 1;
    number = -1;
  } else {
    long value = 0;
    while (k < rest.size() && k < 9 && is_ascii_digit(rest[k])) value = value * 10 + (rest[k++] - '0');
    if (k == 0 || k >= rest.size() || (rest[k] != '.' && rest[k] != ')')) return false;
    ++k;
    number = value;
  }
  if (k < rest.size() && !is_blank_char(rest[k])) return false;
  content = trim(rest.substr(k));
  return true;
}

// A link reference definition "[label]: destination ...": sets `label`.
bool reference_definition(std::string_view rest, std::string_view& label) noexcept {
  if (rest.empty() || rest[0] != '[') return false;
  std::size_t k = 1;
  while (k < rest.size() && rest[k] != ']') {
    if (rest[k] == '[') return false;
    if (rest[k] == '\\') ++k;
    ++k;
  }
  if (k + 1 >= rest.size() || rest[k + 1] != ':') return false;
  label = rest.substr(1, k - 1);
  // Footnotes ("[^1]: ...") hold prose: keep them.
  if (is_blank(label) || label[0] == '^') return false;
  return !is_blank(rest.substr(k + 2));
}

class BlockParser {
 public:
  explicit BlockParser(std::string_view md) : md_(md) {}

  void run() {
    std::size_t pos = front_matter();
    bool in_fence = false;
    char fence_ch = '`';
    std::size_t fence_len = 0;
    const std::size_t n = md_.size();
    while (pos < n) {
      std::size_t eol = md_.find('\n', pos);
      if (eol == npos) eol = n;
      const std::string_view line = strip_quotes(md_.substr(pos, eol - pos));
      pos = eol + 1;

      if (in_fence) {
        if (fence_close(line, fence_ch, fence_len)) in_fence = false;
        continue;
      }
      if (is_blank(line)) {
        flush();
        continue;
      }
      std::string_view rest;
      const std::size_t indent = indentation(line, rest);
      if (fence_open(rest, fence_ch, fence_len)) {
        flush();
        in_fence = true;
        continue;
      }
      int level = 0;
      std::string_view content;
      if (indent <= 3 && atx_heading(rest, level, content)) {
        flush();
        start(content, level, false);
        flush();
        continue;
      }
      if (open_ && !cur_.list_item && indent <= 3 && setext_underline(rest, level)) {
        cur_.heading = level;
        flush();
        continue;
      }
      if (indent <= 3 && thematic_break(rest)) {
        flush();
        continue;
      }
      long number = 0;
      // An ordered item interrupts a paragraph only when it starts at 1 ("2014. It was..."
      // inside a paragraph is prose), as in CommonMark.
      if (list_marker(rest, content, number) &&
          (number < 0 || number == 1 || !open_ || cur_.list_item)) {
        flush();
        start(content, 0, true);
        continue;
      }
      std::string_view label;
      if (!open_ && indent <= 3 && reference_definition(rest, label)) {
        labels.insert(normalize_label(label));
        continue;
      }
      if (open_) {
        append(rest);
      } else {
        start(rest, 0, false);
      }
    }
    flush();
  }

  std::vector<Block> blocks;
  Labels labels;
  std::string front_title;

 private:
  // YAML front matter ("---" ... "---" or "...") at the very start: skipped, its title kept.
  std::size_t front_matter() {
    auto line_at = [&](std::size_t p, std::size_t& next) -> std::string_view {
      if (p >= md_.size()) {
        next = p + 1;
        return {};
      }
      std::size_t e = md_.find('\n', p);
      if (e == npos) e = md_.size();
      next = e + 1;
      return md_.substr(p, e - p);
    };
    std::size_t next = 0;
    if (md_.empty() || trim(line_at(0, next)) != "---") return 0;
    std::size_t p = next;
    // The first line must look like "key: value", or "---" would be a rule, not front matter.
    const std::string_view first = line_at(p, next);
    std::size_t k = 0;
    while (k < first.size() && (is_ascii_alnum(first[k]) || first[k] == '_' || first[k] == '-'))
      ++k;
    if (k == 0 || k >= first.size() || first[k] != ':') return 0;
    std::string title;
    while (p < md_.size()) {
      const std::string_view l = line_at(p, next);
      const std::string_view t = trim(l);
      if (t == "---" || t == "...") {
        front_title = std::move(title);
        return next;
      }
      if (l.substr(0, 6) == "title:") {
        std::string_view v = trim(l.substr(6));
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
          v = v.substr(1, v.size() - 2);
        title = std::string(v);
      }
      p = next;
    }
    return 0;  // never closed: not front matter
  }

  void start(std::string_view content, int heading, bool list_item) {
    cur_ = Block{};
    cur_.heading = heading;
    cur_.list_item = list_item;
    open_ = true;
    append(content);
  }

  // Adds a line to the open block; a trailing backslash (a hard line break) is dropped.
  void append(std::string_view line) {
    std::string_view t = trim(line);
    if (!t.empty() && t.back() == '\\') t = trim(t.substr(0, t.size() - 1));
    if (t.empty()) return;
    if (!cur_.raw.empty()) cur_.raw += ' ';
    cur_.raw.append(t.data(), t.size());
  }

  void flush() {
    if (open_) blocks.push_back(std::move(cur_));
    cur_ = Block{};
    open_ = false;
  }

  std::string_view md_;
  Block cur_;
  bool open_ = false;
};

}  // namespace

std::string markdown_inline_text(std::string_view inline_markdown) {
  TextBuilder tb;
  tb.add(InlineRenderer(inline_markdown, nullptr).run());
  return tb.take();
}

MarkdownExtract extract_markdown(std::string_view markdown) {
  BlockParser parser(markdown);
  parser.run();
  MarkdownExtract out;
  TextBuilder text;
  std::string first_heading, first_h1;
  for (const Block& b : parser.blocks) {
    TextBuilder one;
    one.add(InlineRenderer(b.raw, &parser.labels).run());
    const std::string& para = one.text();
    if (b.heading == 1 && first_h1.empty()) first_h1 = para;
    if (b.heading > 0 && first_heading.empty()) first_heading = para;
    text.add(para);
    text.paragraph_break();
  }
  out.text = text.take();
  out.title = !parser.front_title.empty() ? std::move(parser.front_title)
              : !first_h1.empty()         ? std::move(first_h1)
                                          : std::move(first_heading);
  return out;
}

}  // namespace storydiff::detail
