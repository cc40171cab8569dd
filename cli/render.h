// storydiff CLI — renderers of the one result model.
#pragma once

#include <string>

#include "storydiff/result.h"

namespace storydiff::cli {

/// A readable terminal rendering: one line per claim with a marker that needs no colour
/// (+ added, - removed, ~ modified, = unchanged, moved and split/merge in brackets) and the word
/// diff inline as [-removed-]{+inserted+}; ANSI colour when `color`.
std::string render_text(const Comparison& c, bool color, bool show_unchanged);

/// One self-contained HTML report (inline CSS, no scripts, no external assets); all document
/// text is escaped.
std::string render_html(const Comparison& c);

}  // namespace storydiff::cli
