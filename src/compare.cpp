#include "storydiff/compare.h"

#include <algorithm>
#include <cmath>
#include <string>
#if STORYDIFF_THREADS
#include <future>
#include <system_error>
#endif

#include "align.h"
#include "callouts.h"
#include "token_diff.h"
#include "word_diff.h"

namespace storydiff {

std::string_view op_name(Op op) noexcept {
  switch (op) {
    case Op::equal: return "equal";
    case Op::modified: return "modified";
    case Op::added: return "added";
    case Op::removed: return "removed";
  }
  return "equal";
}

std::string_view edit_op_name(EditOp op) noexcept {
  switch (op) {
    case EditOp::equal: return "equal";
    case EditOp::insert: return "insert";
    case EditOp::remove: return "delete";
  }
  return "equal";
}

std::string_view granularity_name(Granularity g) noexcept {
  return g == Granularity::word ? "word" : "sentence";
}

std::string_view callout_kind_name(CalloutKind kind) noexcept {
  switch (kind) {
    case CalloutKind::number: return "number";
    case CalloutKind::quote: return "quote";
    case CalloutKind::attribution: return "attribution";
  }
  return "number";
}

bool differs(const Comparison& c) noexcept {
  if (c.documents.size() <= 2) {
    const Stats& s = c.stats;
    return s.modified + s.added + s.removed + s.moved > 0;
  }
  for (const auto& claim : c.claims) {
    if (claim.members.size() != c.documents.size()) return true;
    for (const auto& m : claim.members)
      if (m.similarity < 1.0) return true;
  }
  return false;
}

Expected<bool> validate(const Options& options) {
  if (options.granularity != Granularity::sentence && options.granularity != Granularity::word)
    return Error{ErrorCode::bad_option, "granularity must be sentence or word"};
  if (!(options.threshold > 0.0 && options.threshold <= 1.0))  // also rejects NaN
    return Error{ErrorCode::bad_option, "threshold must be greater than 0 and at most 1, got " +
                                            std::to_string(options.threshold)};
  return true;
}

namespace {

#if STORYDIFF_THREADS
// Old and new text together at least this large get the word diff on a thread of its own.
constexpr std::size_t kConcurrentWordDiffBytes = 64 * 1024;
#endif

// Similarities are rounded so that the JSON is short and identical wherever it is computed.
double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

// The text a run of sentences covers, from the first one's start to the last's end.
std::string_view run_text(const Document& d, detail::Run run) {
  const auto start = d.sentences[run.begin].start;
  const auto end = d.sentences[run.last()].end;
  return std::string_view(d.text).substr(start, end - start);
}

}  // namespace

Expected<Comparison> compare(Document old_doc, Document new_doc, const Options& options) {
  if (auto v = validate(options); !v) return std::move(v).error();
  Comparison result;
  result.options = options;
  // The whole-document word diff needs nothing from the sentence alignment: where there are
  // threads and the texts are large enough to repay starting one, it runs beside it.
  bool edits_approximate = false;
  const bool word = options.granularity == Granularity::word;
#if STORYDIFF_THREADS
  std::future<std::vector<Edit>> edits;
  if (word && old_doc.text.size() + new_doc.text.size() >= kConcurrentWordDiffBytes) {
    try {
      edits = std::async(std::launch::async, [&] {
        return detail::token_diff(old_doc.text, new_doc.text, edits_approximate);
      });
    } catch (const std::system_error&) {
      // No thread to be had: the word diff runs after the alignment instead.
    }
  }
#endif
  detail::AlignResult aligned = detail::align_sentences(old_doc, new_doc, options);
  result.approximate = aligned.approximate;
  auto& matches = aligned.matches;  // sorted by first old index

  // The spine: the largest set of matches in the same order in both documents. Matches off it
  // are the moved ones (unless moves are not wanted); it also anchors the placement of removed
  // claims.
  const std::vector<bool> spine = detail::spine(matches);

  // Entries are placed in the new document's reading order; a removed sentence goes right after
  // the spine entry that precedes it in the old document. Sort key: 2 * new position (+1 for
  // removed sentences, which follow their anchor), then the old position.
  struct Placed {
    std::int64_t key;
    std::uint32_t tie;
    AlignmentEntry entry;
  };
  std::vector<Placed> placed;
  placed.reserve(old_doc.sentences.size() + new_doc.sentences.size());
  std::vector<std::int64_t> anchor_after_old(old_doc.sentences.size() + 1, -1);
  std::vector<bool> old_used(old_doc.sentences.size(), false), new_used(new_doc.sentences.size(), false);

  for (std::size_t k = 0; k < matches.size(); ++k) {
    auto& m = matches[k];
    AlignmentEntry e;
    e.a = m.a.indices();
    e.b = m.b.indices();
    e.moved = options.detect_moves && !spine[k];
    const bool one_to_one = m.a.size() == 1 && m.b.size() == 1;
    if (m.exact && one_to_one) {
      e.op = Op::equal;
      e.similarity = 1.0;
    } else {
      e.op = Op::modified;
      const auto old_text = run_text(old_doc, m.a);
      const auto new_text = run_text(new_doc, m.b);
      e.tokens = detail::word_diff(old_text, new_text, result.approximate);
      e.callouts = detail::find_callouts(old_text, new_text, e.tokens);
      e.similarity = std::min(round4(m.similarity), 0.9999);
    }
    for (auto i = m.a.begin; i < m.a.end; ++i) old_used[i] = true;
    for (auto j = m.b.begin; j < m.b.end; ++j) new_used[j] = true;
    if (spine[k])
      for (auto i = m.a.begin; i < m.a.end; ++i) anchor_after_old[i + 1] = m.b.last();
    placed.push_back({2 * static_cast<std::int64_t>(m.b.begin), m.a.begin, std::move(e)});
  }
  // Carry each spine anchor forward over the old sentences after it.
  for (std::size_t i = 1; i < anchor_after_old.size(); ++i)
    if (anchor_after_old[i] < 0) anchor_after_old[i] = anchor_after_old[i - 1];
  for (std::uint32_t i = 0; i < old_doc.sentences.size(); ++i) {
    if (old_used[i]) continue;
    AlignmentEntry e;
    e.op = Op::removed;
    e.a = {i};
    placed.push_back({2 * anchor_after_old[i] + 1, i, std::move(e)});
  }
  for (std::uint32_t j = 0; j < new_doc.sentences.size(); ++j) {
    if (new_used[j]) continue;
    AlignmentEntry e;
    e.op = Op::added;
    e.b = {j};
    placed.push_back({2 * static_cast<std::int64_t>(j), 0, std::move(e)});
  }
  // Sort positions, not entries: entries are heavy to move.
  std::vector<std::uint32_t> order(placed.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::uint32_t p, std::uint32_t q) {
    const Placed& px = placed[p];
    const Placed& py = placed[q];
    if (px.key != py.key) return px.key < py.key;
    return px.tie != py.tie ? px.tie < py.tie : p < q;
  });

