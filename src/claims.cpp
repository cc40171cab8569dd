// Three or more documents: claims grouped across all of them from their pairwise alignments.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_map>

#include "align.h"
#include "storydiff/compare.h"
#include "word_diff.h"

namespace storydiff {

namespace {

// Every sentence of every document, numbered in one sequence.
struct Node {
  std::uint32_t doc;
  std::uint32_t sentence;
};

// A link between two sentences of different documents, found by their pairwise alignment.
struct Link {
  double similarity;
  std::uint32_t u, v;  // nodes, u < v in the canonical numbering
};

// A component under construction: per document, the run of its sentences it holds.
struct Group {
  std::vector<std::pair<std::uint32_t, detail::Run>> runs;  // (document, run), by document
};

// Longest run of one document's sentences a claim may hold (a sentence split in three).
constexpr std::uint32_t kMaxRun = 3;

double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

class ClaimBuilder {
 public:
  ClaimBuilder(const std::vector<Document>& docs, const std::vector<std::uint32_t>& canon, const Options& o)
      : docs_(docs), canon_(canon), o_(o) {}

  void run(Comparison& out) {
    const std::size_t n = docs_.size();
    // One feature cache per document, shared by its n - 1 pairwise alignments.
    features_.reserve(n);
    for (const Document& d : docs_) features_.emplace_back(d, o_, table_);
    // Nodes in canonical document order, so that the grouping cannot depend on input order.
    first_.assign(n, 0);
    for (std::uint32_t c = 0; c < n; ++c) {
      const std::uint32_t d = canon_[c];
      first_[d] = static_cast<std::uint32_t>(nodes_.size());
      for (std::uint32_t k = 0; k < docs_[d].sentences.size(); ++k) nodes_.push_back({d, k});
    }
    out.overlap.assign(n, std::vector<double>(n, 1.0));
    for (std::uint32_t x = 0; x < n; ++x)
      for (std::uint32_t y = x + 1; y < n; ++y) align_pair(canon_[x], canon_[y], out);
    // Strongest links first; ties broken by canonical node numbers.
    std::sort(links_.begin(), links_.end(), [](const Link& p, const Link& q) {
      if (p.similarity != q.similarity) return p.similarity > q.similarity;
      return p.u != q.u ? p.u < q.u : p.v < q.v;
    });
    parent_.resize(nodes_.size());
    std::iota(parent_.begin(), parent_.end(), 0u);
    groups_.resize(nodes_.size());
    for (std::uint32_t k = 0; k < nodes_.size(); ++k)
      groups_[k].runs.push_back({nodes_[k].doc, {nodes_[k].sentence, nodes_[k].sentence + 1}});
    for (const Link& l : links_) {
      auto& sim = link_sim_[pair_key(l.u, l.v)];
      sim = std::max(sim, l.similarity);
    }
    for (const Link& l : links_) unite(l.u, l.v);
    emit(out);
  }

 private:
  void align_pair(std::uint32_t p, std::uint32_t q, Comparison& out) {
    if (first_[p] > first_[q]) std::swap(p, q);  // canonical: p's nodes come first
    const auto aligned = detail::align_sentences(features_[p], features_[q], o_, detail::Grouping::strict);
    approximate_ = approximate_ || aligned.approximate;
    double matched = 0;
    for (const auto& m : aligned.matches) {
      matched += m.similarity * static_cast<double>(m.a.size() + m.b.size());
      for (auto i = m.a.begin; i < m.a.end; ++i)
        for (auto j = m.b.begin; j < m.b.end; ++j) links_.push_back({m.similarity, first_[p] + i, first_[q] + j});
    }
    const double total = static_cast<double>(docs_[p].sentences.size() + docs_[q].sentences.size());
    const double overlap = total > 0 ? round4(matched / total) : 1.0;
    out.overlap[p][q] = out.overlap[q][p] = overlap;
  }

  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }

  static std::uint64_t pair_key(std::uint64_t u, std::uint64_t v) {
    return u < v ? (u << 32 | v) : (v << 32 | u);
  }

  bool linked(std::uint32_t u, std::uint32_t v) const { return link_sim_.count(pair_key(u, v)) > 0; }

