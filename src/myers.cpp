#include "myers.h"

#include <algorithm>

namespace storydiff::detail {

namespace {

// Positions and diagonals: the engine's inputs stay far below 2^31 tokens (docs/limits.md).
using Index = std::int32_t;

class Myers {
 public:
  Myers(const std::uint32_t* a, const std::uint32_t* b, double& work, std::vector<ScriptRun>& out)
      : a_(a), b_(b), work_(work), out_(out) {}

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

  const std::uint32_t* a_;
  const std::uint32_t* b_;
  double& work_;
  std::vector<ScriptRun>& out_;
  std::vector<Index> v1_, v2_;
};

}  // namespace

bool shortest_edit_script(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m,
                          double& work, std::vector<ScriptRun>& out) {
  const std::size_t mark = out.size();
  const ScriptRun last = mark > 0 ? out.back() : ScriptRun{EditOp::equal, 0};
  if (Myers(a, b, work, out).diff(0, n, 0, m)) return true;
  out.resize(mark);  // undo: the caller gets the script as it was
  if (mark > 0) out.back() = last;
  return false;
}

}  // namespace storydiff::detail
