// Sentence alignment: exact matches by hash, reworded ones by weighted lexical similarity found
// through an inverted index, then splits and merges.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "storydiff/compare.h"
#include "storydiff/document.h"
#include "string_ids.h"

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

/// What a term is for the similarity.
enum class TermKind : std::uint8_t {
  function,  ///< "the", "of": weighs little
  content,   ///< a word
  number,    ///< a figure ("1400", "3.5"); weighs as a content word
};

/// The vocabulary of comparison terms, shared by the documents of one comparison.
class TermTable {
 public:
  /// The id of `term`, added with `kind` when new.
  std::uint32_t intern(const std::string& term, TermKind kind);
  TermKind kind(std::uint32_t id) const { return kinds_[id]; }
  /// Whether the term is a figure of any size, a year or a time's part included ("3", "2028").
  bool numeric(std::uint32_t id) const { return numeric_[id]; }
  std::size_t size() const { return kinds_.size(); }

  /// Acronyms of three to six letters ("FTC", "N.T.S.B.") written in any document of the
  /// comparison, as acronym_key values: a name spelt out ("Federal Trade Commission") also
  /// counts as its acronym when some document uses the acronym. All documents' are added before
  /// any sentence's terms are computed (DocFeatures' constructor).
  void add_acronyms(std::string_view text);
  bool is_acronym(std::uint32_t key) const;

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<TermKind> kinds_;
  std::vector<bool> numeric_;
  std::vector<std::uint32_t> acronyms_;  // sorted, unique
};

/// Three to six capital letters as one number (base 27), or 0 for anything else.
std::uint32_t acronym_key(std::string_view capitals);

/// Words that put something into a state or out of it again: "suspended" / "resumed", "issued a
/// ground stop" / "lifted the ground stop", "ordered to shelter" / "lifted the order".
enum StateWords : std::uint8_t {
  /// suspend, halt, close, shut, impose, issue, order, declare, ground, ban, evacuate, cripple,
  /// disrupt, knock out, outage, offline
  kStops = 1,
  kRestarts = 2,  ///< resume, reopen, lift, rescind, restore, reconnect, ended
  /// not a word's bit: the sentence says someone did not comment or say, or that something is not
  /// known (see ensure)
  kNoComment = 4,
};

/// What a lowercase word does in "did not respond", "declined to comment", "could not be
/// reached", "did not say whether", "could not yet say how many", "it was not immediately
/// clear", "it was unclear how", "too early to say what", "under investigation", "no comment"
/// (but not "declined to comment further"): see DocFeatures::ensure.
enum class CommentRole : std::uint8_t {
  other, negation, filler, comment, say, whether, unclear, too, early, under, investigation, further, but
};
CommentRole comment_role(std::string_view lower_word);

/// The StateWords bits of one lowercase word.
std::uint8_t state_words(std::string_view lower_word);

/// Two sentences on one thing in opposite states: one restarts what the other stops ("train
/// services were suspended" / "train service had resumed"). However alike, they are two claims
/// (in the gold cases, no pair of one claim differs so).
inline bool opposite_states(std::uint8_t x, std::uint8_t y) {
  const bool rx = (x & kRestarts) != 0, ry = (y & kRestarts) != 0;
  return rx != ry && ((rx ? y : x) & kStops) != 0;
}

/// A view of a sentence's sorted term ids.
struct BagView {
  const std::uint32_t* p;
  std::size_t n;
  const std::uint32_t* begin() const { return p; }
  const std::uint32_t* end() const { return p + n; }
};

/// One document's exact-match keys (all sentences, under the options) and sentence terms
/// (computed on first use), kept across the pairwise alignments a document takes part in.
class DocFeatures {
 public:
  DocFeatures(const Document& d, const Options& o, TermTable& table);
  const Document& document() const { return d_; }
  TermTable& table() const { return table_; }
  /// The hash of sentence i's normalised form.
  std::uint64_t key(std::uint32_t i) const { return keys_[i]; }
  /// Computes sentence i's terms if not yet done. May move earlier bags: views taken before
  /// a call are invalid after it.
  void ensure(std::uint32_t i);
  /// Whether sentence i's terms are computed.
  bool has_terms(std::size_t i) const { return done_[i]; }
  /// Sentence i's terms; only after ensure(i).
  BagView bag(std::size_t i) const { return {terms_.data() + range_[i].first, range_[i].second - range_[i].first}; }
  /// Sentence i's state-change words (StateWords bits); only after ensure(i).
  std::uint8_t states(std::size_t i) const { return states_[i]; }
  /// The content terms of the quotation sentence i opens with, or closes when an earlier sentence
  /// opened it, sorted; empty when it does neither. Only after ensure(i).
  BagView quote(std::uint32_t i) const {
    return {quote_terms_.data() + quote_range_[i].first, quote_range_[i].second - quote_range_[i].first};
  }

 private:
  const Document& d_;
  TermTable& table_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> terms_;                          // all computed sentences' terms
  std::vector<std::pair<std::uint32_t, std::uint32_t>> range_;  // sentence -> [begin, end) in terms_
  std::vector<bool> done_;
  std::vector<std::uint8_t> states_;  // sentence -> StateWords bits
  std::vector<std::uint32_t> quote_terms_;  // the opening quotations' content terms
  std::vector<std::pair<std::uint32_t, std::uint32_t>> quote_range_;  // sentence -> [begin, end) in quote_terms_
  void add_word_terms(std::string_view word);
  void add_rounded(const std::string& figure);
  void add_acronym_of(std::string& caps);
  StringIds words_;  // the distinct words seen, as views into the text
  std::vector<std::pair<std::uint32_t, std::uint32_t>> word_terms_;  // word id -> [at, at + n) in word_term_ids_
  std::vector<std::uint8_t> word_states_;                             // word id -> StateWords bits
  std::vector<CommentRole> word_roles_;                               // word id -> its CommentRole
  std::vector<std::uint32_t> word_term_ids_;
  std::vector<Token> toks_;  // scratch
  std::string term_;         // scratch
  std::string caps_;         // initials of the capitalised words in a row so far
};

/// How readily a sentence next to a split or merge joins it.
enum class Grouping : std::uint8_t {
  /// Two documents: when enough of it is found in what the other side says beyond the group.
  pair,
  /// One pair among several documents: also only when the group gets more similar. A false join
  /// merges two whole claims once every pair's links are united, so the pairs are held stricter.
  strict,
};

/// The spine of matches sorted by their first `a` index: the largest set in the same order in
/// both documents, counted in claims (then sentences). Matches off it are the moved ones.
std::vector<bool> spine(const std::vector<Match>& matches);

/// Aligns the sentences of two documents. Every sentence is in at most one match.
AlignResult align_sentences(const Document& old_doc, const Document& new_doc, const Options& options,
                            Grouping grouping = Grouping::pair);

/// The same, with caches that outlive the call (several pairwise alignments of one document).
/// Both caches must share one TermTable and have been built with the same options.
AlignResult align_sentences(DocFeatures& old_doc, DocFeatures& new_doc, const Options& options,
                            Grouping grouping = Grouping::pair);

}  // namespace storydiff::detail
