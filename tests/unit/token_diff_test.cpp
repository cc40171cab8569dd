#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <unordered_map>

#include "storydiff/segment.h"
#include "test_support.h"
#include "token_diff.h"

using namespace storydiff;
using storydiff::test::rebuild;
using storydiff::detail::token_diff;

namespace {

std::vector<std::string> tokens(std::string_view text) {
  std::vector<Token> t;
  tokenize(text, 0, text.size(), t);
  std::vector<std::string> out;
  for (const auto& k : t) out.emplace_back(text.substr(k.start, k.end - k.start));
  return out;
}

// Removed + inserted tokens of a shortest script, by the textbook table over the tokens.
std::size_t minimum_edits(std::string_view a, std::string_view b) {
  const auto ta = tokens(a), tb = tokens(b);
  std::vector<std::uint32_t> row(tb.size() + 1, 0), prev(tb.size() + 1, 0);
  for (std::size_t i = 1; i <= ta.size(); ++i) {
    std::swap(row, prev);
    for (std::size_t j = 1; j <= tb.size(); ++j)
      row[j] = ta[i - 1] == tb[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], row[j - 1]);
  }
  return ta.size() + tb.size() - 2 * row[tb.size()];
}

// Removed + inserted tokens of a script: each run's text is whole tokens.
std::size_t edits_of(const std::vector<Edit>& edits) {
  std::size_t n = 0;
  for (const auto& e : edits)
    if (e.op != EditOp::equal) n += tokens(e.text).size();
  return n;
}

const char* const kWords[] = {"the", "council", "voted", "on", "Tuesday", "to", "approve", "a", "budget",
                              "of", "$1.2", "billion", ",", "said", "mayor", "Ortiz", ".", "[[", "]]",
                              "''", "ferry", "fire", "3.5%", "residents", "\n", "\n\n", "—", "«", "»"};

std::string random_text(std::mt19937& rng, std::size_t words) {
  std::string s;
  for (std::size_t k = 0; k < words; ++k) {
    if (k > 0) s += ' ';
    s += kWords[rng() % (sizeof kWords / sizeof *kWords)];
  }
  return s;
}

// An edited copy: words dropped, added and replaced, and a block moved.
std::string edited(std::mt19937& rng, const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() > 20 && rng() % 2) {
    const std::size_t from = rng() % (words.size() - 10), len = 1 + rng() % 8;
    std::vector<std::string> block(words.begin() + from, words.begin() + from + len);
    words.erase(words.begin() + from, words.begin() + from + len);
    const std::size_t to = rng() % words.size();
    words.insert(words.begin() + to, block.begin(), block.end());
  }
  std::string out;
  for (const auto& w : words) {
    const auto r = rng() % 12;
    if (r == 0) continue;
    if (!out.empty()) out += ' ';
    if (r == 1) out += kWords[rng() % (sizeof kWords / sizeof *kWords)] + std::string(" ");
    out += r == 2 ? kWords[rng() % (sizeof kWords / sizeof *kWords)] : w.c_str();
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// The token diff of a and b rebuilds both, is exact (not flagged) and as short as can be.
void check_shortest(const std::string& a, const std::string& b) {
  bool approximate = false;
  const auto e = token_diff(a, b, approximate);
  REQUIRE(rebuild(e, true) == a);
  REQUIRE(rebuild(e, false) == b);
  CHECK_FALSE(approximate);
  CHECK(edits_of(e) == minimum_edits(a, b));
}

}  // namespace

TEST_CASE("token diff: rebuilds both texts with a shortest script", "[token_diff]") {
  std::mt19937 rng(42);
  for (int round = 0; round < 120; ++round) {
    const std::string a = random_text(rng, 1 + rng() % 400);
    const std::string b = round % 10 == 0 ? random_text(rng, rng() % 400) : edited(rng, a);
    INFO("round " << round);
    check_shortest(a, b);
  }
}

TEST_CASE("token diff: long texts are cut at long shared runs and stay minimal", "[token_diff]") {
  // Three copies of an edited text one after the other, as in the speed-test pair made ten
  // times longer: every run occurs three times in each text, and the cut must pair the copies.
  std::mt19937 rng(7);
  for (int round = 0; round < 3; ++round) {
    std::string base = random_text(rng, 600), a, b;
    const std::string changed = edited(rng, base);
    for (int copy = 0; copy < 3; ++copy) {
      a += base + "\n\n";
      b += changed + "\n\n";
    }
    check_shortest(a, b);
  }
}

TEST_CASE("token diff: the diff-match-patch speed-test pair gets a shortest script", "[token_diff][shared]") {
  const std::string dir = std::string(STORYDIFF_SHARED_DIR) + "/corpus/dmp-speedtest/";
  const std::string a = read_file(dir + "speedtest1.txt"), b = read_file(dir + "speedtest2.txt");
  if (a.empty() || b.empty()) {
    WARN("skipped: " << dir << " is not here (../shared exists only on the team's machines and in CI)");
    return;
  }
  check_shortest(a, b);
}

TEST_CASE("token diff: two unrelated large texts end in bounded work, flagged, still exact", "[token_diff]") {
  std::mt19937 rng(3);
  // Words drawn at random from one vocabulary: no shared run is long, and the exact search would
  // take about as many steps as the tokens squared.
  std::string a, b;
  for (int k = 0; k < 60000; ++k) {
    a += "w" + std::to_string(rng() % 3000) + ' ';
    b += "w" + std::to_string(rng() % 3000) + ' ';
  }
  bool approximate = false;
  const auto e = token_diff(a, b, approximate);
  REQUIRE(rebuild(e, true) == a);
  REQUIRE(rebuild(e, false) == b);
  CHECK(approximate);
}

TEST_CASE("token diff: empty sides", "[token_diff]") {
  bool approximate = false;
  CHECK(token_diff("", "", approximate).empty());
  auto e = token_diff("", "New text.", approximate);
  REQUIRE(e.size() == 1);
  CHECK(e[0].op == EditOp::insert);
  e = token_diff("Old text.", "", approximate);
  REQUIRE(e.size() == 1);
  CHECK(e[0].op == EditOp::remove);
  CHECK_FALSE(approximate);
}
