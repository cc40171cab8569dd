#include "order.h"

#include <algorithm>

namespace storydiff::detail {

std::vector<bool> heaviest_increasing(const std::vector<std::uint32_t>& y,
                                      const std::vector<std::uint32_t>& weight) {
  const std::size_t n = y.size();
  std::vector<bool> keep(n, false);
  if (n == 0) return keep;
  // Compress y to ranks 1..m for a Fenwick tree of prefix maxima.
  std::vector<std::uint32_t> ys(y);
  std::sort(ys.begin(), ys.end());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
  const std::size_t m = ys.size();
  struct Best {
    std::uint64_t total = 0;
    std::size_t item = SIZE_MAX;  // SIZE_MAX: none
  };
  // Better: heavier, then earlier item (deterministic and keeps the earlier claims in place).
  auto better = [](const Best& x, const Best& z) {
    if (x.total != z.total) return x.total > z.total;
    return x.item < z.item;
  };
  std::vector<Best> tree(m + 1);
  std::vector<std::uint64_t> total(n);
  std::vector<std::size_t> prev(n, SIZE_MAX);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t rank = static_cast<std::size_t>(std::lower_bound(ys.begin(), ys.end(), y[k]) - ys.begin()) + 1;
    Best best;  // best over ranks < rank
    for (std::size_t r = rank - 1; r > 0; r -= r & (~r + 1))
      if (tree[r].item != SIZE_MAX && (best.item == SIZE_MAX || better(tree[r], best))) best = tree[r];
    total[k] = best.total + weight[k];
    prev[k] = best.item;
    const Best mine{total[k], k};
    for (std::size_t r = rank; r <= m; r += r & (~r + 1))
      if (tree[r].item == SIZE_MAX || better(mine, tree[r])) tree[r] = mine;
  }
  std::size_t end = 0;
  for (std::size_t k = 1; k < n; ++k)
    if (total[k] > total[end]) end = k;
  for (std::size_t k = end; k != SIZE_MAX; k = prev[k]) keep[k] = true;
  return keep;
}

}  // namespace storydiff::detail
