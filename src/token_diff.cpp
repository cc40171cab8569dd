#include "token_diff.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "order.h"
#include "storydiff/segment.h"
#include "myers.h"
#include "string_ids.h"
#include "utf8.h"
#include "word_diff.h"

namespace storydiff::detail {

namespace {

/// A text as tokens: token i is text[start[i], start[i + 1]) and `id` names its string (two tokens
/// have one id exactly when their bytes are equal). Tokens tile the text.
struct Tokens {
  std::string_view text;
  std::vector<std::uint32_t> start;
  std::vector<std::uint32_t> id;
};

/// Appends the tokens of text[from, to) to `t`.
void add_tokens(Tokens& t, std::size_t from, std::size_t to, StringIds& ids, std::vector<Token>& scratch) {
  scratch.clear();
  tokenize(t.text, from, to, scratch);
  for (const Token& k : scratch) {
    t.start.push_back(k.start);
    t.id.push_back(ids.intern(t.text.substr(k.start, k.end - k.start)));
  }
}

/// A run of `len` tokens equal in both texts, at old token `a` and new token `b`.
struct Anchor {
  std::uint32_t a, b, len;
};

/// Runs of this many tokens are tried first as anchors (about four words and the spaces between
/// them), then shorter ones where the longer find nothing.
constexpr std::uint32_t kGramLengths[] = {8, 3, 1};
/// A run that occurs equally often in both stretches, at most this often, is paired occurrence
/// by occurrence (first with first...) when no run occurs exactly once in each.
constexpr std::uint32_t kMaxRepeats = 64;

/// Finds anchors in old tokens [a0, a1) and new tokens [b0, b1): runs of k tokens found once in
/// each stretch (failing that, equally often in each, then paired in order), of which the largest
/// set in the same order in both is kept, each grown to the whole run of equal tokens around it.
/// Only anchors of at least `min_len` tokens are returned, from the first run length that finds
/// any candidate; empty when that gives none long enough, or no run length finds a candidate.
///
/// Candidates start at a word, not at white space. Looking for long anchors only, candidates are
/// also sampled by their hash, about one in four: a run's hash is the same wherever it occurs,
/// so its occurrences are all kept or all dropped, and a run of 64 tokens still holds several.
std::vector<Anchor> find_anchors(const Tokens& x, const Tokens& y, std::uint32_t a0, std::uint32_t a1,
                                 std::uint32_t b0, std::uint32_t b1, std::uint32_t min_len) {
  const std::uint64_t sample_mask = min_len >= 64 ? 3 : 0;
  for (const std::uint32_t k : kGramLengths) {
    if (a1 - a0 < k || b1 - b0 < k || k > min_len) continue;
    // A polynomial hash of each run of k ids, rolled along; a collision only costs a candidate,
    // since every pairing is checked token by token below.
    constexpr std::uint64_t P = 0x100000001b3ULL;
    std::uint64_t top = 1;  // P^(k-1)
    for (std::uint32_t q = 1; q < k; ++q) top *= P;
    // Each candidate run's hash with its position, sorted: the occurrences of a run end up side
    // by side, in text order.
    auto sorted = [&](const Tokens& t, std::uint32_t from, std::uint32_t to) {
      std::vector<std::pair<std::uint64_t, std::uint32_t>> e;
      std::uint64_t v = 0;
      for (std::uint32_t i = from; i < to; ++i) {
        if (i >= from + k) v -= (t.id[i - k] + 1ULL) * top;
        v = v * P + t.id[i] + 1;
        if (i + 1 < from + k) continue;
        const std::uint32_t at = i + 1 - k;
        const char c = t.text[t.start[at]];
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && ((v >> 40) & sample_mask) == 0) e.emplace_back(v, at);
      }
      std::sort(e.begin(), e.end());
      return e;
    };
    const auto ea = sorted(x, a0, a1), eb = sorted(y, b0, b1);
    auto same_run = [&](std::uint32_t i, std::uint32_t j) {
      return std::equal(x.id.begin() + i, x.id.begin() + i + k, y.id.begin() + j);
    };
    // Candidates (old position, new position): runs found once in each stretch, and apart,
    // runs found equally often in each (at most kMaxRepeats times), the n-th occurrence in the
    // old stretch paired with the n-th in the new one.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs, repeated;
    for (std::size_t p = 0, q = 0; p < ea.size() && q < eb.size();) {
      if (ea[p].first != eb[q].first) {
        ea[p].first < eb[q].first ? ++p : ++q;
        continue;
      }
      const std::uint64_t h = ea[p].first;
      std::size_t pe = p, qe = q;
      while (pe < ea.size() && ea[pe].first == h) ++pe;
      while (qe < eb.size() && eb[qe].first == h) ++qe;
      if (pe - p == qe - q && pe - p <= kMaxRepeats) {
        auto& into = pe - p == 1 ? pairs : repeated;
        for (std::size_t r = 0; r < pe - p; ++r)
          if (same_run(ea[p + r].second, eb[q + r].second)) into.emplace_back(ea[p + r].second, eb[q + r].second);
      }
      p = pe;
      q = qe;
    }
    if (pairs.empty()) pairs = std::move(repeated);
    if (pairs.empty()) continue;
    std::sort(pairs.begin(), pairs.end());
    std::vector<std::uint32_t> ys, weight(pairs.size(), 1);
    ys.reserve(pairs.size());
    for (const auto& pr : pairs) ys.push_back(pr.second);
    const std::vector<bool> keep = heaviest_increasing(ys, weight);
    std::vector<Anchor> anchors;
    std::uint32_t lo_a = a0, lo_b = b0;  // the end of the last anchor
    for (std::size_t q = 0; q < pairs.size(); ++q) {
      if (!keep[q]) continue;
      std::uint32_t a = pairs[q].first, b = pairs[q].second;
      if (a < lo_a || b < lo_b) continue;  // inside the last anchor, or crossing it
      std::uint32_t end_a = a + k, end_b = b + k;
      while (a > lo_a && b > lo_b && x.id[a - 1] == y.id[b - 1]) --a, --b;
      while (end_a < a1 && end_b < b1 && x.id[end_a] == y.id[end_b]) ++end_a, ++end_b;
      if (end_a - a >= min_len) anchors.push_back({a, b, end_a - a});
      lo_a = end_a;
      lo_b = end_b;
    }
    return anchors;
  }
  return {};
}

// --- the line pass ---------------------------------------------------------------------------
// Before any token is made, whole lines the two texts share are set aside, as git diff does:
// lines found as often in one text as in the other, in the largest set of such lines in the same
// order (by bytes), each grown over the equal lines around it into a block. Only blocks this long
// are kept; shorter ones are left to the token diff, which may find a shorter script through them.
constexpr std::size_t kMinBlockBytes = 256;

struct Lines {
  std::vector<std::uint32_t> start;  // line k is [start[k], start[k + 1]), with its newline
  std::vector<std::uint32_t> id;
};

Lines to_lines(std::string_view text, StringIds& ids) {
  Lines l;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end + 1;
    l.start.push_back(static_cast<std::uint32_t>(at));
    l.id.push_back(ids.intern(text.substr(at, end - at)));
    at = end;
  }
  l.start.push_back(static_cast<std::uint32_t>(text.size()));
  return l;
}

