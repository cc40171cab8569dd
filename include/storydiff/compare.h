// storydiff — aligning the claims of two documents.
#pragma once

#include "storydiff/document.h"
#include "storydiff/error.h"
#include "storydiff/options.h"
#include "storydiff/result.h"

namespace storydiff {

/// Checks option ranges; bad_option with a message naming the field.
Expected<bool> validate(const Options& options);

/// Aligns the sentences of `old_doc` and `new_doc` and diffs matched ones word by word.
/// The documents are moved into the result. Fails only with bad_option.
Expected<Comparison> compare(Document old_doc, Document new_doc, const Options& options = {});

}  // namespace storydiff
