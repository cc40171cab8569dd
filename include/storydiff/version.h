// storydiff — library version.
#pragma once

#include <string_view>

namespace storydiff {

/// The library version, "MAJOR.MINOR.PATCH".
inline constexpr std::string_view kVersion = "0.1.0";

}  // namespace storydiff
