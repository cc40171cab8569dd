// storydiff — the JSON serialisation of a Comparison (schema/comparison.schema.json).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "storydiff/error.h"
#include "storydiff/options.h"
#include "storydiff/result.h"

namespace storydiff {

/// The comparison as JSON text, deterministic byte for byte. `indent` < 0 gives one line.
std::string to_json(const Comparison& comparison, int indent = -1);

/// The same JSON, handed to `sink` in pieces of about 64 KB as it is written, so that a large
/// comparison never needs its whole JSON in memory.
void write_json(const Comparison& comparison, const std::function<void(std::string_view)>& sink,
                int indent = -1);

/// An error as JSON: {"error": {"code": "...", "message": "..."}}.
std::string to_json(const Error& error, int indent = -1);

/// Options as a JSON object with the same field names as the struct.
std::string to_json(const Options& options, int indent = -1);

/// Reads options from a JSON object. Missing fields keep their defaults; unknown fields, wrong
/// types and out-of-range values fail with bad_option naming the field.
Expected<Options> options_from_json(std::string_view json);

}  // namespace storydiff
