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
  CHECK(lexicon_conflicts().empty());
}
