#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

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
