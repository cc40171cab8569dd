// Properties that must hold for every comparison: on every sample pair and on seeded random
// rewrites of them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>

#include "test_support.h"
#include "utf8.h"

using namespace storydiff;
namespace fs = std::filesystem;

namespace {

std::vector<std::pair<std::string, std::string>> sample_pairs() {
  std::vector<std::pair<std::string, std::string>> out;
  const fs::path root = STORYDIFF_SAMPLES_DIR;
  if (!fs::exists(root)) return out;
  std::vector<fs::path> stories;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) stories.push_back(e.path());
  std::sort(stories.begin(), stories.end());
  for (const auto& story : stories) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(story))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& a : files)
      for (const auto& b : files)
        if (a != b) out.emplace_back(a.string(), b.string());
  }
  return out;
}

Comparison compare_files(const std::string& a, const std::string& b, const Options& o = {}) {
  auto da = read_document(test::slurp(a), a);
  auto db = read_document(test::slurp(b), b);
  REQUIRE(da.ok());
  REQUIRE(db.ok());
  auto c = compare(std::move(da).value(), std::move(db).value(), o);
  REQUIRE(c.ok());
  return std::move(c).value();
}

std::string_view span_text(const Document& d, const std::vector<std::uint32_t>& idx) {
  const auto s = d.sentences[idx.front()].start;
  return std::string_view(d.text).substr(s, d.sentences[idx.back()].end - s);
}

// Every invariant of the result contract.
void check_invariants(const Comparison& c) {
  REQUIRE(c.documents.size() == 2);
  for (int side = 0; side < 2; ++side) {
    const Document& d = c.documents[static_cast<std::size_t>(side)];
    // Offsets lie on UTF-8 boundaries, in order, without overlap.
    std::uint32_t prev_end = 0;
    for (const auto& s : d.sentences) {
      REQUIRE(s.start < s.end);
      REQUIRE(s.end <= d.text.size());
      REQUIRE(s.start >= prev_end);
      REQUIRE(detail::is_boundary(d.text, s.start));
      REQUIRE(detail::is_boundary(d.text, s.end));
      prev_end = s.end;
    }
    // Every sentence is in exactly one entry.
    std::vector<int> seen(d.sentences.size(), 0);
    for (const auto& e : c.alignment)
      for (auto k : side == 0 ? e.a : e.b) {
        REQUIRE(k < seen.size());
        ++seen[k];
      }
    for (std::size_t k = 0; k < seen.size(); ++k) {
      INFO("document " << side << " sentence " << k);
      REQUIRE(seen[k] == 1);
    }
  }
  Stats counted;
  for (const auto& e : c.alignment) {
    switch (e.op) {
      case Op::equal:
        REQUIRE(e.a.size() == 1);
        REQUIRE(e.b.size() == 1);
        REQUIRE(e.similarity == 1.0);
        ++counted.equal;
        break;
      case Op::modified: {
        REQUIRE_FALSE(e.a.empty());
        REQUIRE_FALSE(e.b.empty());
        REQUIRE((e.a.size() == 1 || e.b.size() == 1));
        REQUIRE(e.similarity > 0.0);
        REQUIRE(e.similarity < 1.0);
        // The word diff rebuilds both spans exactly.
        std::string old_text, new_text;
        for (const auto& t : e.tokens) {
          if (t.op != EditOp::insert) old_text += t.text;
          if (t.op != EditOp::remove) new_text += t.text;
        }
        REQUIRE(old_text == span_text(c.documents[0], e.a));
        REQUIRE(new_text == span_text(c.documents[1], e.b));
        ++counted.modified;
        break;
      }
      case Op::added:
        REQUIRE(e.a.empty());
        REQUIRE(e.b.size() == 1);
        REQUIRE_FALSE(e.moved);
        ++counted.added;
        break;
      case Op::removed:
        REQUIRE(e.a.size() == 1);
        REQUIRE(e.b.empty());
        REQUIRE_FALSE(e.moved);
        ++counted.removed;
        break;
    }
    // Groups are contiguous runs.
    for (std::size_t k = 1; k < e.a.size(); ++k) REQUIRE(e.a[k] == e.a[k - 1] + 1);
    for (std::size_t k = 1; k < e.b.size(); ++k) REQUIRE(e.b[k] == e.b[k - 1] + 1);
  }
  CHECK(counted.equal == c.stats.equal);
  CHECK(counted.modified == c.stats.modified);
  CHECK(counted.added == c.stats.added);
  CHECK(counted.removed == c.stats.removed);
  // Matched entries that are not moved keep their order in both documents.
  std::int64_t last_a = -1, last_b = -1;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spine;
  for (const auto& e : c.alignment)
    if ((e.op == Op::equal || e.op == Op::modified) && !e.moved) spine.emplace_back(e.a.front(), e.b.front());
  std::sort(spine.begin(), spine.end());
  for (const auto& [a, b] : spine) {
    REQUIRE(static_cast<std::int64_t>(a) > last_a);
    REQUIRE(static_cast<std::int64_t>(b) > last_b);
    last_a = a;
    last_b = b;
  }
}

