// storydiff page — the self-contained HTML report the page exports, written from the result
// object (schema/comparison.schema.json). Runs in the worker: a string, never inserted into the
// page. Every piece of document text, name and title goes through esc(); the report carries a
// Content-Security-Policy that allows no script and no request at all, only its own inline style.

import { shortNames } from './model.js';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute. */
export function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const pct = (x) => `${Math.round(x * 100)}%`;

const KINDS = {
  equal: ['=', 'unchanged'],
  modified: ['~', 'modified'],
  added: ['+', 'added'],
  removed: ['−', 'removed'],
};

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--soft:#f6f8fa;--mute:#59636e;--line:#d1d9e0;
--add:#1a7f37;--add-bg:#dafbe1;--add-w:#aceebb;--rm:#cf222e;--rm-bg:#ffebe9;--rm-w:#ffcecb;--mod:#9a6700;--mod-bg:#fff8c5;--mv:#8250df}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--soft:#151b23;--mute:#9198a1;--line:#3d444d;
--add:#3fb950;--add-bg:#12361f;--add-w:#1f6f35;--rm:#f85149;--rm-bg:#42161b;--rm-w:#8e1519;--mod:#d29922;--mod-bg:#33280a;--mv:#bc8cff}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1200px;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}.mute{color:var(--mute)}
.stats{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}.stats li{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:.2rem .6rem}
.stats b{font-size:1.2rem}.k-added{border-left-color:var(--add)!important}.k-removed{border-left-color:var(--rm)!important}
.k-modified{border-left-color:var(--mod)!important}.k-moved{border-left-color:var(--mv)!important}
table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{font-size:.85rem}.k{width:7.5rem}td.k{font-size:.8rem;color:var(--mute)}tr.equal td{color:var(--mute)}
tr.added td.new{background:var(--add-bg)}tr.removed td.old{background:var(--rm-bg)}tr.modified td.old,tr.modified td.new{background:var(--mod-bg)}
tr.moved td.k{color:var(--mv);font-weight:600}tr.added td.k{color:var(--add)}tr.removed td.k{color:var(--rm)}tr.modified td.k{color:var(--mod)}
del{background:var(--rm-w);text-decoration:line-through}ins{background:var(--add-w);text-decoration:underline}
.callouts{margin:.3rem 0 0;padding-left:1.1rem;font-size:.85rem}.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;list-style:none;font-size:.9rem}
.grid .c{text-align:center;width:6rem}.grid td.yes{color:var(--add);font-weight:700}.grid td.no{color:var(--mute)}
.grid tr.unique td.t{box-shadow:inset 4px 0 0 var(--mv)}.members{margin:.3rem 0 0;padding-left:1.1rem;font-size:.85rem;color:var(--mute)}
.matrix{width:auto}.matrix td{text-align:right}.warn{color:var(--mod)}
@media (max-width:700px){.k{width:4.5rem}body{font-size:14px;padding:.5rem}}
`;

function page(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<p class="mute">Written by the storydiff page from the engine's result.</p>
</body>
</html>
`;
}

function docLine(d, role) {
  const bits = [d.format, `${d.sentences.length} sentences`];
  if (d.meta && d.meta.title) bits.push(`“${d.meta.title}”`);
  return `<li><b>${esc(role)}</b> ${esc(d.name)} <span class="mute">(${esc(bits.join(' · '))})</span></li>`;
}

