#!/usr/bin/env node
// gen_corpus.mjs — a seeded synthetic news corpus as `storydiff batch` jobs (JSON Lines).
//
//   node corpus/gen_corpus.mjs --jobs 10000 --seed 1 --out corpus/data/jobs.jsonl
//   node corpus/gen_corpus.mjs --jobs 200 --seed 7 --bad-every 50 > jobs.jsonl
//
// Many stories, each published in several versions the way a developing story is: the toll
// rises, a new lede goes on top, a paragraph moves up, a quote is softened or gets a new speaker,
// a sentence is cut, split or merged. Each job compares two consecutive versions of one story:
//   {"id": "s00012-v2-v3", "story": "s00012", "docs": [{"name": ..., "text": ...}, ...]}
// A few stories come as Markdown (name .md), the rest as plain text. With --bad-every K every
// K-th line is a broken job (not JSON, a missing file, invalid UTF-8, a bad option), for tests
// of the error path. Same arguments, same bytes: every choice comes from one seeded PRNG.
// Node 20 built-ins only.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const HELP = `usage: node corpus/gen_corpus.mjs [--jobs N] [--seed S] [--out FILE] [options]
  --jobs N          number of jobs (pairs of consecutive versions); default 1000
  --seed S          PRNG seed (integer); default 1
  --out FILE        write here instead of standard output
  --versions A-B    versions per story, at least 2; default 2-6
  --sentences A-B   sentences in a story's first version; default 6-14
  --bad-every K     make every K-th job a broken one (error-path tests); default 0: none
  -h, --help        this text`;

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32, seeded through splitmix32.

function splitmix32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

class Rng {
  constructor(seed) {
    const sm = splitmix32(seed >>> 0);
    this.s = [sm(), sm(), sm(), sm()];
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32() {
    let [a, b, c, d] = this.s;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.s = [a, b, c, d];
    return t >>> 0;
  }
  float() { return this.u32() / 4294967296; }
  int(lo, hi) { return lo + Math.floor(this.float() * (hi - lo + 1)); }
  chance(p) { return this.float() < p; }
  pick(xs) { return xs[Math.floor(this.float() * xs.length)]; }
}

// ---------------------------------------------------------------------------------------------
// The story world. All invented: names, agencies and quotes are made up for the project.

const EVENTS = [
  { kind: 'fire', what: 'a fire', verb: 'tore through', target: ['a warehouse', 'an apartment block', 'a ferry', 'a textile factory'], victims: 'killed' },
  { kind: 'flood', what: 'flash floods', verb: 'swept through', target: ['the river valley', 'low-lying districts', 'the old town'], victims: 'killed' },
  { kind: 'quake', what: 'an earthquake', verb: 'struck', target: ['the region', 'the mountain towns', 'the coastal province'], victims: 'killed' },
  { kind: 'collapse', what: 'a building collapse', verb: 'hit', target: ['a market street', 'a school district', 'the port area'], victims: 'killed' },
  { kind: 'strike', what: 'a strike', verb: 'shut down', target: ['the rail network', 'the city buses', 'the main port'], victims: 'stranded' },
  { kind: 'storm', what: 'a storm', verb: 'battered', target: ['the coast', 'the northern islands', 'the capital'], victims: 'left without power' },
];
const PLACES = ['Varna', 'Kisumu', 'Tromsø', 'Arequipa', 'Da Nang', 'Bursa', 'Cork', 'Porto Alegre', 'Mombasa',
  'Lviv', 'Izmir', 'Chiclayo', 'Nagasaki', 'Tampere', 'Salvador', 'Constanța', 'Gdańsk', 'Cebu', 'Oaxaca', 'Aarhus'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const GIVEN = ['Maria', 'Jonas', 'Amina', 'Piotr', 'Lucía', 'Kwame', 'Elif', 'Tomás', 'Ingrid', 'Rahul', 'Chen', 'Olga',
  'Samuel', 'Aiko', 'Nadia', 'Émile', 'Zoë', 'Søren', 'Thandiwe', 'Mateo'];
const FAMILY = ['Okafor', 'Lindqvist', 'Moreau', 'Haddad', 'Kowalski', 'Tanaka', 'Silva', 'Novak', 'Aydın', 'Brennan',
  'Mensah', 'Castillo', 'Petrov', 'Nguyen', 'Fischer', 'Reyes', 'Kaya', 'Dubois', 'Ivanova', 'Osei'];
const ROLES = ['a spokesman for the regional government', 'the city’s fire chief', 'a police spokeswoman',
  'the interior minister', 'the head of the civil defence agency', 'a hospital director', 'the mayor'];
const AGENCIES = ['the civil defence agency', 'the health ministry', 'the coast guard', 'local officials', 'the police'];
const COUNTRIES = ['Norway', 'Turkey', 'Japan', 'Kenya', 'Chile', 'Poland', 'Canada', 'Italy'];
const QUOTES = [
  ['We are doing everything we can to reach the people who are still missing', 'We are doing what we can to reach those still missing'],
  ['This is the worst disaster this city has seen in a generation', 'This is one of the worst disasters the city has seen'],
  ['The response was too slow and people died because of it', 'Questions will be asked about how quickly help arrived'],
  ['Nobody should have been living in that building', 'The building should have been inspected long ago'],
  ['We will rebuild, and we will do it quickly', 'We will rebuild'],
  ['I heard a noise like thunder and then everything went dark', 'There was a noise like thunder, then darkness'],
];
const SPEECH = ['said', 'told reporters', 'said in a statement', 'told state television'];
// Rewordings an editor makes between versions: [from, to].
const SWAPS = [[' officials said', ' authorities said'], [' said on ', ' said late on '], [' at least ', ' more than '],
  [' people ', ' residents '], [' injured', ' hurt'], [' rescue teams ', ' rescuers '], [' began ', ' started '],
  [' about ', ' around '], [' a spokesman ', ' a spokesperson '], [' on Tuesday', ' on Tuesday morning'],
  [' more than ', ' over '], [' killed', ' dead']];

function withCommas(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

/** A story: facts that stay put, and figures and people that move between versions. */
function newStory(rng, index, sentenceRange) {
  const ev = rng.pick(EVENTS);
  const st = {
    id: `s${String(index).padStart(5, '0')}`,
    markdown: rng.chance(0.2),
    ev, place: rng.pick(PLACES), target: rng.pick(ev.target), day: rng.pick(DAYS),
    toll: rng.int(2, 40), injured: rng.int(5, 300), displaced: rng.int(2, 90) * 100,
    aid: rng.int(2, 60), year: rng.int(1950, 2015), past: rng.int(10, 900),
    official: `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`, role: rng.pick(ROLES),
    witness: `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`, age: rng.int(19, 78),
    quote: rng.pick(QUOTES), soft: false, country: rng.pick(COUNTRIES), agency: rng.pick(AGENCIES),
  };
  const pool = storySentences(rng, st);
  const n = Math.min(pool.length, rng.int(sentenceRange[0], sentenceRange[1]));
  // The lede and the main figures first, then a seeded choice of the rest in their order.
  const rest = pool.slice(2).filter(() => rng.chance(n / pool.length + 0.1)).slice(0, n - 2);
  st.paragraphs = [[pool[0]], [pool[1]], ...chunk(rng, rest)];
  st.headline = headline(st);
  return st;
}

function chunk(rng, sentences) {
  const out = [];
  for (let i = 0; i < sentences.length;) {
    const k = rng.chance(0.35) ? 2 : 1;
    out.push(sentences.slice(i, i + k));
    i += k;
  }
  return out;
}

function headline(st) {
  const what = cap(st.ev.what.replace(/^an? /, ''));
  const kills = st.ev.what.endsWith('s') ? 'kill' : 'kills';
  return st.ev.victims === 'killed'
    ? `${what} in ${st.place} ${kills} at least ${st.toll}`
    : `${what} ${st.ev.verb} ${st.target} in ${st.place}`;
}

function cap(s) { return s[0].toUpperCase() + s.slice(1); }

function lede(st) {
  return st.ev.victims === 'killed'
    ? `${cap(st.ev.what)} ${st.ev.verb} ${st.target} in ${st.place} on ${st.day}, killing at least ${st.toll} people, ${st.agency} said.`
    : `${cap(st.ev.what)} ${st.ev.verb} ${st.target} in ${st.place} on ${st.day}, and ${withCommas(st.displaced * 10)} people were ${st.ev.victims}, ${st.agency} said.`;
}

function storySentences(rng, st) {
  const [strong] = st.quote;
  return [
    lede(st),
    `At least ${st.injured} people were injured, ${st.injured > 100 ? 'dozens' : 'several'} of them seriously, and about ${withCommas(st.displaced)} were forced from their homes.`,
    `Rescue teams worked through the night, and crews from ${st.country} were expected to arrive on ${DAYS[(DAYS.indexOf(st.day) + 1) % 7]}.`,
    `“${strong},” ${st.official}, ${st.role}, ${rng.pick(SPEECH)}.`,
    `The cause was not yet known, but investigators were examining reports of an electrical fault.`,
    `${st.witness}, ${st.age}, said she woke to shouting and ran into the street with her two children.`,
    `“We had only minutes to get out,” she said.`,
    `The government released an emergency fund of $${st.aid} million on ${st.day} evening.`,
    `Hospitals in ${st.place} asked for blood donations as the number of patients grew.`,
    `${st.place} was last hit this hard in ${st.year}, when ${st.past} people died.`,
    `Opposition lawmakers called for an inquiry into building standards and emergency planning.`,
    `Schools in the area will stay closed until at least the end of the week, the education office said.`,
    `Roads into the city were blocked by debris, slowing the delivery of aid.`,
    `Residents criticized the slow response of the authorities.`,
    `The U.N. said it was ready to send experts if asked.`,
    `Power was restored to most neighbourhoods by late ${st.day}, the utility company said.`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Editing a story into its next version.

const UPDATES = [
  (st) => `Update: the death toll rose to ${st.toll} on ${st.day} night as rescuers reached the last of the damaged buildings.`,
  (st) => `Police said they had detained two people in connection with the disaster.`,
  (st) => `“${st.quote[1]},” ${st.official} said later.`,
  (st) => `Officials said ${withCommas(st.displaced)} people were now staying in temporary shelters.`,
  (st) => `The prime minister is expected to visit ${st.place} on ${DAYS[(DAYS.indexOf(st.day) + 2) % 7]}.`,
  (st) => `Insurers estimated the damage at more than $${st.aid * 3} million.`,
];

function edit(rng, st) {
  const ps = st.paragraphs.map((p) => [...p]);
  const nEdits = rng.int(1, 4);
  for (let e = 0; e < nEdits; e++) {
    const r = rng.float();
    const body = ps.length - 2; // paragraphs after the lede and the figures
    if (r < 0.25) {
      // The figures move: the lede and the injured count follow.
      const oldToll = st.toll;
      st.toll += rng.int(1, 15);
      st.injured += rng.int(0, 40);
      st.displaced += rng.int(1, 20) * 100;
      ps[0] = ps[0].map((s) => s.replace(`at least ${oldToll} people`, `at least ${st.toll} people`)
        .replace(/[\d,]+ people were/, `${withCommas(st.displaced * 10)} people were`));
      ps[1] = ps[1].map((s) => s.replace(/^At least \d+/, `At least ${st.injured}`)
        .replace(/about [\d,]+/, `about ${withCommas(st.displaced)}`));
      st.headline = headline(st);
    } else if (r < 0.45) {
      // A new paragraph: on top as the new lede, or lower down.
      const s = rng.pick(UPDATES)(st);
      if (rng.chance(0.4)) ps.unshift([s]);
      else ps.splice(rng.int(2, ps.length), 0, [s]);
    } else if (r < 0.57 && body > 2) {
      // A paragraph cut.
      ps.splice(rng.int(2, ps.length - 1), 1);
    } else if (r < 0.72) {
      // A rewording somewhere.
      const i = rng.int(0, ps.length - 1), j = rng.int(0, ps[i].length - 1);
      const options = SWAPS.filter(([a]) => ps[i][j].includes(a));
      if (options.length) {
        const [a, b] = rng.pick(options);
        ps[i][j] = ps[i][j].replace(a, b);
      }
    } else if (r < 0.82 && body > 2) {
      // A paragraph moved up.
      const from = rng.int(3, ps.length - 1);
      const [p] = ps.splice(from, 1);
      ps.splice(rng.int(1, from - 1), 0, p);
    } else if (r < 0.9) {
      // The quote softened, or given to a new speaker.
      for (const p of ps) {
        for (let j = 0; j < p.length; j++) {
          if (!p[j].includes(st.official)) continue;
          if (!st.soft && p[j].includes(st.quote[0])) {
            p[j] = p[j].replace(st.quote[0], st.quote[1]);
            st.soft = true;
          } else {
            const next = `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`;
            p[j] = p[j].replace(st.official, next);
            st.official = next;
          }
        }
      }
    } else if (r < 0.95) {
      // Two one-sentence paragraphs merged into one sentence, or a two-sentence one split.
      const i = rng.int(2, Math.max(2, ps.length - 2));
      if (ps[i] && ps[i + 1] && ps[i].length === 1 && ps[i + 1].length === 1) {
        const a = ps[i][0].replace(/\.$/, ''), b = ps[i + 1][0];
        ps.splice(i, 2, [`${a}, and ${b[0].toLowerCase()}${b.slice(1)}`]);
      } else if (ps[i] && ps[i].length === 2) {
        ps.splice(i, 1, [ps[i][0]], [ps[i][1]]);
      }
    } else {
      // A typo fixed or made.
      const i = rng.int(1, ps.length - 1), j = rng.int(0, ps[i].length - 1);
      ps[i][j] = ps[i][j].includes('the ') ? ps[i][j].replace('the ', 'teh ') : ps[i][j].replace('teh ', 'the ');
    }
  }
  st.paragraphs = ps.filter((p) => p.length);
}

function render(st) {
  const body = st.paragraphs.map((p) => p.join(' '));
  return st.markdown ? `# ${st.headline}\n\n${body.join('\n\n')}\n` : `${st.headline}\n\n${body.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

