// storydiff — the options of a comparison.
#pragma once

namespace storydiff {

/// What a comparison reports.
enum class Granularity {
  sentence,  ///< claims: the sentence alignment, with word diffs inside modified claims
  word,      ///< also one whole-document word diff (`edits`): a shortest token script
};

/// Options of a comparison. Field names are the JSON / JavaScript option names.
struct Options {
  /// Minimum similarity (0..1) for two different sentences to count as the same claim reworded.
  double threshold = 0.25;
  /// Case-only differences make no change.
  bool ignore_case = false;
  /// Punctuation-only differences make no change.
  bool ignore_punctuation = false;
  /// Look for one sentence split into several, or several merged into one.
  bool detect_splits = true;
  /// Flag matched claims out of order as moved (otherwise all matches keep their order).
  bool detect_moves = true;
  /// Granularity::word adds the whole-document word diff.
  Granularity granularity = Granularity::sentence;
};

}  // namespace storydiff
