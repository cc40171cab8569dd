// An exact shortest edit script in linear space, with a work budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "storydiff/result.h"

namespace storydiff::detail {

/// `count` steps of one kind: equal (a token of each sequence), remove (old) or insert (new).
struct ScriptRun {
  EditOp op;
  std::uint32_t count;
};

/// Appends to `out` a shortest edit script turning a[0, n) into b[0, m): Myers' O((n + m) D)
/// algorithm with the linear-space middle-snake split (as diff-match-patch's exact diff), so
/// memory stays O(n + m) where dtl records every point of its path (dtl's script took 530 ms on
/// the 5,000-token speed-test pair; this takes milliseconds). `work` is the budget in diagonal
/// steps; each call spends from it. Returns false, with `out` as it was, when the budget runs
/// out first.
bool shortest_edit_script(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m,
                          double& work, std::vector<ScriptRun>& out);

}  // namespace storydiff::detail
