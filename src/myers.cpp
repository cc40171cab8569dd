#include "myers.h"

#include <algorithm>
#include <unordered_map>

namespace storydiff::detail {

namespace {

// Positions and diagonals: the engine's inputs stay far below 2^31 tokens (docs/limits.md).
using Index = std::int32_t;



// The rows loop counts bits in every word it makes: with the popcnt instruction where the CPU has
// it (chosen when the program loads), not the library's bit-by-bit fallback, twice as slow.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define STORYDIFF_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define STORYDIFF_POPCNT_CLONES
#endif

// Rows 1..m of the bit-parallel LCS table (see Myers::bit_parallel), row 0 given: `symbol[j]` is
// the index of b's token j among a's distinct tokens (masks at symbol * words), or -1 when a
// lacks it; ones[j * words + w] counts the one bits of row j in its words before w.
STORYDIFF_POPCNT_CLONES
void fill_rows(const std::uint64_t* masks, const std::int64_t* symbol, std::size_t m, std::size_t words,
               std::uint64_t* rows, std::uint32_t* ones) {
  for (std::size_t j = 1; j <= m; ++j) {
    const std::uint64_t* prev = rows + (j - 1) * words;
    std::uint64_t* row = rows + j * words;
    std::uint32_t* count_before = ones + j * words;
    if (symbol[j - 1] < 0) {
      std::copy(prev, prev + words, row);
      std::copy(ones + (j - 1) * words, ones + j * words, count_before);
      continue;
    }
    const std::uint64_t* match = masks + static_cast<std::size_t>(symbol[j - 1]) * words;
    std::uint64_t carry = 0;
    std::uint32_t count = 0;
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t v = prev[w], u = v & match[w];
      const std::uint64_t t = v + u;
      const std::uint64_t sum = t + carry;
      carry = (t < v) | (sum < t);
      row[w] = sum | (v & ~match[w]);
      count_before[w] = count;
      count += static_cast<std::uint32_t>(__builtin_popcountll(row[w]));
    }
  }
}

class Myers {
 public:
  Myers(const std::uint32_t* a, const std::uint32_t* b, double& work, std::vector<ScriptRun>& out,
        double bit_parallel_cells, EditScriptScratch& scratch)
      : a_(a), b_(b), work_(work), out_(out), bit_parallel_cells_(bit_parallel_cells), s_(scratch) {}

  /// Diffs a[a0, a1) against b[b0, b1). False when the budget ran out.
  bool diff(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    std::size_t head = 0;
    while (a0 + head < a1 && b0 + head < b1 && a_[a0 + head] == b_[b0 + head]) ++head;
    push(EditOp::equal, head);
    a0 += head;
    b0 += head;
    std::size_t tail = 0;
    while (a1 - tail > a0 && b1 - tail > b0 && a_[a1 - 1 - tail] == b_[b1 - 1 - tail]) ++tail;
    a1 -= tail;
    b1 -= tail;
    if (a0 == a1 || b0 == b1) {
      push(EditOp::remove, a1 - a0);
      push(EditOp::insert, b1 - b0);
    } else if (static_cast<double>(a1 - a0) * static_cast<double>(b1 - b0) <= bit_parallel_cells_) {
      // Small enough to hold the whole table as bits: faster than any search for the path.
      work_ -= static_cast<double>(a1 - a0) * static_cast<double>(b1 - b0) / 32;
      if (work_ < 0) return false;
      bit_parallel(a0, a1, b0, b1);
    } else {
      std::size_t x = 0, y = 0;
      const int found = middle(a0, a1, b0, b1, x, y);
      if (found < 0) return false;
      if (found == 0) {  // nothing in common
        push(EditOp::remove, a1 - a0);
        push(EditOp::insert, b1 - b0);
      } else if (!diff(a0, a0 + x, b0, b0 + y) || !diff(a0 + x, a1, b0 + y, b1)) {
        return false;
      }
    }
    push(EditOp::equal, tail);
    return true;
  }

