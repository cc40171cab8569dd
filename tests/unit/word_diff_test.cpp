#include <catch2/catch.hpp>

#include "test_support.h"
#include "word_diff.h"

using namespace storydiff;
using storydiff::test::rebuild;
using storydiff::detail::word_diff;

namespace {

// "[-x-]{+y+}" notation, for readable expectations.
std::string show(const std::vector<Edit>& edits) {
  std::string out;
  for (const auto& e : edits) {
    if (e.op == EditOp::equal) out += e.text;
    else if (e.op == EditOp::remove) out += "[-" + e.text + "-]";
    else out += "{+" + e.text + "+}";
  }
  return out;
}

std::vector<Edit> wd(std::string_view a, std::string_view b) {
  bool approx = false;
  auto e = word_diff(a, b, approx);
  CHECK_FALSE(approx);
  CHECK(rebuild(e, true) == a);
  CHECK(rebuild(e, false) == b);
  return e;
}

}  // namespace

TEST_CASE("a changed figure is one replacement", "[word_diff]") {
  CHECK(show(wd("The death toll rose to 23, officials said.", "The death toll rose to 50, officials said.")) ==
        "The death toll rose to [-23-]{+50+}, officials said.");
}

TEST_CASE("identical texts give one equal run", "[word_diff]") {
  const auto e = wd("Same words here.", "Same words here.");
  REQUIRE(e.size() == 1);
  CHECK(e[0].op == EditOp::equal);
}

TEST_CASE("insertions and deletions at the ends", "[word_diff]") {
  CHECK(show(wd("Police said.", "Police said on Monday.")) == "Police said{+ on Monday+}.");
  CHECK(show(wd("Breaking: Police said.", "Police said.")) == "[-Breaking: -]Police said.");
  CHECK(show(wd("", "New text.")) == "{+New text.+}");
  CHECK(show(wd("Old text.", "")) == "[-Old text.-]");
}

TEST_CASE("short equal runs between changes fold into one phrase", "[word_diff]") {
  // " the " between two changed words is not worth showing as unchanged.
  CHECK(show(wd("Rebels attacked the city at dawn.", "Troops shelled the town at dawn.")) ==
        "[-Rebels attacked the city-]{+Troops shelled the town+} at dawn.");
}

TEST_CASE("long unchanged stretches stay unchanged", "[word_diff]") {
  CHECK(show(wd("The minister said the budget would be cut by 3.5% next year.",
                "The minister said the budget would be cut by 4% next year.")) ==
        "The minister said the budget would be cut by [-3.5-]{+4+}% next year.");
}

TEST_CASE("change blocks put removals before insertions", "[word_diff]") {
  const auto e = wd("alpha beta gamma", "alpha delta gamma");
  REQUIRE(e.size() == 4);
  CHECK(e[1].op == EditOp::remove);
  CHECK(e[2].op == EditOp::insert);
}

TEST_CASE("multi-byte text diffs on token boundaries", "[word_diff]") {
  CHECK(show(wd("\xE2\x80\x9CWe are heartbroken,\xE2\x80\x9D she said.",
                "\xE2\x80\x9CWe are devastated,\xE2\x80\x9D she said.")) ==
        "\xE2\x80\x9CWe are [-heartbroken-]{+devastated+},\xE2\x80\x9D she said.");
  CHECK(show(wd("今天下雨。", "今天下雪。")) == "今天下[-雨-]{+雪+}。");
}

TEST_CASE("huge differing middles are bounded and flagged", "[word_diff]") {
  std::string a, b;
  for (std::size_t k = 0; k < detail::kMaxDiffTokens; ++k) {
    a += "a" + std::to_string(k) + " ";
    b += "b" + std::to_string(k) + " ";
  }
  bool approx = false;
  const auto e = word_diff(a, b, approx);
  CHECK(approx);
  CHECK(rebuild(e, true) == a);
  CHECK(rebuild(e, false) == b);
}

TEST_CASE("cleanup keeps rebuild exact on many random edits", "[word_diff]") {
  // A seeded family of edits: substitutions, insertions and deletions of words.
  std::uint32_t seed = 12345;
  auto rnd = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  const char* words[] = {"the", "army", "said", "23", "troops", ",", "were", "killed", "in", "Kyiv", "."};
  for (int round = 0; round < 200; ++round) {
    std::string a, b;
    for (int k = 0; k < 30; ++k) {
      const std::string w = words[rnd(11)];
      const auto r = rnd(10);
      if (r != 0) a += w + " ";
      if (r == 1) b += std::string(words[rnd(11)]) + " ";
      else if (r != 2) b += w + " ";
    }
    bool approx = false;
    const auto e = word_diff(a, b, approx);
    REQUIRE(rebuild(e, true) == a);
    REQUIRE(rebuild(e, false) == b);
    for (std::size_t k = 1; k < e.size(); ++k) REQUIRE(e[k].op != e[k - 1].op);
  }
}
