// JSON string escaping, byte for byte as nlohmann/json's dump (ensure_ascii off) escapes.
#pragma once

#include <string>
#include <string_view>

namespace storydiff::detail {

/// Appends `s` as a quoted JSON string: '"', '\\' and control characters escaped (\n, \t, ...,
/// \u00xx), UTF-8 kept as it is. The fast path of the JSON writer; tests hold it to nlohmann's
/// output. Invalid UTF-8 is replaced with U+FFFD by nlohmann itself.
void append_json_string(std::string& out, std::string_view s);

}  // namespace storydiff::detail