/// Equal byte ranges [a, a + len) of the old text and [b, b + len) of the new one, in order.
struct Block {
  std::uint32_t a, b, len;
};

std::vector<Block> shared_line_blocks(std::string_view old_text, std::string_view new_text) {
  StringIds ids(old_text.size() / 64);
  const Lines x = to_lines(old_text, ids), y = to_lines(new_text, ids);
  const std::size_t nx = x.id.size(), ny = y.id.size();
  // Lines found equally often in both texts (at most kMaxRepeats times) are paired occurrence by
  // occurrence, the n-th in the old text with the n-th in the new one: a line found once in each
  // is the common case, and a text repeated whole (the speed-test pair made ten times longer)
  // still pairs copy by copy.
  std::vector<std::uint32_t> count_x(ids.size(), 0), count_y(ids.size(), 0), seen_y(ids.size(), 0);
  for (const auto id : x.id) ++count_x[id];
  for (const auto id : y.id) ++count_y[id];
  // Each new line's occurrence number, then the new lines by (id, occurrence).
  std::vector<std::uint32_t> first_y(ids.size() + 1, 0);
  for (std::size_t id = 0; id < ids.size(); ++id) first_y[id + 1] = first_y[id] + count_y[id];
  std::vector<std::uint32_t> at_y(ny);
  for (std::size_t j = 0; j < ny; ++j) at_y[first_y[y.id[j]] + seen_y[y.id[j]]++] = static_cast<std::uint32_t>(j);
  std::vector<std::uint32_t> pair_x, pair_y, weight, seen_x(ids.size(), 0);
  for (std::size_t i = 0; i < nx; ++i) {
    const auto id = x.id[i];
    const auto nth = seen_x[id]++;
    if (count_x[id] != count_y[id] || count_x[id] > kMaxRepeats) continue;
    pair_x.push_back(static_cast<std::uint32_t>(i));
    pair_y.push_back(at_y[first_y[id] + nth]);
    weight.push_back(x.start[i + 1] - x.start[i]);
  }
  const std::vector<bool> keep = heaviest_increasing(pair_y, weight);
  std::vector<Block> blocks;
  std::size_t lo_x = 0, lo_y = 0;  // the lines after the last block
  for (std::size_t q = 0; q < pair_x.size(); ++q) {
    if (!keep[q]) continue;
    std::size_t i = pair_x[q], j = pair_y[q];
    if (i < lo_x || j < lo_y) continue;  // inside the last block
    std::size_t end_i = i + 1, end_j = j + 1;
    while (i > lo_x && j > lo_y && x.id[i - 1] == y.id[j - 1]) --i, --j;
    while (end_i < nx && end_j < ny && x.id[end_i] == y.id[end_j]) ++end_i, ++end_j;
    // White space at either end goes to the stretches around the block, so that the block's ends
    // are token boundaries (a run of white space is one token, which may go on past a newline).
    std::size_t from = x.start[i], to = x.start[end_i];
    std::size_t n = 0;
    while (from < to && is_space(decode_at(old_text, from, n))) from += n;
    while (to > from && is_space(decode_before(old_text, to, n))) to -= n;
    if (to - from >= kMinBlockBytes)
      blocks.push_back({static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(y.start[j] + (from - x.start[i])),
                        static_cast<std::uint32_t>(to - from)});
    lo_x = end_i;
    lo_y = end_j;
  }
  return blocks;
}

