#include "callouts.h"

#include <algorithm>
#include <array>

#include "normalize.h"
#include "storydiff/segment.h"
#include "utf8.h"

namespace storydiff::detail {

namespace {

struct Range {
  std::size_t start, end;
  bool overlaps(const Range& o) const { return start < o.end && o.start < end; }
};

// The spans inside quotation marks. A sentence cut from a multi-sentence quote may hold only
// its opening or its closing mark: the span then runs to the sentence's end or from its start.
std::vector<Range> quote_spans(std::string_view s) {
  std::vector<Range> spans;
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t cp = decode_at(s, i, len);
    bool is_open = false, is_close = false;
    if (cp == 0x201C || cp == 0xAB || cp == 0x201E) {
      is_open = true;
    } else if (cp == 0x201D || cp == 0xBB) {
      is_close = true;
    } else if (cp == '"') {
      // Straight quote: opening after white space, an opening bracket or the start.
      std::size_t plen = 0;
      const char32_t prev = i == 0 ? U' ' : decode_before(s, i, plen);
      is_open = open == std::string_view::npos && (is_space(prev) || prev == '(' || prev == '[' || prev == 0x2014 || i == 0);
      is_close = !is_open;
    }
    if (is_open && open == std::string_view::npos) {
      open = i + len;
    } else if (is_close) {
      spans.push_back({open == std::string_view::npos ? 0 : open, i});
      open = std::string_view::npos;
    }
    i += len;
  }
  if (open != std::string_view::npos) spans.push_back({open, s.size()});
  return spans;
}

std::string numbers_in(std::string_view text) {
  std::vector<Token> toks;
  tokenize(text, 0, text.size(), toks);
  std::string out, term, lower;
  for (const Token& t : toks) {
    const auto w = text.substr(t.start, t.end - t.start);
    if (t.kind == TokenKind::number) {
      number_term(w, term);
    } else if (t.kind == TokenKind::word && std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      term = std::string(w);
    } else if (t.kind == TokenKind::word) {
      lower.clear();
      append_lower(w, lower);
      if (!number_word_value(lower, term)) continue;  // "Fourteen" is the figure 14
    } else {
      continue;
    }
    if (!out.empty()) out += ' ';
    out += term;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool is_attribution_verb(std::string_view w) {
  static constexpr std::array<std::string_view, 20> kVerbs = {
      "added",   "asked",  "claimed", "explained", "insisted", "noted",   "recalled",
      "replied", "said",   "says",    "stated",    "tells",    "told",    "tweeted",
      "warned",  "wrote",  "argued",  "announced", "confirmed", "posted"};
  return std::find(kVerbs.begin(), kVerbs.end(), w) != kVerbs.end();
}

bool is_pronoun(std::string_view speaker) {
  static constexpr std::array<std::string_view, 12> kPronouns = {
      "he", "she", "they", "it", "we", "i", "you", "which", "who", "that", "this", "one"};
  return std::find(kPronouns.begin(), kPronouns.end(), speaker) != kPronouns.end();
}

bool is_capitalized(std::string_view w) {
  if (w.empty()) return false;
  std::size_t len = 0;
  return is_upper(decode_at(w, 0, len));
}

}  // namespace

std::string find_speaker(std::string_view s) {
  std::vector<Token> toks;
  tokenize(s, 0, s.size(), toks);
  std::vector<std::size_t> words;  // indices of word/number tokens and clause-breaking punct
  auto text = [&](std::size_t k) { return s.substr(toks[k].start, toks[k].end - toks[k].start); };
  std::string lower;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    if (toks[k].kind == TokenKind::space) continue;
    lower.clear();
    append_lower(text(k), lower);
    const bool according = lower == "according" && k + 2 < toks.size();
    if (!is_attribution_verb(lower) && !according) continue;
    // "said Gen. Ortega" / "according to the ministry": the speaker follows.
    // "the mayor said" / "Ortega told reporters": the speaker precedes.
    std::string speaker;
    auto collect = [&](std::size_t from, int step) {
      std::vector<std::string_view> parts;
      for (std::size_t m = from; m < toks.size() && parts.size() < 6; m += static_cast<std::size_t>(step)) {
        const Token& t = toks[m];
        if (t.kind == TokenKind::space) continue;
        const auto w = text(m);
        if (t.kind == TokenKind::punct && w != "." && w != "-" && w != "'" && w != "\xE2\x80\x99") break;
        parts.push_back(w);
        if (step < 0 && m == 0) break;
      }
      if (step < 0) std::reverse(parts.begin(), parts.end());
      while (!parts.empty() && parts.back() == ".") parts.pop_back();  // the sentence's own period
      std::string out;
      for (const auto p : parts) {
        if (!out.empty() && p != "." ) out += ' ';
        append_lower(p, out);
      }
      return out;
    };
    std::size_t next = k + 1;
    while (next < toks.size() && toks[next].kind == TokenKind::space) ++next;
    if (according) {
      while (next < toks.size() && (toks[next].kind == TokenKind::space || text(next) == "to")) ++next;
      speaker = collect(next, 1);
    } else if (next < toks.size() && lower != "told" && toks[next].kind == TokenKind::word &&
               (is_capitalized(text(next)) || text(next) == "the" || text(next) == "a") &&
               (k == 0 || toks[k - 1].kind == TokenKind::space)) {
      // Verb first only after a comma or quote: ", said the mayor."
      std::size_t prev = k;
      while (prev > 0 && toks[prev - 1].kind == TokenKind::space) --prev;
      const auto p = prev > 0 ? text(prev - 1) : std::string_view();
      if (p == "," || p == "\"" || p == "\xE2\x80\x9D" || p == "\xE2\x80\x99" || p == "'") speaker = collect(next, 1);
    }
    if (speaker.empty() && k > 0) speaker = collect(k - 1, -1);
    if (!speaker.empty()) return speaker;
  }
  return {};
}

std::vector<Callout> find_callouts(std::string_view old_text, std::string_view new_text,
                                   const std::vector<Edit>& edits) {
  std::vector<Callout> out;
  const auto old_quotes = quote_spans(old_text);
  const auto new_quotes = quote_spans(new_text);
  std::vector<std::pair<std::size_t, std::size_t>> quotes_seen;
  // Walk the change blocks with their ranges in both texts.
  std::size_t op = 0, np = 0, k = 0;
  while (k < edits.size()) {
    if (edits[k].op == EditOp::equal) {
      op += edits[k].text.size();
      np += edits[k].text.size();
      ++k;
      continue;
    }
    Range ro{op, op}, rn{np, np};
    while (k < edits.size() && edits[k].op != EditOp::equal) {
      if (edits[k].op == EditOp::remove) op += edits[k].text.size();
      else np += edits[k].text.size();
      ++k;
    }
    ro.end = op;
    rn.end = np;
    const auto old_change = old_text.substr(ro.start, ro.end - ro.start);
    const auto new_change = new_text.substr(rn.start, rn.end - rn.start);
    const std::string old_nums = numbers_in(old_change), new_nums = numbers_in(new_change);
    if (old_nums != new_nums) out.push_back({CalloutKind::number, old_nums, new_nums});
    // Quotes: a change that touches quoted words on either side.
    std::size_t qo = SIZE_MAX, qn = SIZE_MAX;
    for (std::size_t q = 0; q < old_quotes.size(); ++q)
      if (old_quotes[q].overlaps(ro) || (ro.start == ro.end && old_quotes[q].start < ro.start && ro.start < old_quotes[q].end)) qo = q;
    for (std::size_t q = 0; q < new_quotes.size(); ++q)
      if (new_quotes[q].overlaps(rn) || (rn.start == rn.end && new_quotes[q].start < rn.start && rn.start < new_quotes[q].end)) qn = q;
    if (qo != SIZE_MAX || qn != SIZE_MAX) {
      const std::pair<std::size_t, std::size_t> key{qo, qn};
      if (std::find(quotes_seen.begin(), quotes_seen.end(), key) == quotes_seen.end()) {
        quotes_seen.push_back(key);
        auto quote_text = [](std::string_view s, const std::vector<Range>& r, std::size_t q) {
          return q == SIZE_MAX ? std::string() : std::string(trim(s.substr(r[q].start, r[q].end - r[q].start)));
        };
        std::string old_quote = quote_text(old_text, old_quotes, qo), new_quote = quote_text(new_text, new_quotes, qn);
        // An empty quotation ("") or a change only in white space the trim drops says nothing.
        if (old_quote != new_quote) out.push_back({CalloutKind::quote, std::move(old_quote), std::move(new_quote)});
      }
    }
  }
  // Only a change from one named speaker to another: "he" -> "Vlachos" or a dropped tail is a
  // rewording, not a different source.
  const std::string old_speaker = find_speaker(old_text), new_speaker = find_speaker(new_text);
  if (!old_speaker.empty() && !new_speaker.empty() && !is_pronoun(old_speaker) && !is_pronoun(new_speaker) &&
      old_speaker != new_speaker)
    out.push_back({CalloutKind::attribution, old_speaker, new_speaker});
  return out;
}

}  // namespace storydiff::detail
