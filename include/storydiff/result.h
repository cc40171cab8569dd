// storydiff — the one result model every renderer reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storydiff/document.h"
#include "storydiff/options.h"

namespace storydiff {

/// The JSON schema version of Comparison (schema/comparison.schema.json). Bump it on any
/// incompatible change to the JSON.
inline constexpr int kResultVersion = 1;

/// What happened to a claim between the old and the new document.
enum class Op {
  equal,     ///< the same sentence(s), up to the comparison options
  modified,  ///< reworded: matched by similarity, with a word diff
  added,     ///< only in the new document
  removed,   ///< only in the old document
};

/// "equal", "modified", "added" or "removed".
std::string_view op_name(Op op) noexcept;

/// "sentence" or "word".
std::string_view granularity_name(Granularity g) noexcept;

/// One step of a word diff.
enum class EditOp { equal, insert, remove };

/// "equal", "insert" or "delete".
std::string_view edit_op_name(EditOp op) noexcept;

/// A run of text in a word diff. Concatenating the equal and remove runs gives the old text;
/// the equal and insert runs, the new text.
struct Edit {
  EditOp op = EditOp::equal;
  std::string text;
};

/// A change a reader should not miss.
enum class CalloutKind {
  number,       ///< a figure changed: "23" -> "50"
  quote,        ///< words inside quotation marks changed
  attribution,  ///< the speaker of "said"/"told"/"according to" changed
};

/// "number", "quote" or "attribution".
std::string_view callout_kind_name(CalloutKind kind) noexcept;

/// A flagged change inside a modified claim.
struct Callout {
  CalloutKind kind = CalloutKind::number;
  std::string old_text;  ///< what the old document said ("" when the new one added it)
  std::string new_text;  ///< what the new document says ("" when it was dropped)
};

/// One row of the alignment. `a` and `b` index documents[0].sentences and documents[1].sentences;
/// a split is one `a` with two or more `b`, a merge the reverse. Every sentence of both documents
/// is in exactly one entry.
struct AlignmentEntry {
  Op op = Op::equal;
  std::vector<std::uint32_t> a;
  std::vector<std::uint32_t> b;
  bool moved = false;             ///< matched, but out of the order the rest keeps
  double similarity = 0.0;        ///< 1 for equal, 0 for added/removed
  std::vector<Edit> tokens;       ///< the word diff, for modified entries
  std::vector<Callout> callouts;  ///< flagged changes, for modified entries
};

/// Counts over the alignment. Claims are entries; sentence counts are per document.
struct Stats {
  std::uint32_t equal = 0;     ///< entries by op
  std::uint32_t modified = 0;
  std::uint32_t added = 0;
  std::uint32_t removed = 0;
  std::uint32_t moved = 0;     ///< matched entries flagged moved
  std::uint32_t splits = 0;    ///< entries with one a and several b
  std::uint32_t merges = 0;    ///< entries with several a and one b
  std::uint32_t old_sentences = 0;
  std::uint32_t new_sentences = 0;
  /// Share of both documents' sentences that are matched, weighted by similarity, in [0, 1].
  double overlap = 0.0;
};

/// One document's part in a claim: one sentence, or a run of sentences (a split or merge).
struct ClaimMember {
  std::uint32_t doc = 0;                ///< index into Comparison::documents
  std::vector<std::uint32_t> sentences; ///< consecutive sentence indices in that document
  double similarity = 1.0;              ///< to the claim's representative (1 for itself)
  std::vector<Edit> tokens;             ///< word diff from the representative's text to this one's
};

/// A claim carried by one or more documents (three or more documents compared).
struct Claim {
  std::vector<ClaimMember> members;  ///< one per document that carries it, by document index
  std::uint32_t representative = 0; ///< index into members: the wording closest to all others
  std::string text;                  ///< the representative's text
};

/// The comparison of two documents, or of three or more (see `claims`).
struct Comparison {
  Options options;                        ///< the options it was computed with
  std::vector<Document> documents;        ///< [old, new]
  std::vector<AlignmentEntry> alignment;  ///< in reading order of the new document, with removed
                                          ///< claims where they stood in the old one
  /// Granularity::word only: the word diff of the whole texts, a shortest token script unless
  /// `approximate` (src/token_diff.h). Equal and remove runs rebuild
  /// documents[0].text, equal and insert runs documents[1].text. Moved claims show as removed
  /// where they were and inserted where they are, as in any sequence diff.
  std::vector<Edit> edits;
  Stats stats;
  bool approximate = false;               ///< a work budget was hit; the result is valid but
                                          ///< may not be the best alignment
  std::vector<std::string> warnings;      ///< reader and engine warnings, prefixed by document

  // Three or more documents only (two give `alignment` and `stats` instead):
  /// The claims, grouped across documents: every sentence of every document is in exactly one
  /// member of one claim. Listed in the reading order of documents[0], then the claims it lacks
  /// in the order of documents[1], and so on (the reference order; the grouping itself does not
  /// depend on the order the documents are given in).
  std::vector<Claim> claims;
  /// Per document, the claims it carries in its own reading order (indices into `claims`).
  std::vector<std::vector<std::uint32_t>> claim_order;
  /// Pairwise overlap of the documents (as Stats::overlap), a symmetric matrix with 1 on the
  /// diagonal.
  std::vector<std::vector<double>> overlap;
};

/// Whether the documents differ, as diff's exit status says: two documents when any claim is not
/// equal and in place; three or more when any claim is missing from a document or worded
/// differently in one.
bool differs(const Comparison& comparison) noexcept;

}  // namespace storydiff