/// Stretches of at least this many tokens (both sides) are first cut at long shared runs ...
constexpr std::uint32_t kCutAbove = 1024;
/// ... of at least this many tokens.
constexpr std::uint32_t kLongRun = 64;
/// The exact diff of one stretch may take this many steps (about 10-30 ms), and all of them
/// together this many per token of the two texts plus one stretch's worth. (The speed-test pair
/// made ten times longer, wikitext lists heavily rewritten, takes about 110 per token.)
constexpr double kMaxExactWork = 1e7;
constexpr double kExactWorkPerToken = 100;

class Differ {
 public:
  Differ(const Tokens& x, const Tokens& y, std::size_t vocabulary, bool& approximate)
      : x_(x), y_(y), approximate_(approximate), in_a_(vocabulary, 0), in_b_(vocabulary, 0),
        anchor_budget_(8 * (static_cast<double>(x.id.size()) + static_cast<double>(y.id.size())) + 1e6),
        exact_budget_(kExactWorkPerToken * (static_cast<double>(x.id.size()) + static_cast<double>(y.id.size())) +
                      kMaxExactWork) {}

  /// Diffs the token ranges gaps_x[k] and gaps_y[k]; between gap k and gap k + 1 each text has
  /// one token, the same (a block of shared lines).
  std::vector<Edit> run(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& gaps_x,
                        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& gaps_y) {
    // An explicit stack, not recursion: a pathological text could nest stretches deeply.
    // Tasks are pushed in reverse order so that they pop in text order.
    for (std::size_t k = gaps_x.size(); k-- > 0;) {
      stack_.push_back({false, gaps_x[k].first, gaps_x[k].second, gaps_y[k].first, gaps_y[k].second});
      if (k > 0) stack_.push_back({true, gaps_x[k].first - 1, gaps_x[k].first, gaps_y[k].first - 1, gaps_y[k].first});
    }
    while (!stack_.empty()) {
      const Task t = stack_.back();
      stack_.pop_back();
      if (t.equal) emit(EditOp::equal, x_, t.a0, t.a1);
      else stretch(t.a0, t.a1, t.b0, t.b1);
    }
    normalize_edits(out_);
    return std::move(out_);
  }

