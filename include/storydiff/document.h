// storydiff — reading bytes into a document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storydiff/error.h"
#include "storydiff/segment.h"

namespace storydiff {

/// The input formats the reader understands.
enum class Format {
  automatic,  ///< by file name extension, then by content (article header, HTML markup)
  text,       ///< plain UTF-8 text
  markdown,   ///< Markdown: markup is removed, the prose kept
  html,       ///< HTML: the article body's text (script, style, nav, header, footer, aside dropped)
  article,    ///< article file: headline, date (YYYYMMDD) and URL lines, then the body
};

/// "automatic", "text", "markdown", "html" or "article".
std::string_view format_name(Format format) noexcept;

/// Parses a format name (also accepts "auto", "txt", "md", "htm"); bad_option when unknown.
Expected<Format> parse_format(std::string_view name);

/// The format a file name's extension implies; Format::automatic when it implies none.
Format format_from_name(std::string_view name) noexcept;

/// Limits and choices for reading.
struct ReadOptions {
  Format format = Format::automatic;          ///< how to interpret the bytes
  std::size_t max_bytes = 64u * 1024 * 1024;  ///< larger inputs fail with input_too_large
  bool replace_invalid_utf8 = false;          ///< replace bad sequences by U+FFFD (with a warning)
                                              ///< instead of failing with invalid_utf8
};

/// Article-file header fields (empty when absent).
struct Metadata {
  std::string title;  ///< headline
  std::string date;   ///< as written, e.g. "20211220"
  std::string url;
};

/// A document as the engine read it. Every offset in it is a UTF-8 byte offset into `text`:
/// for plain text and article files that is the input with any BOM removed and CRLF/CR turned
/// into LF (for an LF file without BOM, exactly the input bytes); for HTML and Markdown it is the
/// extracted prose, with block elements turned into paragraph breaks.
struct Document {
  std::string name;                   ///< the name given by the caller (a file name, or "-")
  Format format = Format::text;       ///< the format that was used (never automatic)
  std::string text;                   ///< the text as read (valid UTF-8, LF line ends)
  std::size_t body_start = 0;         ///< where the claims start (past an article header)
  Metadata meta;                      ///< article header or HTML <title>, when known
  std::vector<Paragraph> paragraphs;  ///< paragraphs of text[body_start, end)
  std::vector<Sentence> sentences;    ///< sentences of text[body_start, end)
  std::vector<std::string> warnings;  ///< things the reader repaired or guessed, each naming the document
};

/// Decodes, extracts and segments `bytes`. Fails with invalid_utf8 (message names the byte
/// offset), binary_input (NUL bytes), input_too_large or unsupported_format; never throws.
/// UTF-16 with a byte-order mark is converted to UTF-8 (with a warning).
Expected<Document> read_document(std::string_view bytes, std::string name,
                                 const ReadOptions& options = {});

}  // namespace storydiff
