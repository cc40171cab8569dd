#include <cstdio>
#include <string>
#include <string_view>

#include "render.h"
#include "storydiff/version.h"

namespace storydiff::cli {

namespace {

void escape(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

std::string esc(std::string_view s) {
  std::string out;
  escape(out, s);
  return out;
}

void sentences(std::string& out, const Document& d, const std::vector<std::uint32_t>& idx, int doc) {
  for (const auto k : idx) {
    const Sentence& s = d.sentences[k];
    out += "<span class=\"s\" data-doc=\"" + std::to_string(doc) + "\" data-index=\"" + std::to_string(k) +
           "\" id=\"d" + std::to_string(doc) + "s" + std::to_string(k) + "\">";
    escape(out, std::string_view(d.text).substr(s.start, s.end - s.start));
    out += "</span> ";
  }
}

constexpr std::string_view kStyle = R"(
:root{color-scheme:light dark;--add:#1a7f37;--add-bg:#dafbe1;--rm:#cf222e;--rm-bg:#ffebe9;
--mod:#9a6700;--mod-bg:#fff8c5;--mv:#8250df;--mv-bg:#fbefff;--fg:#1f2328;--mute:#656d76;--line:#d0d7de;--bg:#fff}
@media (prefers-color-scheme:dark){:root{--add:#3fb950;--add-bg:#12361f;--rm:#f85149;--rm-bg:#42161b;
--mod:#d29922;--mod-bg:#3a2e0b;--mv:#bc8cff;--mv-bg:#2d1d47;--fg:#e6edf3;--mute:#8d96a0;--line:#30363d;--bg:#0d1117}}
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1rem;color:var(--fg);background:var(--bg)}
h1{font-size:1.3rem}.summary span{margin-right:1rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}td{vertical-align:top;padding:.4rem .6rem;border-top:1px solid var(--line)}
th{text-align:left;padding:.4rem .6rem}td.k{width:7.5rem;font-size:.8rem;color:var(--mute)}
tr.equal td{color:var(--mute)}tr.added td.new{background:var(--add-bg)}tr.removed td.old{background:var(--rm-bg)}
tr.modified td.old,tr.modified td.new{background:var(--mod-bg)}tr.moved td.k{color:var(--mv);font-weight:600}
del{color:var(--rm);text-decoration:line-through}ins{color:var(--add);text-decoration:underline}
.legend span{display:inline-block;margin-right:1rem}.callouts{margin:.3rem 0 0;padding-left:1.2rem;font-size:.85rem}
.warn{color:var(--rm)}@media (max-width:700px){td.k{width:4rem}body{font-size:14px}}
)";

}  // namespace

// Three or more documents: one row per claim, one column per document with its wording.
std::string render_claims_html(const Comparison& c) {
  const std::size_t n = c.documents.size();
  std::string out;
  out += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n";
  out += "<title>storydiff: " + std::to_string(n) + " documents</title>\n<style>";
  out += kStyle;
  out += "td.lack{color:var(--mute);text-align:center}tr.unique td{background:var(--add-bg)}</style></head><body>\n";
  out += "<h1>storydiff: " + std::to_string(c.claims.size()) + " claims across " + std::to_string(n) + " documents</h1>\n";
  for (const auto& w : c.warnings) out += "<p class=\"warn\">warning: " + esc(w) + "</p>\n";
  out += "<table><thead><tr><th class=\"k\">in</th>";
  for (const auto& d : c.documents) out += "<th>" + esc(d.name) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const Claim& claim : c.claims) {
    out += std::string("<tr class=\"") + (claim.members.size() == 1 ? "unique" : "") + "\" data-docs=\"" +
           std::to_string(claim.members.size()) + "\"><td class=\"k\">" + std::to_string(claim.members.size()) + "/" +
           std::to_string(n) + "</td>";
    std::size_t next = 0;
    for (std::size_t d = 0; d < n; ++d) {
      if (next < claim.members.size() && claim.members[next].doc == d) {
        const ClaimMember& m = claim.members[next++];
        out += "<td>";
        sentences(out, c.documents[d], m.sentences, static_cast<int>(d));
        out += "</td>";
      } else {
        out += "<td class=\"lack\">&mdash;</td>";
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n<p class=\"legend\">storydiff " + std::string(kVersion) + "</p>\n</body></html>\n";
  return out;
}

std::string render_html(const Comparison& c) {
  if (c.documents.size() > 2) return render_claims_html(c);
  const Document& a = c.documents[0];
  const Document& b = c.documents[1];
  const Stats& s = c.stats;
  std::string out;
  out += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  // No scripts and no fetches: the report only shows text, and the text is untrusted.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n";
  out += "<title>storydiff: " + esc(a.name) + " vs " + esc(b.name) + "</title>\n<style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>storydiff: " + esc(a.name) + " &rarr; " + esc(b.name) + "</h1>\n";
  char overlap[32];
  std::snprintf(overlap, sizeof overlap, "%.2f", s.overlap);
  out += "<p class=\"summary\"><span>~ " + std::to_string(s.modified) + " modified</span><span>+ " +
         std::to_string(s.added) + " added</span><span>&minus; " + std::to_string(s.removed) +
         " removed</span><span>&#8597; " + std::to_string(s.moved) + " moved</span><span>= " +
         std::to_string(s.equal) + " unchanged</span><span>overlap " + overlap + "</span></p>\n";
  out += "<p class=\"legend\"><span>+ added (right only)</span><span>&minus; removed (left only)</span>"
         "<span>~ modified: <del>deleted</del> <ins>inserted</ins></span><span>&#8597; moved</span></p>\n";
  for (const auto& w : c.warnings) out += "<p class=\"warn\">warning: " + esc(w) + "</p>\n";
  out += "<table><thead><tr><th class=\"k\"></th><th>" + esc(a.name) + "</th><th>" + esc(b.name) +
         "</th></tr></thead><tbody>\n";
  for (const AlignmentEntry& e : c.alignment) {
    const std::string op(op_name(e.op));
    out += "<tr class=\"" + op + (e.moved ? " moved" : "") + "\" data-op=\"" + op + "\" data-moved=\"" +
           (e.moved ? "true" : "false") + "\"><td class=\"k\">";
    const char* mark = e.op == Op::added ? "+ added" : e.op == Op::removed ? "&minus; removed"
                     : e.op == Op::modified ? "~ modified" : "= same";
    out += mark;
    if (e.moved) out += "<br>&#8597; moved";
    if (e.a.size() == 1 && e.b.size() > 1) out += "<br>split";
    if (e.a.size() > 1 && e.b.size() == 1) out += "<br>merged";
    out += "</td><td class=\"old\">";
    if (e.op == Op::modified) {
      for (const Edit& t : e.tokens) {
        if (t.op == EditOp::insert) continue;
        if (t.op == EditOp::remove) out += "<del>";
        escape(out, t.text);
        if (t.op == EditOp::remove) out += "</del>";
      }
    } else {
      sentences(out, a, e.a, 0);
    }
    out += "</td><td class=\"new\">";
    if (e.op == Op::modified) {
      for (const Edit& t : e.tokens) {
        if (t.op == EditOp::remove) continue;
        if (t.op == EditOp::insert) out += "<ins>";
        escape(out, t.text);
        if (t.op == EditOp::insert) out += "</ins>";
      }
      if (!e.callouts.empty()) {
        out += "<ul class=\"callouts\">";
        for (const Callout& k : e.callouts) {
          out += "<li><strong>" + std::string(callout_kind_name(k.kind)) + "</strong>: " +
                 (k.old_text.empty() ? "(none)" : esc(k.old_text)) + " &rarr; " +
                 (k.new_text.empty() ? "(none)" : esc(k.new_text)) + "</li>";
        }
        out += "</ul>";
      }
    } else {
      sentences(out, b, e.b, 1);
    }
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n<p class=\"legend\">storydiff " + std::string(kVersion) + "</p>\n</body></html>\n";
  return out;
}

}  // namespace storydiff::cli
