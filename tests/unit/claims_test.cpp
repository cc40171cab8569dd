// Three or more documents: claims grouped across them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "test_support.h"

using namespace storydiff;
namespace fs = std::filesystem;

namespace {

Document read_file(const std::string& path) {
  auto d = read_document(test::slurp(path), path);
  REQUIRE(d.ok());
  return std::move(d).value();
}

// Each story folder's documents (v1, v2, outlet.*).
std::vector<std::vector<std::string>> stories() {
  std::vector<std::vector<std::string>> out;
  const fs::path root = STORYDIFF_SAMPLES_DIR;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory()) continue;
    std::vector<std::string> files;
    for (const auto& f : fs::directory_iterator(e.path()))
      if (f.is_regular_file()) files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    if (files.size() >= 3) out.push_back(files);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The claims as a set of sets of (document name, sentence index): independent of order.
std::set<std::set<std::pair<std::string, std::uint32_t>>> claim_sets(const Comparison& c) {
  std::set<std::set<std::pair<std::string, std::uint32_t>>> out;
  for (const auto& claim : c.claims) {
    std::set<std::pair<std::string, std::uint32_t>> members;
    for (const auto& m : claim.members)
      for (auto k : m.sentences) members.insert({c.documents[m.doc].name, k});
    out.insert(members);
  }
  return out;
}

Comparison compare_files(const std::vector<std::string>& files, const Options& o = {}) {
  std::vector<Document> docs;
  for (const auto& f : files) docs.push_back(read_file(f));
  auto c = compare(std::move(docs), o);
  REQUIRE(c.ok());
  return std::move(c).value();
}

void check_claims_contract(const Comparison& c) {
  const std::size_t n = c.documents.size();
  REQUIRE(c.claim_order.size() == n);
  REQUIRE(c.overlap.size() == n);
  std::vector<std::vector<int>> seen(n);
  for (std::size_t d = 0; d < n; ++d) seen[d].assign(c.documents[d].sentences.size(), 0);
  for (const auto& claim : c.claims) {
    REQUIRE_FALSE(claim.members.empty());
    REQUIRE(claim.representative < claim.members.size());
    for (std::size_t k = 0; k < claim.members.size(); ++k) {
      const auto& m = claim.members[k];
      if (k > 0) REQUIRE(m.doc > claim.members[k - 1].doc);  // one member per document
      REQUIRE_FALSE(m.sentences.empty());
      for (std::size_t s = 1; s < m.sentences.size(); ++s) REQUIRE(m.sentences[s] == m.sentences[s - 1] + 1);
      for (auto s : m.sentences) ++seen[m.doc][s];
      if (k != claim.representative) {
        // The member's word diff turns the representative's text into the member's.
        std::string from, to;
        for (const auto& t : m.tokens) {
          if (t.op != EditOp::insert) from += t.text;
          if (t.op != EditOp::remove) to += t.text;
        }
        CHECK(from == claim.text);
        const auto& d = c.documents[m.doc];
        const auto start = d.sentences[m.sentences.front()].start;
        CHECK(to == std::string_view(d.text).substr(start, d.sentences[m.sentences.back()].end - start));
      }
    }
  }
  for (std::size_t d = 0; d < n; ++d)
    for (std::size_t s = 0; s < seen[d].size(); ++s) {
      INFO("document " << d << " sentence " << s);
      REQUIRE(seen[d][s] == 1);
    }
  for (std::size_t x = 0; x < n; ++x)
    for (std::size_t y = 0; y < n; ++y) CHECK(c.overlap[x][y] == c.overlap[y][x]);
}

}  // namespace

TEST_CASE("claims account for every sentence of every document once", "[claims]") {
  for (const auto& files : stories()) {
    INFO(files[0]);
    check_claims_contract(compare_files(files));
  }
}

TEST_CASE("the claims do not depend on the order the documents are given in", "[claims]") {
  for (const auto& files : stories()) {
    INFO(files[0]);
    auto order = files;
    const auto reference = claim_sets(compare_files(order));
    // Every permutation of three documents.
    std::sort(order.begin(), order.end());
    do {
      CHECK(claim_sets(compare_files(order)) == reference);
    } while (std::next_permutation(order.begin(), order.end()));
  }
}

TEST_CASE("identical documents make every claim shared by all", "[claims]") {
  const auto files = stories();
  if (files.empty()) return;
  const auto c = compare_files({files[0][0], files[0][0], files[0][0]});
  for (const auto& claim : c.claims) {
    CHECK(claim.members.size() == 3);
    for (const auto& m : claim.members) CHECK(m.similarity == 1.0);
  }
}

TEST_CASE("a claim only one document carries is unique to it", "[claims]") {
  const auto c = compare({test::doc("The mayor resigned on Monday.\nRoads were closed.\n", "a"),
                          test::doc("The mayor resigned on Monday.\nA new park opened downtown.\n", "b"),
                          test::doc("On Monday the mayor resigned.\nRoads were closed.\n", "c")});
  REQUIRE(c.ok());
  check_claims_contract(*c);
  std::map<std::string, std::size_t> size_of;
  for (const auto& claim : c->claims) size_of[claim.text] = claim.members.size();
  CHECK(size_of["The mayor resigned on Monday."] == 3);
  CHECK(size_of["Roads were closed."] == 2);
  CHECK(size_of["A new park opened downtown."] == 1);
  CHECK(c->claim_order[1].size() == 2);
}

TEST_CASE("too few or too many documents are errors", "[claims]") {
  CHECK(compare(std::vector<Document>{test::doc("One.")}).error().code == ErrorCode::bad_option);
  std::vector<Document> many;
  for (std::size_t k = 0; k <= kMaxDocuments; ++k) many.push_back(test::doc("Same text."));
  CHECK(compare(std::move(many)).error().code == ErrorCode::bad_option);
}
