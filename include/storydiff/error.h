// storydiff — errors as values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace storydiff {

/// Stable error codes. Their snake_case names (see error_code_name) are part of the JSON, CLI and
/// JavaScript contract: never renumber or rename one.
enum class ErrorCode {
  invalid_utf8,        ///< the bytes are not valid UTF-8 (the message names the byte offset)
  binary_input,        ///< the bytes contain NUL or look like a binary file
  input_too_large,     ///< the input exceeds the configured size limit
  bad_option,          ///< an option has an out-of-range or unknown value
  unsupported_format,  ///< a format or encoding the reader does not handle
  io_error,            ///< a file could not be opened or read (used by front ends)
  internal,            ///< a bug: an invariant did not hold
};

/// The snake_case name of a code, e.g. "invalid_utf8".
std::string_view error_code_name(ErrorCode code) noexcept;

/// A failure: a stable code and a message a person can act on.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

/// Either a value or an Error. The engine never throws across its public API.
template <class T>
class Expected {
 public:
  /// A successful result.
  Expected(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  /// A failed result.
  Expected(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  /// True when a value is held.
  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only when ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  /// The error; only when !ok().
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace storydiff
