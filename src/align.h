// Sentence alignment: exact matches by hash, reworded ones by weighted lexical similarity found
// through an inverted index, then splits and merges.
#pragma once

#include <cstdint>
#include <vector>

#include "storydiff/compare.h"
#include "storydiff/document.h"

namespace storydiff::detail {

/// A run of consecutive sentences [begin, end).
struct Run {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  std::uint32_t last() const { return end - 1; }
  /// The indices, for the public result.
  std::vector<std::uint32_t> indices() const {
    std::vector<std::uint32_t> v;
    v.reserve(size());
    for (auto k = begin; k < end; ++k) v.push_back(k);
    return v;
  }
};

/// A run of old sentences matched to a run of new ones: one to one, a split (one `a`, several
/// `b`) or a merge (several `a`, one `b`).
struct Match {
  Run a;
  Run b;
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
