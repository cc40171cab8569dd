// plot.mjs — the scaling plot as a hand-written SVG (no dependencies): time and memory against
// input size, both on log-log axes, with a dashed line of slope 1 (linear growth) for reference.

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const DASHES = ['', '', '6 3', '6 3'];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

function niceTicks(lo, hi) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

const fmtSize = (b) => (b >= 1e6 ? `${+(b / 1e6).toPrecision(3)} MB` : `${+(b / 1e3).toPrecision(3)} KB`);
const fmtSec = (s) => (s >= 1 ? `${+s.toPrecision(3)} s` : `${+(s * 1000).toPrecision(3)} ms`);
const fmtMem = (b) => `${+(b / 1e6).toPrecision(3)} MB`;

/** One panel: `series` maps a name to [[x, y], ...]. Returns SVG elements as a string. */
function panel({ x0, y0, w, h, title, series, fmtX, fmtY }) {
  const pts = Object.values(series).flat();
  if (!pts.length) return `<text x="${x0 + w / 2}" y="${y0 + h / 2}" text-anchor="middle">${esc(title)}: no data</text>`;
  let [xmin, xmax] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  let [ymin, ymax] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  xmin /= 1.5; xmax *= 1.5; ymin /= 2; ymax *= 2;
  const lx = (v) => Math.log10(v);
  const X = (v) => x0 + ((lx(v) - lx(xmin)) / (lx(xmax) - lx(xmin))) * w;
  const Y = (v) => y0 + h - ((lx(v) - lx(ymin)) / (lx(ymax) - lx(ymin))) * h;
  const out = [];
  out.push(`<text x="${x0 + w / 2}" y="${y0 - 12}" text-anchor="middle" font-weight="bold">${esc(title)}</text>`);
  out.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#888"/>`);
  for (const t of niceTicks(xmin, xmax)) {
    out.push(`<line x1="${X(t).toFixed(1)}" y1="${y0}" x2="${X(t).toFixed(1)}" y2="${y0 + h}" stroke="#eee"/>`);
    out.push(`<text x="${X(t).toFixed(1)}" y="${y0 + h + 16}" text-anchor="middle" font-size="11">${esc(fmtX(t))}</text>`);
  }
  for (const t of niceTicks(ymin, ymax)) {
    out.push(`<line x1="${x0}" y1="${Y(t).toFixed(1)}" x2="${x0 + w}" y2="${Y(t).toFixed(1)}" stroke="#eee"/>`);
    out.push(`<text x="${x0 - 6}" y="${(Y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${esc(fmtY(t))}</text>`);
  }
  out.push(`<text x="${x0 + w / 2}" y="${y0 + h + 34}" text-anchor="middle" font-size="12">input size (old + new), log scale</text>`);
  // Linear reference through the first point of the first series.
  const first = Object.values(series).find((s) => s.length)?.[0];
  if (first) {
    const [fx, fy] = first;
    const a = [xmin, fy * (xmin / fx)];
    const b = [xmax, fy * (xmax / fx)];
    out.push(`<clipPath id="c${x0}"><rect x="${x0}" y="${y0}" width="${w}" height="${h}"/></clipPath>`);
    out.push(`<line clip-path="url(#c${x0})" x1="${X(a[0]).toFixed(1)}" y1="${Y(a[1]).toFixed(1)}" x2="${X(b[0]).toFixed(1)}" y2="${Y(b[1]).toFixed(1)}" stroke="#999" stroke-dasharray="2 4"/>`);
  }
  // The legend, top left (where rising log-log curves leave room), on white.
  out.push(`<rect x="${x0 + 4}" y="${y0 + 3}" width="150" height="${16 * (Object.keys(series).length + 1) + 4}" fill="white" fill-opacity="0.85"/>`);
  let k = 0;
  let ly = y0 + 14;
  for (const [name, s] of Object.entries(series)) {
    const color = COLORS[k % COLORS.length];
    const dash = DASHES[k % DASHES.length];
    k++;
    if (!s.length) continue;
    const d = s.map(([x, y], i) => `${i ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    for (const [x, y] of s) {
      out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3.5" fill="${color}"><title>${esc(`${name}: ${fmtX(x)}, ${fmtY(y)}`)}</title></circle>`);
    }
    out.push(`<line x1="${x0 + 10}" y1="${ly - 4}" x2="${x0 + 34}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(`<text x="${x0 + 40}" y="${ly}" font-size="11">${esc(name)}</text>`);
    ly += 16;
  }
  out.push(`<line x1="${x0 + 10}" y1="${ly - 4}" x2="${x0 + 34}" y2="${ly - 4}" stroke="#999" stroke-dasharray="2 4"/>`);
  out.push(`<text x="${x0 + 40}" y="${ly}" font-size="11">linear growth</text>`);
  return out.join('\n');
}

/** The two-panel SVG: `time` and `memory` map series names to [[bytes, seconds|bytes], ...]. */
export function scalingSvg(time, memory) {
  const W = 960;
  const H = 420;
  const body = [
    panel({ x0: 70, y0: 50, w: 360, h: 300, title: 'Time (median)', series: time, fmtX: fmtSize, fmtY: fmtSec }),
    panel({ x0: 560, y0: 50, w: 360, h: 300, title: 'Peak memory', series: memory, fmtX: fmtSize, fmtY: fmtMem }),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">storydiff on generated news pairs: native CLI and WebAssembly (Node), sentence and word mode</text>
${body.join('\n')}
</svg>
`;
}
