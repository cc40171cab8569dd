// Turning tokens into comparable terms: case folding, light stemming, number normalisation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storydiff/segment.h"

namespace storydiff::detail {

/// Appends the lowercase form of UTF-8 `s` to `out` (see detail::to_lower for the ranges).
void append_lower(std::string_view s, std::string& out);

/// The comparison term of a word: lowercased, a number word as its digits ("forty" -> "40"),
/// possessive "'s" dropped, and a light English suffix-stripping stem ("killed", "kills", "killing" -> "kill"; "increases" -> "increas").
/// Written into `out` (cleared first). Returns true for a function word (left unstemmed).
bool word_term(std::string_view word, std::string& out);

/// The digits of an English number word from "two" to "ninety-nine" ("twenty-three" -> "23"),
/// given lowercase; false for anything else (and for "one", too often not a figure).
bool number_word_value(std::string_view word, std::string& out);

/// The comparison term of a number: thousands separators dropped ("100,000" -> "100000"),
/// the decimal point kept ("3.5"). Written into `out` (cleared first).
void number_term(std::string_view number, std::string& out);

/// True for English function words ("the", "of", "said", ...), given lowercase and unstemmed.
/// They still count towards similarity, but far less than content words.
bool is_function_word(std::string_view term) noexcept;

/// How many of a sentence's leading tokens form a dateline ("KYIV, Ukraine (Reuters) —",
/// "MOSCOW, Russia:", "PASADENA, Calif. —"), or 0 when it has none. A dateline says where a
/// story was filed, not what it claims: two ledes sharing one are not the same claim for it.
std::size_t dateline_tokens(std::string_view text, const std::vector<Token>& toks);

}  // namespace storydiff::detail
