// storydiff CLI — reading files and standard input.
#pragma once

#include <cstddef>
#include <string>

#include "storydiff/error.h"

namespace storydiff::cli {

/// The bytes of `path` ("-" is standard input). Fails with io_error ("cannot open ...: reason")
/// or with input_too_large before reading more than `max_bytes` + 1 bytes.
Expected<std::string> read_input(const std::string& path, std::size_t max_bytes);

}  // namespace storydiff::cli