  // A run of document `doc` may grow by joining `x` and `y` only on direct evidence of a split
  // or merge: the link being added touches one of the two, and its other end (one sentence of
  // another document) is itself linked to a sentence of the other. Two neighbouring sentences
  // linked to different documents' sentences are two claims, however the components touch.
  bool run_join_allowed(std::uint32_t doc, detail::Run x, detail::Run y, std::uint32_t u, std::uint32_t v) const {
    auto in_run = [&](std::uint32_t node, detail::Run r) {
      return nodes_[node].doc == doc && nodes_[node].sentence >= r.begin && nodes_[node].sentence < r.end;
    };
    for (const auto& [here, there] : {std::pair{u, v}, std::pair{v, u}}) {
      const detail::Run* other = in_run(here, x) ? &y : in_run(here, y) ? &x : nullptr;
      if (!other) continue;
      for (auto k = other->begin; k < other->end; ++k)
        if (linked(there, first_[doc] + k)) return true;
    }
    return false;
  }

  // Joins two components when every document's sentences in the union still form one run of at
  // most kMaxRun, grown only on direct evidence (run_join_allowed), and at most one document
  // holds more than one sentence: two sentences of one document joined through others are two
  // claims.
  void unite(std::uint32_t u, std::uint32_t v) {
    std::uint32_t ru = find(u), rv = find(v);
    if (ru == rv) return;
    Group merged;
    const auto& a = groups_[ru].runs;
    const auto& b = groups_[rv].runs;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (j >= b.size() || (i < a.size() && a[i].first < b[j].first)) {
        merged.runs.push_back(a[i++]);
      } else if (i >= a.size() || b[j].first < a[i].first) {
        merged.runs.push_back(b[j++]);
      } else {
        const detail::Run x = a[i].second, y = b[j].second;
        if (x.end != y.begin && y.end != x.begin) return;  // not adjacent
        const detail::Run joined{std::min(x.begin, y.begin), std::max(x.end, y.end)};
        if (joined.size() > kMaxRun || !run_join_allowed(a[i].first, x, y, u, v)) return;
        merged.runs.push_back({a[i].first, joined});
        ++i;
        ++j;
      }
    }
    // A claim is split in one document at a time, not a many-to-many tangle.
    std::size_t grouped = 0;
    for (const auto& r : merged.runs) grouped += r.second.size() > 1;
    if (grouped > 1) return;
    if (ru > rv) std::swap(ru, rv);
    parent_[rv] = ru;
    groups_[ru] = std::move(merged);
    groups_[rv].runs.clear();
  }

  std::string_view run_text(std::uint32_t doc, detail::Run r) const {
    const Document& d = docs_[doc];
    const auto s = d.sentences[r.begin].start;
    return std::string_view(d.text).substr(s, d.sentences[r.last()].end - s);
  }

  void emit(Comparison& out) {
    const std::size_t n = docs_.size();
    // Claims in reference order: documents[0]'s reading order, then what it lacks in
    // documents[1]'s, and so on.
    std::vector<std::uint32_t> claim_of_root(nodes_.size(), UINT32_MAX);
    std::vector<std::uint32_t> roots;
    for (std::uint32_t d = 0; d < n; ++d)
      for (std::uint32_t k = 0; k < docs_[d].sentences.size(); ++k) {
        const std::uint32_t r = find(first_[d] + k);
        if (claim_of_root[r] != UINT32_MAX) continue;
        claim_of_root[r] = static_cast<std::uint32_t>(roots.size());
        roots.push_back(r);
      }
    out.claims.resize(roots.size());
    for (std::size_t c = 0; c < roots.size(); ++c) build_claim(groups_[roots[c]], out.claims[c]);
    out.claim_order.assign(n, {});
    for (std::uint32_t d = 0; d < n; ++d)
      for (std::uint32_t k = 0; k < docs_[d].sentences.size(); ++k) {
        const std::uint32_t c = claim_of_root[find(first_[d] + k)];
        if (out.claim_order[d].empty() || out.claim_order[d].back() != c) out.claim_order[d].push_back(c);
      }
    out.approximate = out.approximate || approximate_;
  }

