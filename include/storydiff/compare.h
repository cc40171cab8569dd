// storydiff — aligning the claims of two documents.
#pragma once

#include <vector>

#include "storydiff/document.h"
#include "storydiff/error.h"
#include "storydiff/options.h"
#include "storydiff/result.h"

namespace storydiff {

/// Checks option ranges; bad_option with a message naming the field.
Expected<bool> validate(const Options& options);

/// The most documents one comparison takes.
inline constexpr std::size_t kMaxDocuments = 20;

/// Compares two to kMaxDocuments documents. With two, the same as compare(old, new); with more,
/// groups their sentences into claims (Comparison::claims) from all pairwise alignments, and
/// the grouping does not depend on the order the documents are given in. Fails with bad_option
/// for fewer than two or more than kMaxDocuments documents, or bad options.
Expected<Comparison> compare(std::vector<Document> documents, const Options& options = {});

/// Aligns the sentences of `old_doc` and `new_doc` and diffs matched ones word by word.
/// The documents are moved into the result. Fails only with bad_option.
Expected<Comparison> compare(Document old_doc, Document new_doc, const Options& options = {});

}  // namespace storydiff