 private:
  void push(EditOp op, std::size_t count) {
    if (count == 0) return;
    if (!out_.empty() && out_.back().op == op) out_.back().count += static_cast<std::uint32_t>(count);
    else out_.push_back({op, static_cast<std::uint32_t>(count)});
  }

  // The middle snake of a[a0, a1) and b[b0, b1), searched from both ends at once. Sets (x, y),
  // relative to (a0, b0), to a point a shortest path passes through and returns 1; 0 when the
  // two have nothing in common; -1 when the budget ran out. As diff-match-patch's diff_bisect.
  int middle(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1, std::size_t& x, std::size_t& y) {
    const auto n = static_cast<Index>(a1 - a0), m = static_cast<Index>(b1 - b0);
    const std::uint32_t* A = a_ + a0;
    const std::uint32_t* B = b_ + b0;
    const Index max_d = (n + m + 1) / 2, offset = max_d, length = 2 * max_d + 2;
    auto& v1_ = s_.v1;
    auto& v2_ = s_.v2;
    v1_.assign(static_cast<std::size_t>(length), -1);
    v2_.assign(static_cast<std::size_t>(length), -1);
    v1_[static_cast<std::size_t>(offset + 1)] = 0;
    v2_[static_cast<std::size_t>(offset + 1)] = 0;
    const Index delta = n - m;
    const bool front = (delta % 2) != 0;  // the forward path meets the reverse one
    Index k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    auto v1 = [&](Index i) -> Index& { return v1_[static_cast<std::size_t>(i)]; };
    auto v2 = [&](Index i) -> Index& { return v2_[static_cast<std::size_t>(i)]; };
    for (Index d = 0; d < max_d; ++d) {
      work_ -= static_cast<double>(2 * d + 2);
      if (work_ < 0) return -1;
      for (Index k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const Index k1o = offset + k1;
        Index x1 = (k1 == -d || (k1 != d && v1(k1o - 1) < v1(k1o + 1))) ? v1(k1o + 1) : v1(k1o - 1) + 1;
        Index y1 = x1 - k1;
        while (x1 < n && y1 < m && A[x1] == B[y1]) ++x1, ++y1;
        v1(k1o) = x1;
        if (x1 > n) {
          k1end += 2;  // ran off the right
        } else if (y1 > m) {
          k1start += 2;  // ran off the bottom
        } else if (front) {
          const Index k2o = offset + delta - k1;
          if (k2o >= 0 && k2o < length && v2(k2o) != -1 && x1 >= n - v2(k2o)) {
            x = static_cast<std::size_t>(x1);
            y = static_cast<std::size_t>(y1);
            return 1;
          }
        }
      }
      for (Index k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const Index k2o = offset + k2;
        Index x2 = (k2 == -d || (k2 != d && v2(k2o - 1) < v2(k2o + 1))) ? v2(k2o + 1) : v2(k2o - 1) + 1;
        Index y2 = x2 - k2;
        while (x2 < n && y2 < m && A[n - x2 - 1] == B[m - y2 - 1]) ++x2, ++y2;
        v2(k2o) = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          const Index k1o = offset + delta - k2;
          if (k1o >= 0 && k1o < length && v1(k1o) != -1) {
            const Index x1 = v1(k1o);
            const Index y1 = offset + x1 - k1o;
            if (x1 >= n - x2) {
              x = static_cast<std::size_t>(x1);
              y = static_cast<std::size_t>(y1);
              return 1;
            }
          }
        }
      }
    }
    return 0;
  }