  Stats& st = result.stats;
  st.old_sentences = static_cast<std::uint32_t>(old_doc.sentences.size());
  st.new_sentences = static_cast<std::uint32_t>(new_doc.sentences.size());
  double matched_weight = 0;
  result.alignment.reserve(placed.size());
  for (const auto k : order) {
    Placed& p = placed[k];
    const AlignmentEntry& e = p.entry;
    switch (e.op) {
      case Op::equal: ++st.equal; break;
      case Op::modified: ++st.modified; break;
      case Op::added: ++st.added; break;
      case Op::removed: ++st.removed; break;
    }
    if (e.moved) ++st.moved;
    if (e.a.size() == 1 && e.b.size() > 1) ++st.splits;
    if (e.a.size() > 1 && e.b.size() == 1) ++st.merges;
    if (e.op == Op::equal || e.op == Op::modified)
      matched_weight += e.similarity * static_cast<double>(e.a.size() + e.b.size());
    result.alignment.push_back(std::move(p.entry));
  }
  const double total = static_cast<double>(st.old_sentences + st.new_sentences);
  st.overlap = total > 0 ? round4(matched_weight / total) : 1.0;

  if (word) {
#if STORYDIFF_THREADS
    if (edits.valid()) result.edits = edits.get();
    else
#endif
      result.edits = detail::token_diff(old_doc.text, new_doc.text, edits_approximate);
    result.approximate = result.approximate || edits_approximate;
  }

  // The reader's warnings already name their document.
  for (const auto& w : old_doc.warnings) result.warnings.push_back(w);
  for (const auto& w : new_doc.warnings) result.warnings.push_back(w);
  if (result.approximate)
    result.warnings.push_back("the comparison hit a work limit: the alignment or a word diff is approximate");
  result.documents.push_back(std::move(old_doc));
  result.documents.push_back(std::move(new_doc));
  return result;
}

}  // namespace storydiff
