#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "myers.h"

using namespace storydiff;
using storydiff::detail::ScriptRun;
using storydiff::detail::shortest_edit_script;

namespace {

using Seq = std::vector<std::uint32_t>;

// The length of a longest common subsequence, by the textbook table.
std::size_t lcs(const Seq& a, const Seq& b) {
  std::vector<std::size_t> row(b.size() + 1, 0), prev(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::swap(row, prev);
    for (std::size_t j = 1; j <= b.size(); ++j)
      row[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], row[j - 1]);
  }
  return row[b.size()];
}

// Applies the script: checks every equal step pairs equal items and both sides are used up;
// returns the number of removed + inserted items.
std::size_t apply(const Seq& a, const Seq& b, const std::vector<ScriptRun>& script) {
  std::size_t i = 0, j = 0, edits = 0;
  for (const ScriptRun& r : script) {
    REQUIRE(r.count > 0);
    for (std::uint32_t c = 0; c < r.count; ++c) {
      if (r.op == EditOp::equal) {
        REQUIRE(i < a.size());
        REQUIRE(j < b.size());
        REQUIRE(a[i] == b[j]);
        ++i, ++j;
      } else if (r.op == EditOp::remove) {
        REQUIRE(i < a.size());
        ++i, ++edits;
      } else {
        REQUIRE(j < b.size());
        ++j, ++edits;
      }
    }
  }
  CHECK(i == a.size());
  CHECK(j == b.size());
  return edits;
}

}  // namespace

TEST_CASE("myers: the script is valid and as short as the longest common subsequence allows", "[myers]") {
  std::mt19937 rng(20261128);
  for (int round = 0; round < 600; ++round) {
    // Small alphabets make many equal items (and many equally short scripts); large ones few.
    const std::uint32_t alphabet = 2 + rng() % (round % 3 == 0 ? 3 : 40);
    // Up to 150 items: more than 64, so the bit vectors span several words.
    Seq a(rng() % (round % 2 ? 150 : 40)), b;
    for (auto& x : a) x = rng() % alphabet;
    // b: an edited copy of a, or unrelated.
    if (round % 5 == 0) {
      b.resize(rng() % 150);
      for (auto& x : b) x = rng() % alphabet;
    } else {
      for (const auto x : a) {
        const auto r = rng() % 10;
        if (r == 0) continue;                        // removed
        if (r == 1) b.push_back(rng() % alphabet);  // inserted
        b.push_back(x);
      }
    }
    INFO("round " << round << ", " << a.size() << " vs " << b.size() << " items");
    const std::size_t shortest = a.size() + b.size() - 2 * lcs(a, b);
    // Both ways: bit-parallel (the default at this size) and Myers' search (forced: no cells).
    for (const double cells : {storydiff::detail::kBitParallelCells, 0.0}) {
      std::vector<ScriptRun> script;
      double work = 1e9;
      REQUIRE(shortest_edit_script(a.data(), a.size(), b.data(), b.size(), work, script, cells));
      CHECK(apply(a, b, script) == shortest);
    }
  }
}

TEST_CASE("myers: empty and identical sequences", "[myers]") {
  const Seq some{1, 2, 3};
  const Seq none;
  double work = 1e6;
  std::vector<ScriptRun> script;
  REQUIRE(shortest_edit_script(none.data(), 0, none.data(), 0, work, script));
  CHECK(script.empty());
  REQUIRE(shortest_edit_script(some.data(), 3, some.data(), 3, work, script));
  REQUIRE(script.size() == 1);
  CHECK(script[0].op == EditOp::equal);
  CHECK(script[0].count == 3);
  script.clear();
  REQUIRE(shortest_edit_script(some.data(), 3, none.data(), 0, work, script));
  REQUIRE(script.size() == 1);
  CHECK(script[0].op == EditOp::remove);
}

TEST_CASE("myers: past its budget it gives up and leaves the script as it was", "[myers]") {
  // Two unrelated sequences sharing one item in the middle: Myers' search must go deep, and the
  // bit-parallel table is 25 M cells.
  Seq a(5000), b(5000);
  for (std::uint32_t k = 0; k < 5000; ++k) a[k] = k, b[k] = 10000 + k;
  b[2500] = a[2500];
  std::vector<ScriptRun> script{{EditOp::equal, 7}};
  double work = 1000;
  CHECK_FALSE(shortest_edit_script(a.data(), a.size(), b.data(), b.size(), work, script));
  REQUIRE(script.size() == 1);
  CHECK(script[0].op == EditOp::equal);
  CHECK(script[0].count == 7);
  CHECK(work < 0);
  // With enough budget it finds the one common item.
  work = 1e9;
  script.clear();
  REQUIRE(shortest_edit_script(a.data(), a.size(), b.data(), b.size(), work, script));
  CHECK(apply(a, b, script) == 2 * 4999);
}
