// The whole-document word diff (granularity "word"): a near-minimal token edit script for texts
// of any size, in bounded work.
#pragma once

#include <string_view>
#include <vector>

#include "storydiff/result.h"

namespace storydiff::detail {

/// Diffs two whole texts token by token. Coarse first: blocks of whole lines the two texts share
/// (lines found equally often in both, in the largest set in the same order, as git's line diff
/// and patience diff find theirs) are set aside before any token is made. Between them, runs of
/// tokens both share and that are rare in the part being diffed anchor the script, and only the
/// stretches between anchors get an exact shortest edit script (myers.h). Such anchors are almost
/// always part of a shortest script, so the result is near-minimal (measured against an exact
/// diff in bench/ and in the unit tests).
///
/// Work is bounded: a stretch too costly to diff exactly is cut at shorter shared runs, or else
/// reported as one replacement, and `approximate` is set. The equal and remove runs rebuild
/// `old_text`; the equal and insert runs, `new_text`; adjacent runs of one kind are merged, and
/// every change is a remove before an insert.
std::vector<Edit> token_diff(std::string_view old_text, std::string_view new_text, bool& approximate);

}  // namespace storydiff::detail
