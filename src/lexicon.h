// Words that news writers swap for one another when they rewrite a story.
#pragma once

#include <string>
#include <vector>

namespace storydiff::detail {

/// Replaces a stemmed term by the canonical member of its synonym group ("stock" for "share",
/// "fall" for "drop", "2" for "two"), in place. Terms outside every group are left alone.
void canonical_term(std::string& term);

/// Words of the table whose stem lands in two different groups: a mistake in the table, found
/// by the unit tests. Empty when the table is sound.
std::vector<std::string> lexicon_conflicts();

}  // namespace storydiff::detail
