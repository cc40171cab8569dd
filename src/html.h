// HTML reading: the article text of a page, entity decoding, and the paragraph builder that the
// HTML and Markdown readers share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace storydiff::detail {

/// Joins pieces of text into paragraphs the way a browser shows them: every run of white space
/// (ASCII white space and U+00A0 no-break space) becomes one space, paragraphs are trimmed,
/// empty paragraphs vanish, soft hyphens (U+00AD, invisible) are dropped, and paragraphs are
/// separated by exactly "\n\n".
class TextBuilder {
 public:
  /// Appends text (valid UTF-8) to the current paragraph, opening one if needed.
  void add(std::string_view text);
  /// Ends the current paragraph; the next text starts a new one. Repeated breaks are one break.
  void paragraph_break() noexcept {
    open_ = false;
    pending_space_ = false;
  }
  /// The text built so far.
  const std::string& text() const noexcept { return out_; }
  /// Moves the text out; the builder is left empty.
  std::string take();

 private:
  std::string out_;
  bool open_ = false;           // the current paragraph has visible text
  bool pending_space_ = false;  // white space seen since the paragraph's last visible text
};

/// What the HTML reader extracted from a page.
struct HtmlExtract {
  std::string text;   ///< the article's paragraphs, separated by "\n\n"
  std::string title;  ///< the first <title>, white space collapsed (empty when absent)
};

/// Extracts the readable article text of an HTML document (valid UTF-8, LF line ends).
/// Drops script, style, noscript, template, svg, nav, header, footer, aside, form, button, iframe
/// and head; keeps the largest <article> when there is one with text, else <main>, else
/// everything. Block elements (and <br>) end paragraphs; inline elements stay inline.
/// Tolerates any input (unclosed tags, stray '<', deep nesting) in linear time, without recursion.
HtmlExtract extract_html(std::string_view html);

/// True when text looks like an HTML document or fragment: it starts (after white space) with
/// "<!doctype html" or "<html", or has a <p>, <article> or <body> tag in its first 2 KB.
bool looks_like_html(std::string_view text) noexcept;

/// The code point of a named character reference (case-sensitive name without '&' and ';'),
/// or 0 when the name is unknown. Knows the 252 entities of HTML 4.01 and "apos".
char32_t named_entity(std::string_view name) noexcept;

/// How many named character references named_entity knows.
std::size_t named_entity_count() noexcept;

/// If s[i] is '&' starting a character reference, appends its UTF-8 decoding to `out` and
/// returns the number of bytes it spans; otherwise returns 0 and appends nothing.
/// Numeric references (&#233; &#xE9;) decode to U+FFFD when zero, a surrogate or above
/// U+10FFFF, and 128..159 map as Windows-1252 (as browsers do). Named references need their ';'
/// unless `require_semicolon` is false and the name is one of amp, lt, gt, quot, nbsp, copy, reg.
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out,
                          bool require_semicolon);

/// Appends `s` to `out` with every character reference decoded (see decode_entity).
void append_decoded(std::string_view s, std::string& out, bool require_semicolon);

}  // namespace storydiff::detail