 private:
  struct Task {
    bool equal;  ///< old tokens [a0, a1) equal to new tokens [b0, b1); otherwise a stretch to diff
    std::uint32_t a0, a1, b0, b1;
  };

  void emit(EditOp op, const Tokens& t, std::uint32_t from, std::uint32_t to) {
    if (from >= to) return;
    const std::string_view s = t.text.substr(t.start[from], t.start[to] - t.start[from]);
    if (!out_.empty() && out_.back().op == op) out_.back().text.append(s);
    else out_.push_back(Edit{op, std::string(s)});
  }

  void stretch(std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
    // The common head and tail are free.
    const std::uint32_t head0 = a0;
    while (a0 < a1 && b0 < b1 && x_.id[a0] == y_.id[b0]) ++a0, ++b0;
    emit(EditOp::equal, x_, head0, a0);
    const std::uint32_t tail_end = a1;
    while (a1 > a0 && b1 > b0 && x_.id[a1 - 1] == y_.id[b1 - 1]) --a1, --b1;
    // The tail follows whatever the stretch becomes.
    stack_.push_back({true, a1, tail_end, b1, b1 + (tail_end - a1)});

    // A long stretch is first cut at long runs the two share: a run of 64 tokens or more is in
    // practice always on a shortest path, and the pieces are much cheaper to diff exactly.
    if (a1 - a0 + b1 - b0 >= kCutAbove && split(a0, a1, b0, b1, kLongRun)) return;
    if (exact(a0, a1, b0, b1)) return;
    // Too costly to diff exactly: cut at shorter shared runs, then at any. Such cuts may miss a
    // shorter script, so the result is flagged.
    if (split(a0, a1, b0, b1, 16) || split(a0, a1, b0, b1, 1)) {
      approximate_ = true;
      return;
    }
    // Nothing to cut at: one replacement, flagged.
    approximate_ = true;
    emit(EditOp::remove, x_, a0, a1);
    emit(EditOp::insert, y_, b0, b1);
  }

  // Cuts the stretch at anchors of at least `min_len` tokens; false when there are none.
  bool split(std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1, std::uint32_t min_len) {
    const double n = static_cast<double>(a1 - a0) + static_cast<double>(b1 - b0);
    if (anchor_work_ + n > anchor_budget_) return false;
    anchor_work_ += n;
    const std::vector<Anchor> anchors = find_anchors(x_, y_, a0, a1, b0, b1, min_len);
    if (anchors.empty()) return false;
    std::uint32_t next_a = a1, next_b = b1;
    for (auto it = anchors.rbegin(); it != anchors.rend(); ++it) {
      stack_.push_back({false, it->a + it->len, next_a, it->b + it->len, next_b});
      stack_.push_back({true, it->a, it->a + it->len, it->b, it->b + it->len});
      next_a = it->a;
      next_b = it->b;
    }
    stack_.push_back({false, a0, next_a, b0, next_b});
    return true;
  }