  // A longest common subsequence of a[a0, a1) and b[b0, b1) by the bit-parallel algorithm of
  // Allison and Dix (as Hyyro states it): one row of the table per b token, as a bit vector over
  // a whose zero bits mark where the row's value steps up, all rows kept for the walk back.
  // O(n m / 64) time and bits; an LCS is a shortest script of removals and insertions.
  void bit_parallel(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    const std::size_t n = a1 - a0, m = b1 - b0, words = (n + 63) / 64;
    const std::uint32_t* A = a_ + a0;
    const std::uint32_t* B = b_ + b0;
    // Each token of a: the bits of its positions.
    auto& symbols = s_.symbols;
    auto& masks = s_.masks;
    symbols.clear();
    masks.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const auto [it, added] = symbols.try_emplace(A[i], static_cast<std::uint32_t>(symbols.size()));
      if (added) masks.resize(masks.size() + words, 0);
      masks[it->second * words + i / 64] |= std::uint64_t{1} << (i % 64);
    }
    auto& symbol = s_.symbol;
    symbol.resize(m);
    for (std::size_t j = 0; j < m; ++j) {
      const auto found = symbols.find(B[j]);
      symbol[j] = found == symbols.end() ? -1 : static_cast<std::int64_t>(found->second);
    }
    // Rows 1..m are all written: only the growth of the buffers is cleared, once.
    auto& rows = s_.rows;
    auto& ones = s_.ones;
    if (rows.size() < (m + 1) * words) rows.resize((m + 1) * words);
    if (ones.size() < (m + 1) * words) ones.resize((m + 1) * words);
    for (std::size_t w = 0; w < words; ++w) {
      rows[w] = ~std::uint64_t{0};
      ones[w] = static_cast<std::uint32_t>(64 * w);
    }
    fill_rows(masks.data(), symbol.data(), m, words, rows.data(), ones.data());
    // Table value at row j, column i: the zero bits of row j below i.
    auto value = [&](std::size_t j, std::size_t i) {
      std::size_t ones = 0;
      if (i / 64 < words) {
        ones = s_.ones[j * words + i / 64];
        if (i % 64) ones += static_cast<std::size_t>(__builtin_popcountll(s_.rows[j * words + i / 64] & ((std::uint64_t{1} << (i % 64)) - 1)));
      } else {  // i == n on a word boundary: every word counts
        ones = s_.ones[j * words + words - 1] + static_cast<std::size_t>(__builtin_popcountll(s_.rows[j * words + words - 1]));
      }
      return i - ones;
    };
    // Walk back from the end: a match on the diagonal, else up (b's token inserted) when the
    // value above is as large, else left (a's token removed). The steps come out reversed.
    auto& steps = s_.steps;
    steps.clear();
    std::size_t i = n, j = m;
    while (i > 0 && j > 0) {
      if (A[i - 1] == B[j - 1]) {
        steps.push_back(EditOp::equal);
        --i, --j;
      } else if (value(j - 1, i) == value(j, i)) {
        steps.push_back(EditOp::insert);
        --j;
      } else {
        steps.push_back(EditOp::remove);
        --i;
      }
    }
    for (; i > 0; --i) steps.push_back(EditOp::remove);
    for (; j > 0; --j) steps.push_back(EditOp::insert);
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) push(*it, 1);
  }

  const std::uint32_t* a_;
  const std::uint32_t* b_;
  double& work_;
  std::vector<ScriptRun>& out_;
  const double bit_parallel_cells_;
  EditScriptScratch& s_;
};

}  // namespace

bool shortest_edit_script(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m,
                          double& work, std::vector<ScriptRun>& out, EditScriptScratch& scratch,
                          double bit_parallel_cells) {
  const std::size_t mark = out.size();
  const ScriptRun last = mark > 0 ? out.back() : ScriptRun{EditOp::equal, 0};
  if (Myers(a, b, work, out, bit_parallel_cells, scratch).diff(0, n, 0, m)) return true;
  out.resize(mark);  // undo: the caller gets the script as it was
  if (mark > 0) out.back() = last;
  return false;
}

bool shortest_edit_script(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m,
                          double& work, std::vector<ScriptRun>& out, double bit_parallel_cells) {
  EditScriptScratch scratch;
  return shortest_edit_script(a, n, b, m, work, out, scratch, bit_parallel_cells);
}

}  // namespace storydiff::detail
