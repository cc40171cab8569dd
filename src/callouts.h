// Call-outs: the changes inside a modified claim that a reader must not miss.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storydiff/result.h"

namespace storydiff::detail {

/// Changed figures, changed words inside quotation marks, and a changed speaker of
/// "said"/"told"/"according to", found from the word diff `edits` of `old_text` -> `new_text`.
std::vector<Callout> find_callouts(std::string_view old_text, std::string_view new_text,
                                   const std::vector<Edit>& edits);

/// The speaker a sentence attributes its claim to ("the mayor", "Gen. Ortega"), lowercased, or
/// "" when it has none.
std::string find_speaker(std::string_view sentence);

}  // namespace storydiff::detail
