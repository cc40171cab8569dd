// The whole-document word diff (granularity "word"): a near-minimal token edit script for texts
// of any size, in bounded work.
#pragma once

#include <string_view>
#include <vector>

#include "storydiff/result.h"

namespace storydiff::detail {

/// Diffs two whole texts token by token. Runs of tokens that both texts share, and that are rare
/// in the part being diffed, anchor the script; only the stretches between anchors go to dtl's
/// exact diff, each small enough for dtl to stay minimal. Found the way patience and histogram
/// diffs find theirs, the anchors are almost always part of a shortest script, so the result is
/// near-minimal (measured against an exact diff in bench/), where one dtl call over two large
/// texts would silently stop being minimal.
///
/// Work is bounded: a stretch with no anchor that is too large for dtl is reported as one
/// replacement and `approximate` is set. The equal and remove runs rebuild `old_text`; the equal
/// and insert runs, `new_text`; adjacent runs of one kind are merged, and every change is a
/// remove before an insert.
std::vector<Edit> token_diff(std::string_view old_text, std::string_view new_text, bool& approximate);

}  // namespace storydiff::detail