function broken(kind, n) {
  const id = `bad-${n}`;
  switch (kind % 4) {
    case 0: return `{"id": "${id}", "docs": [{"text": "truncated`;  // not JSON
    case 1: return JSON.stringify({ id, docs: [{ path: `/nonexistent/storydiff/${id}.txt` }, { text: 'A sentence.' }] });
    // Raw bytes: C3 28 is not UTF-8 (a JS string could not carry it).
    case 2: return Buffer.concat([Buffer.from(`{"id":"${id}","docs":[{"text":"Bad `), Buffer.from([0xc3, 0x28]),
      Buffer.from(` byte."},{"text":"A sentence."}]}`)]);
    default: return JSON.stringify({ id, docs: [{ text: 'One.' }, { text: 'Two.' }], options: { threshold: 7 } });
  }
}

function parseRange(s, name) {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s ?? '');
  if (!m) fail(`${name} takes A-B, not '${s}'`);
  const lo = Number(m[1]), hi = Number(m[2] ?? m[1]);
  if (hi < lo) fail(`${name}: ${hi} < ${lo}`);
  return [lo, hi];
}

function fail(msg) {
  process.stderr.write(`gen_corpus: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { jobs: 1000, seed: 1, out: null, versions: [2, 6], sentences: [6, 14], badEvery: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--jobs': o.jobs = Number(value()); break;
      case '--seed': o.seed = Number(value()); break;
      case '--out': o.out = value(); break;
      case '--versions': o.versions = parseRange(value(), '--versions'); break;
      case '--sentences': o.sentences = parseRange(value(), '--sentences'); break;
      case '--bad-every': o.badEvery = Number(value()); break;
      case '-h': case '--help': process.stdout.write(HELP + '\n'); process.exit(0); break;
      default: fail(`unknown argument '${argv[i]}' (see --help)`);
    }
  }
  if (!Number.isInteger(o.jobs) || o.jobs < 0) fail('--jobs takes a whole number');
  if (!Number.isInteger(o.seed)) fail('--seed takes an integer');
  if (!Number.isInteger(o.badEvery) || o.badEvery < 0) fail('--bad-every takes a whole number');
  if (o.versions[0] < 2) fail('--versions: a story needs at least 2 versions');
  if (o.sentences[0] < 3) fail('--sentences: at least 3');
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const out = o.out ? createWriteStream(o.out) : process.stdout;
  const rng = new Rng(o.seed);
  let buffer = '', written = 0, story = 0, bad = 0;
  const emit = async (line) => {
    if (Buffer.isBuffer(line)) {
      const a = out.write(buffer), b = out.write(line), c = out.write('\n');
      if (!(a && b && c)) await once(out, 'drain');
      buffer = '';
      return;
    }
    buffer += line + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  while (written < o.jobs) {
    const st = newStory(rng, ++story, o.sentences);
    const ext = st.markdown ? 'md' : 'txt';
    let prev = render(st);
    const versions = rng.int(o.versions[0], o.versions[1]);
    for (let v = 2; v <= versions && written < o.jobs; v++) {
      edit(rng, st);
      const next = render(st);
      written++;
      if (o.badEvery && written % o.badEvery === 0) {
        await emit(broken(bad, bad));
        bad++;
      } else {
        await emit(JSON.stringify({
          id: `${st.id}-v${v - 1}-v${v}`, story: st.id,
          docs: [{ name: `${st.id}/v${v - 1}.${ext}`, text: prev }, { name: `${st.id}/v${v}.${ext}`, text: next }],
        }));
      }
      prev = next;
    }
  }
  if (buffer) out.write(buffer);
  if (o.out) { out.end(); await once(out, 'finish'); }
  process.stderr.write(`gen_corpus: ${written} jobs (${bad} broken) from ${story} stories, seed ${o.seed}\n`);
}

main();
