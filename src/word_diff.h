// The word diff inside a matched claim.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "storydiff/result.h"

namespace storydiff::detail {

/// Above this many differing tokens (after trimming the common head and tail) on either side,
/// the middle is reported as one replacement and the diff is flagged approximate.
inline constexpr std::size_t kMaxDiffTokens = 20000;
/// ... and above this product of the two sides' differing tokens: dtl's O(ND) work is bounded by
/// it, and two unrelated regions (D close to N) would otherwise cost seconds each.
inline constexpr double kMaxDiffWork = 2e6;

/// Diffs two texts token by token (dtl) and cleans the script up so that a reader sees whole
/// changed phrases: short equal runs caught between larger changes are folded into them.
/// The equal and remove runs rebuild `old_text`; the equal and insert runs, `new_text`.
/// Sets `approximate` when the diff was bounded.
/// With `readable` false the script is left as dtl found it (shortest, for whole-document diffs);
/// only adjacent runs of one kind are merged.
std::vector<Edit> word_diff(std::string_view old_text, std::string_view new_text, bool& approximate,
                            bool readable = true);

/// dtl's shortest edit script of two sequences of token ids: one step per token, in order.
/// The caller bounds the work (the product of the two lengths; see kMaxDiffWork).
std::vector<EditOp> shortest_script(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

/// Appends `edits` to `out`, merging a run with the one before it when they are of one kind.
void append_edits(std::vector<Edit>& out, std::vector<Edit>&& edits);

/// Merges adjacent runs of one kind and puts every change block in remove-then-insert order.
void normalize_edits(std::vector<Edit>& edits);

/// Folds equal runs that are no longer than the changes on both sides of them (as
/// diff-match-patch's semantic clean-up does), or that hold only white space, punctuation and a
/// few function words, into the changes around them, until nothing more folds.
void cleanup_semantic(std::vector<Edit>& edits);

}  // namespace storydiff::detail
