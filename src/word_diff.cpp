#include "word_diff.h"

#include <dtl/dtl.hpp>

#include <string>
#include <unordered_map>

#include "normalize.h"
#include "storydiff/segment.h"

namespace storydiff::detail {

namespace {

// An equal run a reader would not miss inside a change: white space, punctuation and at most
// three function words (" the ", ", and a "), as in "[-attacked the city-]{+shelled the town+}".
bool is_filler(std::string_view text) {
  std::vector<Token> toks;
  tokenize(text, 0, text.size(), toks);
  int words = 0;
  std::string lower;
  for (const Token& t : toks) {
    if (t.kind == TokenKind::space || t.kind == TokenKind::punct) continue;
    if (t.kind == TokenKind::number || ++words > 3) return false;
    lower.clear();
    append_lower(text.substr(t.start, t.end - t.start), lower);
    if (!is_function_word(lower)) return false;
  }
  return true;
}

void push(std::vector<Edit>& out, EditOp op, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().op == op) out.back().text.append(text);
  else out.push_back(Edit{op, std::string(text)});
}

}  // namespace

std::vector<Edit> word_diff(std::string_view old_text, std::string_view new_text, bool& approximate,
                            bool readable) {
  std::vector<Token> ta, tb;
  tokenize(old_text, 0, old_text.size(), ta);
  tokenize(new_text, 0, new_text.size(), tb);
  auto tok = [](std::string_view s, const Token& t) { return s.substr(t.start, t.end - t.start); };

  // The common head and tail cost nothing to find and keep dtl's work to the changed middle.
  std::size_t head = 0;
  while (head < ta.size() && head < tb.size() && tok(old_text, ta[head]) == tok(new_text, tb[head])) ++head;
  std::size_t tail = 0;
  while (tail < ta.size() - head && tail < tb.size() - head &&
         tok(old_text, ta[ta.size() - 1 - tail]) == tok(new_text, tb[tb.size() - 1 - tail]))
    ++tail;
  const std::size_t a_end = ta.size() - tail, b_end = tb.size() - tail;

  std::vector<Edit> out;
  auto span = [](std::string_view s, const std::vector<Token>& t, std::size_t from, std::size_t to) {
    if (from >= to) return std::string_view();
    return s.substr(t[from].start, t[to - 1].end - t[from].start);
  };
  push(out, EditOp::equal, span(old_text, ta, 0, head));

  const std::size_t na = a_end - head, nb = b_end - head;
  if (na > kMaxDiffTokens || nb > kMaxDiffTokens ||
      static_cast<double>(na) * static_cast<double>(nb) > kMaxDiffWork) {
    approximate = true;
    push(out, EditOp::remove, span(old_text, ta, head, a_end));
    push(out, EditOp::insert, span(new_text, tb, head, b_end));
  } else if (na == 0 || nb == 0) {
    push(out, EditOp::remove, span(old_text, ta, head, a_end));
    push(out, EditOp::insert, span(new_text, tb, head, b_end));
  } else {
    // Tokens become small integers so dtl compares ints, not strings.
    std::unordered_map<std::string_view, std::uint32_t> ids;
    auto id = [&](std::string_view s) {
      return ids.try_emplace(s, static_cast<std::uint32_t>(ids.size())).first->second;
    };
    std::vector<std::uint32_t> xa, xb;
    xa.reserve(na);
    xb.reserve(nb);
    for (std::size_t k = head; k < a_end; ++k) xa.push_back(id(tok(old_text, ta[k])));
    for (std::size_t k = head; k < b_end; ++k) xb.push_back(id(tok(new_text, tb[k])));
    std::size_t i = head, j = head;
    for (const EditOp step : shortest_script(xa, xb)) {
      switch (step) {
        case EditOp::equal:
          push(out, EditOp::equal, tok(old_text, ta[i]));
          ++i;
          ++j;
          break;
        case EditOp::remove:
          push(out, EditOp::remove, tok(old_text, ta[i]));
          ++i;
          break;
        case EditOp::insert:
          push(out, EditOp::insert, tok(new_text, tb[j]));
          ++j;
          break;
      }
    }
  }
  push(out, EditOp::equal, span(old_text, ta, a_end, ta.size()));
  normalize_edits(out);
  if (readable) cleanup_semantic(out);
  return out;
}

std::vector<EditOp> shortest_script(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::vector<EditOp> steps;
  if (a.empty() || b.empty()) {
    steps.assign(a.size(), EditOp::remove);
    steps.insert(steps.end(), b.size(), EditOp::insert);
    return steps;
  }
  dtl::Diff<std::uint32_t, std::vector<std::uint32_t>> diff(a, b);
  diff.compose();
  const auto& ses = diff.getSes().getSequence();
  steps.reserve(ses.size());
  for (const auto& step : ses) {
    switch (step.second.type) {
      case dtl::SES_COMMON: steps.push_back(EditOp::equal); break;
      case dtl::SES_DELETE: steps.push_back(EditOp::remove); break;
      case dtl::SES_ADD: steps.push_back(EditOp::insert); break;
    }
  }
  return steps;
}

void append_edits(std::vector<Edit>& out, std::vector<Edit>&& edits) {
  for (Edit& e : edits) {
    if (e.text.empty()) continue;
    if (!out.empty() && out.back().op == e.op) out.back().text += e.text;
    else out.push_back(std::move(e));
  }
}

void normalize_edits(std::vector<Edit>& edits) {
  std::vector<Edit> out;
  out.reserve(edits.size());
  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == EditOp::equal) {
      push(out, EditOp::equal, edits[k].text);
      ++k;
      continue;
    }
    std::string removed, inserted;
    while (k < edits.size() && edits[k].op != EditOp::equal) {
      (edits[k].op == EditOp::remove ? removed : inserted) += edits[k].text;
      ++k;
    }
    push(out, EditOp::remove, removed);
    push(out, EditOp::insert, inserted);
  }
  edits = std::move(out);
}

void cleanup_semantic(std::vector<Edit>& edits) {
  // After a fold, only the runs around it can newly qualify: rescan from just before it.
  std::size_t start = 1;
  bool changed = true;
  while (changed) {
    changed = false;
    // Change sizes (largest of removed/inserted bytes) before and after each equal run.
    for (std::size_t k = start; k + 1 < edits.size(); ++k) {
      if (edits[k].op != EditOp::equal) continue;
      std::size_t before_rm = 0, before_in = 0, after_rm = 0, after_in = 0;
      for (std::size_t b = k; b-- > 0 && edits[b].op != EditOp::equal;)
        (edits[b].op == EditOp::remove ? before_rm : before_in) += edits[b].text.size();
      for (std::size_t a = k + 1; a < edits.size() && edits[a].op != EditOp::equal; ++a)
        (edits[a].op == EditOp::remove ? after_rm : after_in) += edits[a].text.size();
      const std::size_t len = edits[k].text.size();
      if ((len <= std::max(before_rm, before_in) && len <= std::max(after_rm, after_in)) ||
          (before_rm + before_in > 0 && after_rm + after_in > 0 && is_filler(edits[k].text))) {
        // The equal run becomes part of both sides of the change around it.
        const std::string text = std::move(edits[k].text);
        edits[k] = Edit{EditOp::remove, text};
        edits.insert(edits.begin() + static_cast<std::ptrdiff_t>(k) + 1, Edit{EditOp::insert, text});
        normalize_edits(edits);
        start = k > 4 ? k - 4 : 1;
        changed = true;
        break;
      }
    }
  }
}

}  // namespace storydiff::detail
