#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "json_string.h"
#include "test_support.h"

using namespace storydiff;
using Json = nlohmann::json;

TEST_CASE("the JSON carries the documented contract", "[json]") {
  const auto c = test::diff("The toll rose to 23.\nThe senate passed the farm bill.\n",
                            "The toll rose to 50.\nA volcano erupted in Iceland overnight.\n");
  const Json j = Json::parse(to_json(c));
  CHECK(j["version"] == kResultVersion);
  REQUIRE(j["documents"].size() == 2);
  const auto& s0 = j["documents"][0]["sentences"][0];
  CHECK(s0["start"] == 0);
  CHECK(s0["end"] == 20);
  CHECK(s0["text"] == "The toll rose to 23.");
  bool saw_modified = false;
  for (const auto& e : j["alignment"]) {
    CHECK(e.contains("op"));
    CHECK(e["a"].is_array());
    CHECK(e["b"].is_array());
    CHECK(e["moved"].is_boolean());
    CHECK(e["similarity"].is_number());
    if (e["op"] == "modified") {
      saw_modified = true;
      CHECK(e["tokens"].is_array());
      REQUIRE(e["callouts"].size() == 1);
      CHECK(e["callouts"][0]["kind"] == "number");
      CHECK(e["callouts"][0]["old"] == "23");
      CHECK(e["callouts"][0]["new"] == "50");
    } else {
      CHECK_FALSE(e.contains("tokens"));
    }
  }
  CHECK(saw_modified);
  CHECK(j["stats"]["old_sentences"] == 2);
  CHECK(j["approximate"] == false);
}

TEST_CASE("JSON output is deterministic", "[json]") {
  const char* a = "Alpha troops crossed the river.\nBravo officials met in Paris.\n";
  const char* b = "Bravo officials met in Paris.\nAlpha troops crossed the river today.\n";
  CHECK(to_json(test::diff(a, b)) == to_json(test::diff(a, b)));
}

TEST_CASE("errors serialise with their stable code", "[json]") {
  const Json j = Json::parse(to_json(Error{ErrorCode::invalid_utf8, "x.txt: invalid UTF-8 at byte 3"}));
  CHECK(j["error"]["code"] == "invalid_utf8");
  CHECK(j["error"]["message"] == "x.txt: invalid UTF-8 at byte 3");
}

TEST_CASE("options round-trip and reject what they do not know", "[json]") {
  Options o;
  o.threshold = 0.6;
  o.ignore_case = true;
  auto back = options_from_json(to_json(o));
  REQUIRE(back.ok());
  CHECK(back->threshold == 0.6);
  CHECK(back->ignore_case);
  CHECK(options_from_json("{}").ok());
  CHECK(options_from_json("{\"threshold\": 2}").error().code == ErrorCode::bad_option);
  CHECK(options_from_json("{\"treshold\": 0.5}").error().message.find("treshold") != std::string::npos);
  CHECK(options_from_json("{\"ignore_case\": \"yes\"}").error().code == ErrorCode::bad_option);
  CHECK(options_from_json("[1]").error().code == ErrorCode::bad_option);
  CHECK(options_from_json("{not json").error().code == ErrorCode::bad_option);
}

TEST_CASE("the writer escapes strings exactly as nlohmann does", "[json]") {
  std::uint32_t seed = 7;
  auto rnd = [&](std::uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  const std::string pieces[] = {"a", "\"", "\\", "\n", "\t", "\r", "\b", "\f", std::string(1, '\0'),
                                "\x01", "\x1f", "\x7f", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", " ", "/"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const auto n = rnd(12);
    for (std::uint32_t k = 0; k < n; ++k) s += pieces[rnd(17)];
    std::string mine;
    detail::append_json_string(mine, s);
    REQUIRE(mine == Json(s).dump());
  }
  // Invalid UTF-8 (a caller's file name) is replaced, not thrown on.
  std::string bad;
  detail::append_json_string(bad, "x\xff" "y");
  CHECK(bad == "\"x\xEF\xBF\xBDy\"");
}
