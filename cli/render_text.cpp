#include <cstdio>
#include <string>
#include <string_view>

#include "render.h"

namespace storydiff::cli {

namespace {

struct Style {
  bool on;
  std::string_view red() const { return on ? "\x1b[31m" : ""; }
  std::string_view green() const { return on ? "\x1b[32m" : ""; }
  std::string_view yellow() const { return on ? "\x1b[33m" : ""; }
  std::string_view cyan() const { return on ? "\x1b[36m" : ""; }
  std::string_view dim() const { return on ? "\x1b[2m" : ""; }
  std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
};

std::string_view sentence_text(const Document& d, std::uint32_t k) {
  const Sentence& s = d.sentences[k];
  return std::string_view(d.text).substr(s.start, s.end - s.start);
}

// Sentences of a group joined by one space, with line breaks flattened so each claim is a line.
std::string group_text(const Document& d, const std::vector<std::uint32_t>& idx) {
  std::string out;
  for (const auto k : idx) {
    if (!out.empty()) out += ' ';
    out += sentence_text(d, k);
  }
  for (auto& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string numbers(const std::vector<std::uint32_t>& idx) {
  std::string out;
  for (const auto k : idx) {
    if (!out.empty()) out += ',';
    out += std::to_string(k + 1);
  }
  return out;
}

std::string flatten(std::string s) {
  for (auto& c : s)
    if (c == '\n') c = ' ';
  return s;
}

// The minimal script interleaves one-word changes with the spaces between them
// ("[-a-]{+x+} [-b-]{+y+}"); a reader wants "[-a b-]{+x y+}". White space between two changes
// joins them (display only: the JSON keeps the minimal script).
std::vector<Edit> readable(const std::vector<Edit>& edits) {
  std::vector<Edit> out;
  auto is_blank = [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; };
  std::string removed, inserted;
  auto flush = [&] {
    if (!removed.empty()) out.push_back({EditOp::remove, std::move(removed)});
    if (!inserted.empty()) out.push_back({EditOp::insert, std::move(inserted)});
    removed.clear();
    inserted.clear();
  };
  for (std::size_t k = 0; k < edits.size(); ++k) {
    const Edit& e = edits[k];
    const bool in_change = !removed.empty() || !inserted.empty();
    if (e.op == EditOp::equal) {
      const bool change_follows = k + 1 < edits.size() && edits[k + 1].op != EditOp::equal;
      if (in_change && change_follows && is_blank(e.text)) {
        removed += e.text;
        inserted += e.text;
        continue;
      }
      flush();
      out.push_back(e);
    } else {
      (e.op == EditOp::remove ? removed : inserted) += e.text;
    }
  }
  flush();
  return out;
}

}  // namespace

// Three or more documents: the claims × documents coverage matrix, the claims only one document
// carries, and the pairwise overlap.
std::string render_claims(const Comparison& c, const Style& st) {
  const std::size_t n = c.documents.size();
  std::string out;
  out += st.bold();
  for (std::size_t d = 0; d < n; ++d)
    out += "[" + std::to_string(d + 1) + "] " + c.documents[d].name + " (" +
           std::to_string(c.documents[d].sentences.size()) + " sentences)\n";
  out += st.reset();
  out += "\nclaims x documents (# carries it, ~ reworded from the claim's wording, . lacks it):\n";
  std::string header;
  for (std::size_t d = 0; d < n; ++d) header += std::to_string((d + 1) % 10);
  out += st.dim();
  out += header + "\n";
  out += st.reset();
  std::size_t in_all = 0, unique = 0;
  for (const Claim& claim : c.claims) {
    std::string row(n, '.');
    for (const auto& m : claim.members) row[m.doc] = m.similarity >= 1.0 ? '#' : '~';
    if (claim.members.size() == n) ++in_all;
    if (claim.members.size() == 1) ++unique;
    out += claim.members.size() == n ? st.dim() : claim.members.size() == 1 ? st.yellow() : "";
    out += row + "  " + flatten(claim.text);
    out += st.reset();
    out += '\n';
  }
  out += "\n";
  out += st.bold();
  out += "only in one document:";
  out += st.reset();
  out += '\n';
  for (std::size_t d = 0; d < n; ++d) {
    for (const Claim& claim : c.claims) {
      if (claim.members.size() != 1 || claim.members[0].doc != d) continue;
      out += "  [" + std::to_string(d + 1) + "] " + flatten(claim.text) + "\n";
    }
  }
  out += "\noverlap:\n     ";
  for (std::size_t d = 0; d < n; ++d) {
    char cell[16];
    std::snprintf(cell, sizeof cell, "%6zu", d + 1);
    out += cell;
  }
  out += '\n';
  for (std::size_t x = 0; x < n; ++x) {
    char cell[16];
    std::snprintf(cell, sizeof cell, "%5zu", x + 1);
    out += cell;
    for (std::size_t y = 0; y < n; ++y) {
      std::snprintf(cell, sizeof cell, "%6.2f", c.overlap[x][y]);
      out += cell;
    }
    out += '\n';
  }
  out += "\n";
  out += st.bold();
  out += std::to_string(c.claims.size()) + " claims, " + std::to_string(in_all) + " in every document, " +
         std::to_string(unique) + " in only one";
  out += st.reset();
  out += '\n';
  for (const auto& w : c.warnings) out += "warning: " + w + "\n";
  return out;
}

std::string render_text(const Comparison& c, bool color, bool show_unchanged) {
  const Style st{color};
  if (c.documents.size() > 2) return render_claims(c, st);
  const Document& a = c.documents[0];
  const Document& b = c.documents[1];
  std::string out;
  out += st.bold();
  out += "--- " + a.name + " (" + std::to_string(a.sentences.size()) + " sentences)\n";
  out += "+++ " + b.name + " (" + std::to_string(b.sentences.size()) + " sentences)";
  out += st.reset();
  out += "\n\n";
  if (c.options.granularity == Granularity::word) {
    // The whole-document word diff, wdiff style; the claim summary follows.
    for (const Edit& t : readable(c.edits)) {
      if (t.op == EditOp::equal) {
        out += t.text;
      } else if (t.op == EditOp::remove) {
        out += st.red();
        out += "[-" + t.text + "-]";
        out += st.reset();
      } else {
        out += st.green();
        out += "{+" + t.text + "+}";
        out += st.reset();
      }
    }
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  std::size_t hidden = 0;
  auto flush_hidden = [&] {
    if (hidden == 0) return;
    out += st.dim();
    out += "= ... " + std::to_string(hidden) + (hidden == 1 ? " unchanged claim" : " unchanged claims") + " ...";
    out += st.reset();
    out += '\n';
    hidden = 0;
  };
  for (const AlignmentEntry& e : c.alignment) {
    if (c.options.granularity == Granularity::word) break;  // the edits above said it all
    if (e.op == Op::equal && !e.moved && !show_unchanged) {
      ++hidden;
      continue;
    }
    flush_hidden();
    std::string tags;
    auto tag = [&](std::string_view t) {
      tags += tags.empty() ? "[" : ", ";
      tags += t;
    };
    if (e.moved) tag("moved from #" + numbers(e.a) + " to #" + numbers(e.b));
    if (e.a.size() == 1 && e.b.size() > 1) tag("split in " + std::to_string(e.b.size()));
    if (e.a.size() > 1 && e.b.size() == 1) tag("merged from " + std::to_string(e.a.size()));
    if (!tags.empty()) tags += "] ";
    switch (e.op) {
      case Op::equal:
        out += e.moved ? st.cyan() : st.dim();
        out += "= " + tags + group_text(b, e.b);
        out += st.reset();
        break;
      case Op::added:
        out += st.green();
        out += "+ " + group_text(b, e.b);
        out += st.reset();
        break;
      case Op::removed:
        out += st.red();
        out += "- " + group_text(a, e.a);
        out += st.reset();
        break;
      case Op::modified: {
        out += e.moved ? st.cyan() : st.yellow();
        out += "~ " + tags;
        out += st.reset();
        for (const Edit& t : e.tokens) {
          const std::string text = flatten(t.text);
          if (t.op == EditOp::equal) {
            out += text;
          } else if (t.op == EditOp::remove) {
            out += st.red();
            out += "[-" + text + "-]";
            out += st.reset();
          } else {
            out += st.green();
            out += "{+" + text + "+}";
            out += st.reset();
          }
        }
        for (const Callout& k : e.callouts) {
          out += "\n    ";
          out += st.bold();
          out += "! ";
          out += callout_kind_name(k.kind);
          out += st.reset();
          out += ": " + (k.old_text.empty() ? std::string("(none)") : flatten(k.old_text)) + " -> " +
                 (k.new_text.empty() ? std::string("(none)") : flatten(k.new_text));
        }
        break;
      }
    }
    out += '\n';
  }
  flush_hidden();
  const Stats& s = c.stats;
  out += "\n";
  out += st.bold();
  out += std::to_string(s.modified) + " modified, " + std::to_string(s.added) + " added, " +
         std::to_string(s.removed) + " removed, " + std::to_string(s.moved) + " moved, " +
         std::to_string(s.equal) + " unchanged";
  if (s.splits) out += ", " + std::to_string(s.splits) + (s.splits == 1 ? " split" : " splits");
  if (s.merges) out += ", " + std::to_string(s.merges) + (s.merges == 1 ? " merge" : " merges");
  char overlap[32];
  std::snprintf(overlap, sizeof overlap, "; overlap %.2f", s.overlap);
  out += overlap;
  out += st.reset();
  out += '\n';
  for (const auto& w : c.warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace storydiff::cli
