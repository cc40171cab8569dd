// fuzz_compare: compare() of documents cut from one input, and its JSON.
// Input: byte 0 flags (bit 0 ignore_case, 1 ignore_punctuation, 2 no splits, 3 no moves,
// 4 run everything again, another way, and demand identical JSON; 5 word granularity, 6 also
// check the pretty and the streamed JSON, 7 read strictly instead of with replace_invalid_utf8);
// byte 1 the threshold, (b + 1) / 248, or from 248 up an out-of-range one; byte 2 the formats
// (low nibble for even documents, high nibble for odd ones, each mod 5: automatic, text,
// markdown, html, article); then the documents, separated by NUL bytes. Without a NUL the rest
// is cut in half: two documents. Two documents give the pairwise alignment; three to
// kMaxDocuments the claims (Comparison::claims), which must not depend on the documents' order.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "fuzz_support.h"

using namespace storydiff;
using Json = nlohmann::json;

namespace {

constexpr Format kFormats[] = {Format::automatic, Format::text, Format::markdown, Format::html,
                               Format::article};

// The text that sentences [first, last] of d cover.
std::string_view run_text(const Document& d, const std::vector<std::uint32_t>& idx) {
  const std::size_t start = d.sentences[idx.front()].start, end = d.sentences[idx.back()].end;
  return std::string_view(d.text).substr(start, end - start);
}

bool ascii(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// ASCII text with every run of white space collapsed to one space.
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\v' || c == '\f' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void check_runs(const std::vector<std::uint32_t>& idx, std::size_t n, std::vector<int>& seen) {
  for (std::size_t k = 0; k < idx.size(); ++k) {
    FUZZ_CHECK(idx[k] < n);
    if (k > 0) FUZZ_CHECK(idx[k] == idx[k - 1] + 1);  // a run of consecutive sentences
    ++seen[idx[k]];
  }
}

void check_comparison(const Comparison& c) {
  FUZZ_CHECK(c.documents.size() == 2);
  const Document& a = c.documents[0];
  const Document& b = c.documents[1];
  fuzz::check_document(a);
  fuzz::check_document(b);
  const Options& o = c.options;

  std::vector<int> seen_a(a.sentences.size(), 0), seen_b(b.sentences.size(), 0);
  Stats count;
  std::uint32_t next_b = 0;  // entries follow the new document's reading order
  double weight = 0;
  for (const AlignmentEntry& e : c.alignment) {
    check_runs(e.a, a.sentences.size(), seen_a);
    check_runs(e.b, b.sentences.size(), seen_b);
    for (const auto j : e.b) FUZZ_CHECK(j == next_b++);
    if (!o.detect_splits) FUZZ_CHECK(e.a.size() <= 1 && e.b.size() <= 1);
    if (!o.detect_moves) FUZZ_CHECK(!e.moved);
    if (e.moved) ++count.moved;
    if (e.a.size() == 1 && e.b.size() > 1) ++count.splits;
    if (e.a.size() > 1 && e.b.size() == 1) ++count.merges;
    switch (e.op) {
      case Op::added:
        ++count.added;
        FUZZ_CHECK(e.a.empty() && e.b.size() == 1 && !e.moved && e.similarity == 0.0);
        break;
      case Op::removed:
        ++count.removed;
        FUZZ_CHECK(e.b.empty() && e.a.size() == 1 && !e.moved && e.similarity == 0.0);
        break;
      case Op::equal: {
        ++count.equal;
        FUZZ_CHECK(e.a.size() == 1 && e.b.size() == 1 && e.similarity == 1.0);
        FUZZ_CHECK(e.tokens.empty() && e.callouts.empty());
        const auto x = run_text(a, e.a), y = run_text(b, e.b);
        if (!o.ignore_case && !o.ignore_punctuation && ascii(x) && ascii(y))
          FUZZ_CHECK(collapse(x) == collapse(y));
        weight += 2;
        break;
      }
      case Op::modified: {
        ++count.modified;
        FUZZ_CHECK(!e.a.empty() && !e.b.empty());
        FUZZ_CHECK(e.similarity >= 0.0 && e.similarity < 1.0);
        // The word diff rebuilds both spans, cut on code point boundaries.
        std::string old_text, new_text;
        for (const Edit& t : e.tokens) {
          FUZZ_CHECK(!t.text.empty());
          FUZZ_CHECK(fuzz::valid_utf8(t.text));
          if (t.op != EditOp::insert) old_text += t.text;
          if (t.op != EditOp::remove) new_text += t.text;
        }
        FUZZ_CHECK(old_text == run_text(a, e.a));
        FUZZ_CHECK(new_text == run_text(b, e.b));
        for (const Callout& k : e.callouts) {
          FUZZ_CHECK(fuzz::valid_utf8(k.old_text) && fuzz::valid_utf8(k.new_text));
          FUZZ_CHECK(!k.old_text.empty() || !k.new_text.empty());
        }
        weight += e.similarity * static_cast<double>(e.a.size() + e.b.size());
        break;
      }
    }
  }
  // Every sentence of both documents in exactly one entry.
  for (const int n : seen_a) FUZZ_CHECK(n == 1);
  for (const int n : seen_b) FUZZ_CHECK(n == 1);
  const Stats& s = c.stats;
  FUZZ_CHECK(s.equal == count.equal && s.modified == count.modified && s.added == count.added &&
             s.removed == count.removed && s.moved == count.moved && s.splits == count.splits &&
             s.merges == count.merges);
  FUZZ_CHECK(s.old_sentences == a.sentences.size() && s.new_sentences == b.sentences.size());
  FUZZ_CHECK(s.overlap >= 0.0 && s.overlap <= 1.0);
  const double total = static_cast<double>(s.old_sentences + s.new_sentences);
  if (total > 0) FUZZ_CHECK(std::fabs(s.overlap - weight / total) <= 1e-4);

  // The whole-document word diff rebuilds both texts.
  if (o.granularity == Granularity::word) {
    std::string old_text, new_text;
    for (const Edit& t : c.edits) {
      FUZZ_CHECK(!t.text.empty());
      FUZZ_CHECK(fuzz::valid_utf8(t.text));
      if (t.op != EditOp::insert) old_text += t.text;
      if (t.op != EditOp::remove) new_text += t.text;
    }
    FUZZ_CHECK(old_text == a.text);
    FUZZ_CHECK(new_text == b.text);
  } else {
    FUZZ_CHECK(c.edits.empty());
  }
}

// The JSON parses back with the same counts, offsets and texts; pretty and streamed output
// say the same.
void check_json(const Comparison& c, const std::string& compact, bool all_layouts) {
  const Json j = Json::parse(compact, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(!j.is_discarded());
  FUZZ_CHECK(j.at("version") == kResultVersion);
  FUZZ_CHECK(j.at("documents").size() == 2);
  for (std::size_t d = 0; d < 2; ++d) {
    const Document& doc = c.documents[d];
    const Json& jd = j["documents"][d];
    FUZZ_CHECK(jd.at("format") == std::string(format_name(doc.format)));
    const Json& js = jd.at("sentences");
    FUZZ_CHECK(js.size() == doc.sentences.size());
    for (std::size_t k = 0; k < js.size(); ++k) {
      const Sentence& s = doc.sentences[k];
      FUZZ_CHECK(js[k].at("start") == s.start && js[k].at("end") == s.end);
      FUZZ_CHECK(js[k].at("text") == doc.text.substr(s.start, s.end - s.start));
    }
  }
  const Json& ja = j.at("alignment");
  FUZZ_CHECK(ja.size() == c.alignment.size());
  for (std::size_t k = 0; k < ja.size(); ++k) {
    const AlignmentEntry& e = c.alignment[k];
    FUZZ_CHECK(ja[k].at("op") == std::string(op_name(e.op)));
    FUZZ_CHECK(ja[k].at("a") == e.a && ja[k].at("b") == e.b);
    if (e.op == Op::modified) FUZZ_CHECK(ja[k].at("tokens").size() == e.tokens.size());
  }
  const Json& st = j.at("stats");
  const Stats& s = c.stats;
  FUZZ_CHECK(st.at("equal") == s.equal && st.at("modified") == s.modified &&
             st.at("added") == s.added && st.at("removed") == s.removed &&
             st.at("moved") == s.moved && st.at("splits") == s.splits &&
             st.at("merges") == s.merges && st.at("old_sentences") == s.old_sentences &&
             st.at("new_sentences") == s.new_sentences);
  FUZZ_CHECK(j.at("approximate") == c.approximate);
  if (c.options.granularity == Granularity::word) FUZZ_CHECK(j.at("edits").size() == c.edits.size());
  else FUZZ_CHECK(!j.contains("edits"));
  FUZZ_CHECK(j.at("warnings").size() == c.warnings.size());

  if (!all_layouts) return;  // the rest costs more than the comparison: on one input in two
  const Json pretty = Json::parse(to_json(c, 2), nullptr, false);
  FUZZ_CHECK(!pretty.is_discarded() && pretty == j);
  std::string streamed;
  write_json(c, [&](std::string_view piece) { streamed.append(piece); });
  FUZZ_CHECK(streamed == compact);
}

// Three or more documents: every sentence of every document in exactly one member of one claim,
// members by document and consecutive, each member's word diff rebuilding the representative's
// text and its own, claim_order listing each document's claims in its reading order.
void check_claims(const Comparison& c) {
  const std::size_t n = c.documents.size();
  FUZZ_CHECK(n >= 3 && n <= kMaxDocuments);
  FUZZ_CHECK(c.alignment.empty() && c.edits.empty());
  std::vector<std::vector<int>> seen(n);
  for (std::size_t d = 0; d < n; ++d) {
    fuzz::check_document(c.documents[d]);
    seen[d].assign(c.documents[d].sentences.size(), 0);
  }
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> carried(n);  // (first sentence, claim)
  std::size_t prev_lead = 0;
  std::uint32_t prev_first = 0;
  for (std::size_t k = 0; k < c.claims.size(); ++k) {
    const Claim& claim = c.claims[k];
    FUZZ_CHECK(!claim.members.empty());
    FUZZ_CHECK(claim.representative < claim.members.size());
    const ClaimMember& rep = claim.members[claim.representative];
    FUZZ_CHECK(claim.text == run_text(c.documents[rep.doc], rep.sentences));
    for (std::size_t x = 0; x < claim.members.size(); ++x) {
      const ClaimMember& m = claim.members[x];
      FUZZ_CHECK(m.doc < n);
      if (x > 0) FUZZ_CHECK(m.doc > claim.members[x - 1].doc);  // one per document, by index
      FUZZ_CHECK(!m.sentences.empty());
      check_runs(m.sentences, c.documents[m.doc].sentences.size(), seen[m.doc]);
      carried[m.doc].push_back({m.sentences.front(), static_cast<std::uint32_t>(k)});
      FUZZ_CHECK(m.similarity >= 0.0 && m.similarity <= 1.0);
      if (x == claim.representative) {
        FUZZ_CHECK(m.similarity == 1.0);
        continue;
      }
      std::string from, to;
      for (const Edit& t : m.tokens) {
        FUZZ_CHECK(!t.text.empty() && fuzz::valid_utf8(t.text));
        if (t.op != EditOp::insert) from += t.text;
        if (t.op != EditOp::remove) to += t.text;
      }
      FUZZ_CHECK(from == claim.text);
      FUZZ_CHECK(to == run_text(c.documents[m.doc], m.sentences));
    }
    // The reference order: by the first document that carries the claim, then by its position
    // there.
    const std::size_t lead = claim.members.front().doc;
    const std::uint32_t first = claim.members.front().sentences.front();
    if (k > 0) FUZZ_CHECK(lead > prev_lead || (lead == prev_lead && first > prev_first));
    prev_lead = lead;
    prev_first = first;
  }
  for (const auto& doc : seen)
    for (const int count : doc) FUZZ_CHECK(count == 1);
  FUZZ_CHECK(c.claim_order.size() == n);
  for (std::size_t d = 0; d < n; ++d) {
    std::sort(carried[d].begin(), carried[d].end());
    FUZZ_CHECK(c.claim_order[d].size() == carried[d].size());
    for (std::size_t k = 0; k < carried[d].size(); ++k) FUZZ_CHECK(c.claim_order[d][k] == carried[d][k].second);
  }
  FUZZ_CHECK(c.overlap.size() == n);
  for (std::size_t x = 0; x < n; ++x) {
    FUZZ_CHECK(c.overlap[x].size() == n);
    FUZZ_CHECK(c.overlap[x][x] == 1.0);
    for (std::size_t y = 0; y < n; ++y) {
      FUZZ_CHECK(c.overlap[x][y] >= 0.0 && c.overlap[x][y] <= 1.0);
      FUZZ_CHECK(c.overlap[x][y] == c.overlap[y][x]);
    }
  }
}

void check_claims_json(const Comparison& c, const std::string& compact) {
  const Json j = Json::parse(compact, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(!j.is_discarded());
  FUZZ_CHECK(j.at("documents").size() == c.documents.size());
  for (std::size_t d = 0; d < c.documents.size(); ++d)
    FUZZ_CHECK(j["documents"][d].at("sentences").size() == c.documents[d].sentences.size());
  const Json& jc = j.at("claims");
  FUZZ_CHECK(jc.size() == c.claims.size());
  for (std::size_t k = 0; k < jc.size(); ++k) {
    FUZZ_CHECK(jc[k].at("text") == c.claims[k].text);
    FUZZ_CHECK(jc[k].at("members").size() == c.claims[k].members.size());
  }
  FUZZ_CHECK(j.at("claim_order") == c.claim_order);
}

// A claim as the set of (document, sentences) it groups, documents named by `original` index.
using Grouping = std::vector<std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>>>;
Grouping grouping(const Comparison& c, const std::vector<std::uint32_t>& original) {
  Grouping g;
  for (const Claim& claim : c.claims) {
    std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> members;
    for (const ClaimMember& m : claim.members) members.push_back({original[m.doc], m.sentences});
    std::sort(members.begin(), members.end());
    g.push_back(std::move(members));
  }
  std::sort(g.begin(), g.end());
  return g;
}

struct Inputs {
  std::vector<std::string_view> bytes;
  ReadOptions even, odd;
  Options options;
};

// Reads the documents in the order `order` gives (indices into in.bytes) and compares them,
// through compare(vector) or, for two documents and `pair`, compare(old, new).
Expected<Comparison> run(const Inputs& in, const std::vector<std::uint32_t>& order, bool pair) {
  std::vector<Document> docs;
  for (const auto k : order) {
    auto d = read_document(in.bytes[k], "doc" + std::to_string(k), k % 2 ? in.odd : in.even);
    if (!d) return std::move(d).error();
    docs.push_back(std::move(d).value());
  }
  if (pair && docs.size() == 2) return compare(std::move(docs[0]), std::move(docs[1]), in.options);
  return compare(std::move(docs), in.options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::uint8_t flags = data[0];
  Inputs in;
  in.options.ignore_case = (flags & 1) != 0;
  in.options.ignore_punctuation = (flags & 2) != 0;
  in.options.detect_splits = (flags & 4) == 0;
  in.options.detect_moves = (flags & 8) == 0;
  if (flags & 0x20) in.options.granularity = Granularity::word;
  const bool bad_threshold = data[1] >= 248;
  if (bad_threshold) {
    constexpr double kBad[] = {0.0, -0.5, 1.0000001, std::numeric_limits<double>::quiet_NaN(),
                               std::numeric_limits<double>::infinity()};
    in.options.threshold = kBad[(data[1] - 248) % 5];
  } else {
    in.options.threshold = (data[1] + 1) / 248.0;
  }
  in.even.format = kFormats[(data[2] & 0x0F) % 5];
  in.odd.format = kFormats[(data[2] >> 4) % 5];
  const bool strict = (flags & 0x80) != 0;
  in.even.replace_invalid_utf8 = in.odd.replace_invalid_utf8 = !strict;

  std::string_view rest(reinterpret_cast<const char*>(data) + 3, size - 3);
  if (rest.find('\0') == std::string_view::npos) {
    in.bytes = {rest.substr(0, rest.size() / 2), rest.substr(rest.size() / 2)};
  } else {
    // One more than the limit at most, to see the limit refused.
    while (in.bytes.size() < kMaxDocuments) {
      const std::size_t cut = rest.find('\0');
      if (cut == std::string_view::npos) break;
      in.bytes.push_back(rest.substr(0, cut));
      rest.remove_prefix(cut + 1);
    }
    in.bytes.push_back(rest);
  }
  const std::size_t n = in.bytes.size();
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t k = 0; k < n; ++k) order[k] = k;

  auto result = run(in, order, true);
  if (!result) {
    const ErrorCode code = result.error().code;
    // Repairing reads fail only on UTF-32 (and on NUL in the surplus document); strict ones also
    // on invalid UTF-8; compare() only on a bad option or too many documents.
    FUZZ_CHECK(code == ErrorCode::unsupported_format || (strict && code == ErrorCode::invalid_utf8) ||
               (n > kMaxDocuments && code == ErrorCode::binary_input) ||
               ((bad_threshold || n > kMaxDocuments) && code == ErrorCode::bad_option));
    return 0;
  }
  FUZZ_CHECK(!bad_threshold && n <= kMaxDocuments);
  const std::string json = to_json(*result);
  if (n == 2) {
    check_comparison(*result);
    check_json(*result, json, (flags & 0x40) != 0);
    if (flags & 0x10) {
      // Again, through the vector overload: "with two, the same as compare(old, new)".
      auto again = run(in, order, false);
      FUZZ_CHECK(again.ok() && to_json(*again) == json);
    }
    return 0;
  }
  check_claims(*result);
  check_claims_json(*result, json);
  if (flags & 0x10) {
    // The grouping does not depend on the order of the documents (unless two read the same:
    // then which is which is a tie).
    bool distinct = true;
    for (std::size_t x = 0; x < n; ++x)
      for (std::size_t y = x + 1; y < n; ++y)
        distinct = distinct && result->documents[x].text != result->documents[y].text;
    std::vector<std::uint32_t> shuffled(order.rbegin(), order.rend());
    std::rotate(shuffled.begin(), shuffled.begin() + data[1] % n, shuffled.end());
    auto again = run(in, shuffled, true);
    FUZZ_CHECK(again.ok());
    check_claims(*again);
    if (distinct) FUZZ_CHECK(grouping(*again, shuffled) == grouping(*result, order));
  }
  return 0;
}
