// Helpers shared by the unit tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "storydiff/storydiff.h"

namespace storydiff::test {

/// One side of an edit script: equal and remove runs (the old text) or equal and insert runs.
inline std::string rebuild(const std::vector<Edit>& edits, bool old_side) {
  std::string out;
  for (const auto& e : edits)
    if (e.op == EditOp::equal || e.op == (old_side ? EditOp::remove : EditOp::insert)) out += e.text;
  return out;
}

/// Reads a text document from a string; fails the test on error.
inline Document doc(std::string_view text, std::string name = "doc.txt") {
  auto d = read_document(text, std::move(name), ReadOptions{Format::text});
  if (!d) throw std::runtime_error(d.error().message);
  return std::move(d).value();
}

/// Compares two plain texts.
inline Comparison diff(std::string_view a, std::string_view b, const Options& o = {}) {
  auto c = compare(doc(a, "a.txt"), doc(b, "b.txt"), o);
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(c).value();
}

/// A file's bytes, or "" when it cannot be read.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The comparison of a gold case's two texts (tests/quality/SET/NAME/a.txt and b.txt); throws when
/// they cannot be read, so that a moved case fails the test rather than comparing nothing.
inline Comparison gold_case(const std::string& set, const std::string& name) {
  const std::string dir = std::string(STORYDIFF_SAMPLES_DIR) + "/../tests/quality/" + set + "/" + name + "/";
  const std::string a = slurp(dir + "a.txt"), b = slurp(dir + "b.txt");
  if (a.empty() || b.empty()) throw std::runtime_error("gold case not found: " + dir);
  return diff(a, b);
}

/// The text of sentence k of document d.
inline std::string_view sentence(const Comparison& c, int d, std::uint32_t k) {
  const auto& s = c.documents[static_cast<std::size_t>(d)].sentences[k];
  return std::string_view(c.documents[static_cast<std::size_t>(d)].text).substr(s.start, s.end - s.start);
}

/// The entry that holds old sentence k (d == 0) or new sentence k (d == 1).
inline const AlignmentEntry& entry_of(const Comparison& c, int d, std::uint32_t k) {
  for (const auto& e : c.alignment) {
    const auto& v = d == 0 ? e.a : e.b;
    for (auto x : v)
      if (x == k) return e;
  }
  throw std::runtime_error("sentence not in the alignment");
}

}  // namespace storydiff::test
