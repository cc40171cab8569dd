#include "storydiff/error.h"

namespace storydiff {

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_utf8: return "invalid_utf8";
    case ErrorCode::binary_input: return "binary_input";
    case ErrorCode::input_too_large: return "input_too_large";
    case ErrorCode::bad_option: return "bad_option";
    case ErrorCode::unsupported_format: return "unsupported_format";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace storydiff
