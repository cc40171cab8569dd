// Sentence alignment: exact matches by hash, reworded ones by weighted lexical similarity found
// through an inverted index, then splits and merges.
#pragma once

#include <cstdint>
#include <vector>

#include "storydiff/compare.h"
#include "storydiff/document.h"

namespace storydiff::detail {

/// A set of old sentences matched to a set of new ones: one to one, a split (one `a`, several
/// `b`) or a merge (several `a`, one `b`). Indices are ascending and contiguous.
struct Match {
  std::vector<std::uint32_t> a;
  std::vector<std::uint32_t> b;
  double similarity = 0.0;  ///< 1 for exact matches
  bool exact = false;       ///< identical under the comparison options
};

/// The matches, sorted by their first `a` index.
struct AlignResult {
  std::vector<Match> matches;
  bool approximate = false;  ///< the candidate search hit its work budget
};

/// Aligns the sentences of two documents. Every sentence is in at most one match.
AlignResult align_sentences(const Document& old_doc, const Document& new_doc, const Options& options);

}  // namespace storydiff::detail