  void build_claim(const Group& g, Claim& claim) {
    // Members by document index (runs are kept by document already).
    for (const auto& [doc, run] : g.runs) claim.members.push_back({doc, run.indices(), 1.0, {}});
    std::sort(claim.members.begin(), claim.members.end(),
              [](const ClaimMember& x, const ClaimMember& y) { return x.doc < y.doc; });
    if (claim.members.size() == 1) {
      claim.text = std::string(run_text(claim.members[0].doc, to_run(claim.members[0])));
      return;
    }
    // The representative: the wording most similar to all the others (the medoid); ties go to
    // the earlier document.
    const std::size_t m = claim.members.size();
    std::vector<std::vector<Edit>> diffs(m * m);
    std::vector<double> score(m, 0.0);
    std::vector<double> sim(m * m, 0.0);
    for (std::size_t x = 0; x < m; ++x)
      for (std::size_t y = x + 1; y < m; ++y) {
        const double s = pair_similarity(claim.members[x], claim.members[y]);
        sim[x * m + y] = sim[y * m + x] = s;
        score[x] += s;
        score[y] += s;
      }
    std::size_t rep = 0;
    for (std::size_t x = 1; x < m; ++x)
      if (score[x] > score[rep]) rep = x;
    claim.representative = static_cast<std::uint32_t>(rep);
    const std::string_view rep_text = run_text(claim.members[rep].doc, to_run(claim.members[rep]));
    claim.text = std::string(rep_text);
    for (std::size_t x = 0; x < m; ++x) {
      if (x == rep) continue;
      ClaimMember& member = claim.members[x];
      member.similarity = std::min(round4(sim[rep * m + x]), 0.9999);
      const std::string_view text = run_text(member.doc, to_run(member));
      if (text == rep_text) {
        member.similarity = 1.0;
        member.tokens.push_back({EditOp::equal, std::string(text)});
      } else {
        member.tokens = detail::word_diff(rep_text, text, approximate_);
      }
    }
  }

  static detail::Run to_run(const ClaimMember& m) {
    return {m.sentences.front(), m.sentences.back() + 1};
  }

  // The strongest link between two members' sentences (their pairwise alignment's similarity),
  // 0 when their documents' alignment did not pair them.
  double pair_similarity(const ClaimMember& x, const ClaimMember& y) const {
    double best = 0;
    for (const auto i : x.sentences)
      for (const auto j : y.sentences) {
        const auto it = link_sim_.find(pair_key(first_[x.doc] + i, first_[y.doc] + j));
        if (it != link_sim_.end()) best = std::max(best, it->second);
      }
    return best;
  }

  const std::vector<Document>& docs_;
  const std::vector<std::uint32_t>& canon_;  // canonical position -> document index
  const Options& o_;
  detail::TermTable table_;
  std::vector<detail::DocFeatures> features_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> first_;  // document -> its first node
  std::vector<Link> links_;
  std::unordered_map<std::uint64_t, double> link_sim_;  // pair_key(u, v) -> similarity
  std::vector<std::uint32_t> parent_;
  std::vector<Group> groups_;
  bool approximate_ = false;
};

}  // namespace

Expected<Comparison> compare(std::vector<Document> documents, const Options& options) {
  if (documents.size() < 2)
    return Error{ErrorCode::bad_option, "a comparison needs at least two documents"};
  if (documents.size() > kMaxDocuments)
    return Error{ErrorCode::bad_option, "at most " + std::to_string(kMaxDocuments) +
                                            " documents can be compared at once, not " +
                                            std::to_string(documents.size())};
  if (documents.size() == 2) return compare(std::move(documents[0]), std::move(documents[1]), options);
  if (auto v = validate(options); !v) return std::move(v).error();

  // A canonical order that depends only on the documents' contents.
  std::vector<std::uint32_t> canon(documents.size());
  std::iota(canon.begin(), canon.end(), 0u);
  std::vector<std::uint64_t> hash(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) hash[d] = fnv1a(documents[d].text);
  std::stable_sort(canon.begin(), canon.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (hash[x] != hash[y]) return hash[x] < hash[y];
    return documents[x].text < documents[y].text;
  });

  Comparison result;
  result.options = options;
  ClaimBuilder(documents, canon, options).run(result);
  for (const auto& d : documents)
    for (const auto& w : d.warnings) result.warnings.push_back(w);
  if (result.approximate)
    result.warnings.push_back("the comparison hit a work limit: the alignment or a word diff is approximate");
  result.documents = std::move(documents);
  return result;
}

}  // namespace storydiff
