// Markdown reading: the prose of a Markdown document, with the markup removed.
#pragma once

#include <string>
#include <string_view>

namespace storydiff::detail {

/// What the Markdown reader extracted.
struct MarkdownExtract {
  std::string text;   ///< paragraphs separated by "\n\n"
  std::string title;  ///< front matter "title:", else the first level-1 heading, else the first
                      ///< heading (empty when none)
};

/// Extracts the prose of a Markdown document (valid UTF-8, LF line ends), CommonMark-like:
/// headings (ATX and setext) and list items become paragraphs of their own; block quote markers,
/// emphasis and strike-through markers, code span backticks, link syntax ([text](url) keeps
/// "text"), images, reference definitions, fenced code blocks, horizontal rules, YAML front
/// matter and inline HTML tags are removed; character references are decoded. Lines of a
/// paragraph are joined by one space. Indented code blocks are not recognised (their lines are
/// read as prose) and tables are kept as text. Linear time, no recursion.
MarkdownExtract extract_markdown(std::string_view markdown);

/// The text of one Markdown paragraph's inline content (no block structure), with the markup
/// removed as extract_markdown does; no link reference definitions are known.
std::string markdown_inline_text(std::string_view inline_markdown);

}  // namespace storydiff::detail