// A seeded rewrite of a text: sentences dropped, duplicated, swapped, words changed.
std::string mutate(const Document& d, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> sentences;
  for (const auto& s : d.sentences) sentences.emplace_back(std::string_view(d.text).substr(s.start, s.end - s.start));
  std::string out;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const auto r = rng() % 20;
    std::string s = sentences[k];
    if (r == 0) continue;                                            // removed
    if (r == 1 && k + 1 < sentences.size()) std::swap(sentences[k], sentences[k + 1]);  // moved
    if (r == 2) s += " An added claim number " + std::to_string(rng() % 1000) + ".";
    if (r == 3 && s.size() > 10) s.insert(s.size() / 2, " inserted words ");        // reworded
    if (r == 4) s = "Completely new sentence " + std::to_string(k) + " about nothing.";
    out += s;
    out += (rng() % 3 == 0) ? "\n\n" : "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("every sample pair satisfies the result contract", "[compare][samples]") {
  const auto pairs = sample_pairs();
  if (pairs.empty()) {
    WARN("no samples found under " STORYDIFF_SAMPLES_DIR);
    return;
  }
  for (const auto& [a, b] : pairs) {
    INFO(a << " -> " << b);
    check_invariants(compare_files(a, b));
    Options o;
    o.ignore_case = true;
    o.ignore_punctuation = true;
    o.threshold = 0.6;
    check_invariants(compare_files(a, b, o));
  }
}

TEST_CASE("a document compared with itself is all equal", "[compare][samples]") {
  for (const auto& [a, b] : sample_pairs()) {
    (void)b;
    const auto c = compare_files(a, a);
    CHECK(c.stats.equal == c.stats.old_sentences);
    CHECK(c.stats.moved == 0);
  }
}

TEST_CASE("seeded random rewrites satisfy the result contract", "[compare]") {
  const auto pairs = sample_pairs();
  if (pairs.empty()) return;
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    const auto& path = pairs[seed % pairs.size()].first;
    auto d = read_document(test::slurp(path), path);
    REQUIRE(d.ok());
    const std::string rewritten = mutate(*d, seed);
    INFO(path << " seed " << seed);
    auto c = compare(std::move(d).value(), test::doc(rewritten, "rewrite.txt"));
    REQUIRE(c.ok());
    check_invariants(*c);
  }
}

TEST_CASE("swapping old and new swaps the documents and the added/removed roles", "[compare][samples]") {
  for (const auto& [a, b] : sample_pairs()) {
    INFO(a << " <-> " << b);
    const auto ab = compare_files(a, b);
    const auto ba = compare_files(b, a);
    CHECK(ab.stats.old_sentences == ba.stats.new_sentences);
    CHECK(ab.stats.new_sentences == ba.stats.old_sentences);
    // Exact matches do not depend on direction.
    CHECK(ab.stats.equal == ba.stats.equal);
  }
}

TEST_CASE("the same inputs give byte-identical JSON", "[compare][samples]") {
  for (const auto& [a, b] : sample_pairs()) {
    INFO(a << " -> " << b);
    CHECK(to_json(compare_files(a, b)) == to_json(compare_files(a, b)));
  }
}

TEST_CASE("word granularity: the document word diff rebuilds both whole texts", "[compare][samples]") {
  Options o;
  o.granularity = Granularity::word;
  for (const auto& [a, b] : sample_pairs()) {
    INFO(a << " -> " << b);
    const auto c = compare_files(a, b, o);
    check_invariants(c);
    std::string old_text, new_text;
    std::size_t changed = 0;
    for (const auto& t : c.edits) {
      if (t.op != EditOp::insert) old_text += t.text;
      if (t.op != EditOp::remove) new_text += t.text;
      if (t.op != EditOp::equal) ++changed;
    }
    REQUIRE(old_text == c.documents[0].text);
    REQUIRE(new_text == c.documents[1].text);
    for (std::size_t k = 1; k < c.edits.size(); ++k) REQUIRE(c.edits[k].op != c.edits[k - 1].op);
    CHECK((changed > 0) == (c.documents[0].text != c.documents[1].text));
  }
  // Sentence granularity leaves edits empty.
  for (const auto& [a, b] : sample_pairs()) CHECK(compare_files(a, b).edits.empty());
}

TEST_CASE("word granularity: a one-word change is one small edit", "[compare]") {
  Options o;
  o.granularity = Granularity::word;
  const auto c = test::diff("Alpha beta gamma.\nThe toll rose to 23.\nDelta epsilon.\n",
                            "Alpha beta gamma.\nThe toll rose to 50.\nDelta epsilon.\n", o);
  REQUIRE(c.edits.size() == 4);
  CHECK(c.edits[1].op == EditOp::remove);
  CHECK(c.edits[1].text == "23");
  CHECK(c.edits[2].text == "50");
}
