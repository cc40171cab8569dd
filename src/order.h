// The spine of an alignment: the heaviest set of matches that keeps its order in both documents.
#pragma once

#include <cstdint>
#include <vector>

namespace storydiff::detail {

/// Given items already in increasing order of their old-document position, with `y` their
/// new-document positions and `weight` their weights, marks the heaviest subsequence whose `y`
/// strictly increases (a weighted longest increasing subsequence, O(n log n)). On ties the
/// subsequence that keeps earlier items wins, so the result does not depend on anything but the
/// input. Items not marked are the moved ones.
std::vector<bool> heaviest_increasing(const std::vector<std::uint32_t>& y,
                                      const std::vector<std::uint32_t>& weight);

}  // namespace storydiff::detail