function warnings(result) {
  const list = [...(result.approximate ? ['The engine stopped early on these large, different documents: the alignment may not be the best one.'] : []), ...result.warnings];
  return list.length ? `<ul class="warn">${list.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
}

function tokensHtml(tokens, side) {
  const skip = side === 'a' ? 'insert' : 'delete';
  return tokens
    .filter((t) => t.op !== skip)
    .map((t) => (t.op === 'equal' ? esc(t.text) : t.op === 'delete' ? `<del>${esc(t.text)}</del>` : `<ins>${esc(t.text)}</ins>`))
    .join('');
}

function callout(c) {
  const label = { number: 'number', quote: 'quote', attribution: 'attribution' }[c.kind] ?? c.kind;
  return `! ${esc(label)}: <del>${esc(c.old || '(none)')}</del> → <ins>${esc(c.new || '(none)')}</ins>`;
}

function pairReport(result) {
  const [a, b] = result.documents;
  const s = result.stats;
  const text = (doc, ks) => ks.map((k) => esc(doc.sentences[k].text)).join(' ');
  const oldPos = new Map();
  result.alignment.forEach((e, i) => {
    for (const k of e.a) oldPos.set(k, i);
  });
  const callouts = [];
  const rows = result.alignment
    .map((e, i) => {
      const [icon, label] = KINDS[e.op];
      const tags = [`${icon} ${label}`];
      if (e.moved) tags.push(`⇅ moved (was old sentence ${Math.min(...e.a) + 1})`);
      if (e.a.length > 1) tags.push(`merged from ${e.a.length}`);
      if (e.b.length > 1) tags.push(`split in ${e.b.length}`);
      const modified = e.op === 'modified' && e.tokens;
      const oldCell = modified ? tokensHtml(e.tokens, 'a') : text(a, e.a);
      const newCell = modified ? tokensHtml(e.tokens, 'b') : text(b, e.b);
      for (const c of e.callouts ?? []) callouts.push(`<li><a href="#e${i}">${callout(c)}</a></li>`);
      const notes = e.callouts && e.callouts.length ? `<ul class="callouts">${e.callouts.map((c) => `<li>${callout(c)}</li>`).join('')}</ul>` : '';
      return `<tr id="e${i}" class="${e.op}${e.moved ? ' moved' : ''}"><td class="k">${esc(tags.join(' · '))}</td><td class="old">${oldCell}</td><td class="new">${newCell}${notes}</td></tr>`;
    })
    .join('\n');
  const body = `<h1>storydiff: ${esc(a.name)} → ${esc(b.name)}</h1>
<ul>${docLine(a, 'Old')}${docLine(b, 'New')}</ul>
${warnings(result)}
<ul class="stats">
<li class="k-added">+ <b>${s.added}</b> added</li><li class="k-removed">− <b>${s.removed}</b> removed</li>
<li class="k-modified">~ <b>${s.modified}</b> modified</li><li class="k-moved">⇅ <b>${s.moved}</b> moved</li>
<li>= <b>${s.equal}</b> unchanged</li><li><b>${pct(s.overlap)}</b> overlap</li>
${s.splits ? `<li><b>${s.splits}</b> split</li>` : ''}${s.merges ? `<li><b>${s.merges}</b> merged</li>` : ''}
</ul>
${callouts.length ? `<h2>Call-outs</h2><ul>${callouts.join('')}</ul>` : ''}
<h2>Claim by claim</h2>
<ul class="legend"><li>+ added: only in the new version</li><li>− removed: only in the old</li><li>~ modified: <del>struck</del> words left, <ins>underlined</ins> came in</li><li>⇅ moved: same claim, another place</li><li>= unchanged</li></ul>
<table><thead><tr><th class="k">kind</th><th>Old: ${esc(a.name)}</th><th>New: ${esc(b.name)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return page(`storydiff: ${a.name} → ${b.name}`, body);
}

function claimsReport(result) {
  const docs = result.documents;
  const n = docs.length;
  const s = result.stats;
  const short = shortNames(docs);
  const rows = result.claims
    .map((c, i) => {
      const cells = docs.map((_, d) => (c.docs.includes(d) ? '<td class="c yes">✓</td>' : '<td class="c no">—</td>')).join('');
      const members = c.members
        .filter((m) => m.doc !== c.representative)
        .map((m) => `<li>${esc(short[m.doc])}: ${esc(m.sentences.map((k) => docs[m.doc].sentences[k].text).join(' '))}</li>`)
        .join('');
      return `<tr id="c${i}" class="${c.docs.length === 1 ? 'unique' : ''}"><td class="k">${i + 1} · ${c.docs.length}/${n}</td><td class="t">${esc(c.text)} <span class="mute">(${esc(short[c.representative])})</span>${members ? `<ul class="members">${members}</ul>` : ''}</td>${cells}</tr>`;
    })
    .join('\n');
  const matrix = `<table class="matrix"><thead><tr><td></td>${short.map((name) => `<th>${esc(name)}</th>`).join('')}</tr></thead><tbody>${docs
    .map((d, i) => `<tr><th>${esc(short[i])}</th>${docs.map((_, j) => `<td>${i === j ? '—' : pct(result.overlap[i][j])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const body = `<h1>storydiff: ${s.claims} claims across ${n} documents</h1>
<ul>${docs.map((d, i) => docLine(d, String(i + 1))).join('')}</ul>
${warnings(result)}
<ul class="stats"><li><b>${s.claims}</b> claims</li><li class="k-added">✓ <b>${s.in_all}</b> in every document</li><li class="k-moved">1 <b>${s.unique}</b> only in one</li></ul>
<h2>Overlap between documents</h2>
${matrix}
<h2>Claims</h2>
<table class="grid"><thead><tr><th class="k">#</th><th>Claim (and the other wordings)</th>${short.map((name) => `<th class="c">${esc(name)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return page(`storydiff: ${n} documents`, body);
}

/** The report of a comparison result, as one self-contained HTML document. */
export function reportHtml(result) {
  return result.claims ? claimsReport(result) : pairReport(result);
}