  // A shortest script of the stretch, unless it costs more than the budget allows.
  bool exact(std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
    // A token found nowhere in the other side's stretch is an edit in every script, so it is
    // left out of the search (as GNU diff discards lines without a match): the shortest script
    // keeps its length and the search, quadratic in the edits, shrinks.
    ++stamp_;
    for (std::uint32_t j = b0; j < b1; ++j) in_b_[y_.id[j]] = stamp_;
    kept_a_.clear();
    ids_a_.clear();
    for (std::uint32_t i = a0; i < a1; ++i) {
      const std::uint32_t id = x_.id[i];
      in_a_[id] = stamp_;
      if (in_b_[id] == stamp_) kept_a_.push_back(i), ids_a_.push_back(id);
    }
    kept_b_.clear();
    ids_b_.clear();
    for (std::uint32_t j = b0; j < b1; ++j)
      if (in_a_[y_.id[j]] == stamp_) kept_b_.push_back(j), ids_b_.push_back(y_.id[j]);

    double work = std::min(exact_budget_, kMaxExactWork);
    const double before = work;
    script_.clear();
    const bool ok = shortest_edit_script(ids_a_.data(), ids_a_.size(), ids_b_.data(), ids_b_.size(), work, script_, scratch_);
    exact_budget_ -= before - work;
    if (!ok) return false;
    // Back to the stretch: the tokens left out before each kept one are removed or inserted.
    std::uint32_t i = a0, j = b0;
    std::size_t p = 0, q = 0;
    for (const ScriptRun& r : script_) {
      for (std::uint32_t c = 0; c < r.count; ++c) {
        if (r.op != EditOp::insert) {
          const std::uint32_t at = kept_a_[p++];
          emit(EditOp::remove, x_, i, r.op == EditOp::remove ? at + 1 : at);
          i = at + 1;
        }
        if (r.op != EditOp::remove) {
          const std::uint32_t at = kept_b_[q++];
          emit(EditOp::insert, y_, j, r.op == EditOp::insert ? at + 1 : at);
          j = at + 1;
        }
        if (r.op == EditOp::equal) emit(EditOp::equal, x_, i - 1, i);
      }
    }
    emit(EditOp::remove, x_, i, a1);
    emit(EditOp::insert, y_, j, b1);
    return true;
  }

  const Tokens& x_;
  const Tokens& y_;
  bool& approximate_;
  std::vector<Task> stack_;
  std::vector<Edit> out_;
  std::vector<ScriptRun> script_;
  EditScriptScratch scratch_;
  // exact()'s scratch: which ids each stretch holds (by stamp), the tokens kept and their ids.
  std::uint32_t stamp_ = 0;
  std::vector<std::uint32_t> in_a_, in_b_;
  std::vector<std::uint32_t> kept_a_, kept_b_, ids_a_, ids_b_;
  double anchor_work_ = 0;
  const double anchor_budget_;  ///< tokens hashed for anchors, over all stretches
  double exact_budget_;         ///< steps of the exact diff, over all stretches
};

}  // namespace

std::vector<Edit> token_diff(std::string_view old_text, std::string_view new_text, bool& approximate) {
  const std::vector<Block> blocks = shared_line_blocks(old_text, new_text);
  // Tokens for the text between the blocks; each block is one token, the same in both texts, and
  // the stretches between blocks are diffed apart. A block's token is only ever emitted as equal,
  // never compared, so its id need not come from its bytes: ids past the tokens' own.
  Tokens x{old_text, {}, {}}, y{new_text, {}, {}};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> gaps_x, gaps_y;  // token ranges between blocks
  std::size_t vocabulary = 0;
  {
    StringIds ids;
    std::vector<Token> scratch;
    scratch.reserve(std::max(old_text.size(), new_text.size()) / 2 + 1);  // rarely a regrowing
    std::size_t at_x = 0, at_y = 0;
    auto gap = [&](std::size_t to_x, std::size_t to_y) {
      const auto bx = static_cast<std::uint32_t>(x.id.size()), by = static_cast<std::uint32_t>(y.id.size());
      add_tokens(x, at_x, to_x, ids, scratch);
      add_tokens(y, at_y, to_y, ids, scratch);
      gaps_x.push_back({bx, static_cast<std::uint32_t>(x.id.size())});
      gaps_y.push_back({by, static_cast<std::uint32_t>(y.id.size())});
    };
    for (const Block& b : blocks) {
      gap(b.a, b.b);
      x.start.push_back(b.a), x.id.push_back(0);  // the id is set below
      y.start.push_back(b.b), y.id.push_back(0);
      at_x = b.a + b.len;
      at_y = b.b + b.len;
    }
    gap(old_text.size(), new_text.size());
    vocabulary = ids.size() + blocks.size();
    for (std::size_t k = 1; k < gaps_x.size(); ++k) {
      const auto block_id = static_cast<std::uint32_t>(ids.size() + k - 1);
      x.id[gaps_x[k].first - 1] = block_id;
      y.id[gaps_y[k].first - 1] = block_id;
    }
  }  // the ids are all that is needed from here on
  x.start.push_back(static_cast<std::uint32_t>(old_text.size()));
  y.start.push_back(static_cast<std::uint32_t>(new_text.size()));
  return Differ(x, y, vocabulary, approximate).run(gaps_x, gaps_y);
}

}  // namespace storydiff::detail
