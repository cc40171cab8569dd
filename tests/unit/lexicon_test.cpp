#include <catch2/catch.hpp>

#include "lexicon.h"
#include "normalize.h"

using namespace storydiff::detail;

namespace {
std::string canon(std::string_view word) {
  std::string t;
  word_term(word, t);
  canonical_term(t);
  return t;
}
}  // namespace

TEST_CASE("rewrites' synonyms meet at one term", "[lexicon]") {
  CHECK(canon("shares") == canon("stock"));
  CHECK(canon("fell") == canon("dropped"));
  CHECK(canon("deployed") == canon("sent"));
  CHECK(canon("slid") == canon("declined"));
  CHECK(canon("rose") == canon("climbed"));
  CHECK(canon("lawyers") == canon("attorneys"));
  CHECK(canon("jurors") == canon("jury"));
  CHECK(canon("medication") == canon("drug"));
  CHECK(canon("rescuers") == canon("rescue"));
  CHECK(canon("forty") == "40");
  std::string sign = "%";
  canonical_term(sign);
  CHECK(sign == canon("percent"));
  CHECK(canon("Oct") == canon("October"));
  // "will get a warning" / "will receive a warning"; "the outages" / "the blackouts"; "a shortage
  // of power" / "a lack of generation"; "equipment failures" / "failing equipment".
  CHECK(canon("get") == canon("receive"));
  CHECK(canon("got") == canon("received"));
  CHECK(canon("outages") == canon("blackouts"));
  CHECK(canon("shortage") == canon("lack"));
  CHECK(canon("violators") == canon("offenders"));
  CHECK(canon("failures") == canon("failing"));
}

TEST_CASE("British and American spellings meet", "[lexicon]") {
  CHECK(canon("organised") == canon("organized"));
  CHECK(canon("organisation") == canon("organizations"));
  CHECK(canon("analyse") == canon("analyzed"));
  CHECK(canon("hospitalised") == canon("hospitalized"));
  CHECK(canon("Labour") == canon("labor"));
  CHECK(canon("neighbours") == canon("neighbor"));
  CHECK(canon("centre") == canon("centers"));
  CHECK(canon("metres") == canon("meter"));
  CHECK(canon("fibre") == canon("fiber"));
  CHECK(canon("jewellery") == canon("jewelry"));
  CHECK(canon("tonnes") == canon("tons"));
  CHECK(canon("programme") == canon("program"));
  CHECK(canon("travelled") == canon("traveled"));
  CHECK(canon("defence") == canon("defense"));
  // Words that only look British stay themselves.
  CHECK(canon("crisis") != canon("crises"));
  CHECK(canon("detour") == "detour");
  CHECK(canon("hour") == "hour");
}

TEST_CASE("units outlets convert meet, as do their regions' words for the thing measured", "[lexicon]") {
  CHECK(canon("miles") == canon("km"));
  CHECK(canon("kilometres") == canon("mile"));
  CHECK(canon("hectares") == canon("acres"));
  CHECK(canon("cm") == canon("centimeters"));
  CHECK(canon("bushfires") == canon("wildfire"));
  CHECK(canon("burnt") == canon("burned"));
}

TEST_CASE("a place and its people meet", "[lexicon]") {
  CHECK(canon("Greek") == canon("Greece"));
  CHECK(canon("Greece's") == canon("Greeks"));
  CHECK(canon("Honduran") == canon("Honduras"));
  CHECK(canon("Portuguese") == canon("Portugal"));
  CHECK(canon("Texans") == canon("Texas"));
  CHECK(canon("Syrian") == canon("Syria's"));
  CHECK(canon("Greek") != canon("Italian"));
}

TEST_CASE("words outside the groups are untouched", "[lexicon]") {
  CHECK(canon("Kestrel") == "kestrel");
  CHECK(canon("asteroid") == "asteroid");
}

TEST_CASE("unrelated groups stay apart", "[lexicon]") {
  CHECK(canon("fell") != canon("rose"));
  CHECK(canon("killed") != canon("injured"));
  CHECK(canon("strike") != canon("hit"));
}

TEST_CASE("no word of the table belongs to two groups", "[lexicon]") {
  const auto conflicts = lexicon_conflicts();
  CAPTURE(conflicts);
  CHECK(conflicts.empty());
}
