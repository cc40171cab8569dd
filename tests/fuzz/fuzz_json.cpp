// fuzz_json: options_from_json on any text, the options round trip, and JSON strings made of any
// bytes (error messages, document names).
// Input: any bytes. They are parsed as options JSON; the first 9 bytes also make an Options
// value (a double and flags) for the round trip; the whole input is used as an error
// message and as a document name.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>

#include "fuzz_support.h"

using namespace storydiff;
using Json = nlohmann::json;

namespace {

bool same(const Options& x, const Options& y) {
  // Bit for bit: the JSON must not round a threshold.
  return std::memcmp(&x.threshold, &y.threshold, sizeof x.threshold) == 0 &&
         x.ignore_case == y.ignore_case && x.ignore_punctuation == y.ignore_punctuation &&
         x.detect_splits == y.detect_splits && x.detect_moves == y.detect_moves &&
         x.granularity == y.granularity;
}

void round_trip(const Options& o) {
  FUZZ_CHECK(validate(o).ok());
  for (const int indent : {-1, 0, 2}) {
    const std::string text = to_json(o, indent);
    auto back = options_from_json(text);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(same(*back, o));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // Any text: options or a bad_option error with a message, never a crash or an exception.
  auto parsed = options_from_json(bytes);
  if (parsed) {
    round_trip(*parsed);
  } else {
    FUZZ_CHECK(parsed.error().code == ErrorCode::bad_option);
    FUZZ_CHECK(!parsed.error().message.empty());
  }

  // Any Options value: valid ones round-trip exactly, invalid ones fail validation.
  if (size >= 9) {
    Options o;
    std::memcpy(&o.threshold, data, sizeof o.threshold);
    o.ignore_case = data[8] & 1;
    o.ignore_punctuation = data[8] & 2;
    o.detect_splits = data[8] & 4;
    o.detect_moves = data[8] & 8;
    if (data[8] & 16) o.granularity = Granularity::word;
    // A value outside the enum (as a binding could pass) fails validation too.
    const bool bad_granularity = (data[8] & 32) != 0;
    if (bad_granularity) o.granularity = static_cast<Granularity>(2 + (data[8] >> 6));
    if (o.threshold > 0.0 && o.threshold <= 1.0 && !bad_granularity) round_trip(o);
    else FUZZ_CHECK(!validate(o).ok());
  }

  // Any bytes as an error message and as document names: the JSON is still valid JSON, and
  // valid UTF-8 comes back unchanged.
  const Json e = Json::parse(to_json(Error{ErrorCode::io_error, std::string(bytes)}), nullptr, false);
  FUZZ_CHECK(!e.is_discarded());
  FUZZ_CHECK(e["error"]["code"] == "io_error");
  if (fuzz::valid_utf8(bytes)) FUZZ_CHECK(e["error"]["message"] == std::string(bytes));

  Document a, b;
  a.name = std::string(bytes);
  b.name = "new";
  auto c = compare(std::move(a), std::move(b));
  FUZZ_CHECK(c.ok());
  const Json j = Json::parse(to_json(*c), nullptr, false);
  FUZZ_CHECK(!j.is_discarded());
  if (fuzz::valid_utf8(bytes)) FUZZ_CHECK(j["documents"][0]["name"] == std::string(bytes));
  return 0;
}
