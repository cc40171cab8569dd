#!/usr/bin/env node
// gen-news.mjs — seeded, reproducible generator of news-like document pairs for benchmarks.
//
//   node bench/gen-news.mjs --size 1MB --seed 42 --out bench/data/news-1MB
//   node bench/gen-news.mjs --size 1MB --unrelated --out bench/data/unrelated-1MB
//   node bench/gen-news.mjs --repeat-file speedtest1.txt --times 10 --out bench/data/dmp-10x/old.txt
//
// Writes OLD.txt / new.txt / manifest.json (and gold.json with --gold). Run with --help for all
// options. No npm dependencies: Node 20 built-ins only.
//
// Why synthetic text: the benchmarks need inputs of any size (100 KB .. 10 MB and beyond) whose
// edits are known exactly, which no real corpus offers, and the repository must carry no
// third-party prose. The text is therefore built from a grammar of news sentence shapes over a
// vocabulary of real English function words, a few hundred real news words and a few thousand
// pseudo-words, sampled with Zipf-like frequencies, so that what the engine works on (sentence
// boundaries, abbreviations, figures, quotes, word statistics) looks like news even though the
// words mean nothing.
//
// Determinism: every random choice comes from one seeded PRNG per purpose (vocabulary, old text,
// edits), never from Math.random, dates or object/hash iteration order, so the same arguments give
// the same bytes on every machine. old.txt depends only on --seed, --size and --paragraphs; the
// edit options change new.txt only.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const GENERATOR_VERSION = 1; // bump when the output for given arguments changes

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32. Small, fast in V8 (pure 32-bit integer arithmetic) and
// statistically good enough for text generation; unlike Math.random it is seedable.

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
  /** `stream` separates independent sequences drawn from one user seed. */
  constructor(seed, stream = 0) {
    const sm = splitmix32((seed ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
    this.a = sm(); this.b = sm(); this.c = sm(); this.d = sm();
    for (let i = 0; i < 16; i++) this.u32(); // discard the first outputs (weakly mixed state)
  }
  u32() {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a; this.b = b; this.c = c; this.d = d;
    return t >>> 0;
  }
  float() { return this.u32() / 4294967296; }
  /** Integer in [lo, hi], both inclusive. */
  int(lo, hi) { return lo + Math.floor(this.float() * (hi - lo + 1)); }
  chance(p) { return this.float() < p; }
  pick(arr) { return arr[Math.floor(this.float() * arr.length)]; }
  /** Approximately normal (sum of four uniforms): cheap, bounded, no Math.log/cos. */
  normal(mean, sd) {
    const s = this.float() + this.float() + this.float() + this.float() - 2; // var 1/3
    return mean + s * sd * 1.7320508;
  }
}

// Weighted choice among a fixed list, by a precomputed cumulative table and binary search.
class Weighted {
  constructor(items, weights) {
    this.items = items;
    this.cdf = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) this.cdf[i] = sum += weights[i];
    this.total = sum;
  }
  sample(rng) {
    const u = rng.float() * this.total;
    let lo = 0, hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid] > u) hi = mid; else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Zipf–Mandelbrot frequencies: weight of rank r is 1/(r+q)^s, as word counts in real text. */
function zipf(items, s = 1.05, q = 2.7) {
  return new Weighted(items, items.map((_, r) => 1 / Math.pow(r + 1 + q, s)));
}

/** From "word:3 other:1" to a Weighted; weights default to 1. */
function weightedList(spec) {
  const items = [], weights = [];
  for (const part of spec.trim().split(/\s*\|\s*/)) {
    const m = /^(.*?)(?::(\d+(?:\.\d+)?))?$/.exec(part);
    items.push(m[1]);
    weights.push(m[2] ? Number(m[2]) : 1);
  }
  return new Weighted(items, weights);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Built from a fixed seed, independent of --seed: all generated documents speak the
// same "language", so two unrelated documents still share their common words, as two unrelated
// real news stories do.

const VOCAB_SEED = 0x5eed2024;

// Real English words that must never be produced as pseudo-words (they have fixed grammar roles).
const FUNCTION_WORDS = new Set(('the a an of to in on at by for with from as and or but while ' +
  'after before over under into about against between during since than that this these those ' +
  'its their his her he she they it we i you is are was were be been has have had will would ' +
  'could may might can should not no said says also more most some any all each every another ' +
  'who which what when where if so up out new old top few many much one two three').split(' '));

// A few hundred real news words sit at the top of each frequency list, so the most frequent
// content words of the output are the ones real news uses most.
const REAL_NOUNS = ('government official minister president police year week month country city ' +
  'state company market report plan deal vote election border security court law economy price ' +
  'rate bank budget attack crisis statement agency ministry council committee region ' +
  'investigation decision proposal agreement ceasefire protest industry worker family child ' +
  'resident leader party army force commander spokesman spokeswoman analyst diplomat treaty ' +
  'sanction talk meeting policy tax oil gas energy health hospital school water storm fire ' +
  'flood earthquake victim case charge trial judge prosecutor lawyer evidence document letter ' +
  'interview campaign candidate parliament senate lawmaker bill measure program project ' +
  'investor share stock profit loss revenue quarter inflation demand supply shortage aid ' +
  'weapon missile drone soldier officer troop village capital province district coast island ' +
  'airport road bridge train system network data source witness death injury rescue ' +
  'operation question issue concern risk threat warning request response support pressure').split(' ');

// [base, past, past participle]; regular pseudo-verbs get their forms by rule.
const REAL_VERBS = [
  ['announce', 'announced', 'announced'], ['reject', 'rejected', 'rejected'],
  ['approve', 'approved', 'approved'], ['warn', 'warned', 'warned'], ['deny', 'denied', 'denied'],
  ['confirm', 'confirmed', 'confirmed'], ['launch', 'launched', 'launched'],
  ['sign', 'signed', 'signed'], ['propose', 'proposed', 'proposed'], ['accuse', 'accused', 'accused'],
  ['demand', 'demanded', 'demanded'], ['block', 'blocked', 'blocked'], ['expand', 'expanded', 'expanded'],
  ['reduce', 'reduced', 'reduced'], ['raise', 'raised', 'raised'], ['cut', 'cut', 'cut'],
  ['send', 'sent', 'sent'], ['meet', 'met', 'met'], ['hold', 'held', 'held'], ['tell', 'told', 'told'],
  ['take', 'took', 'taken'], ['give', 'gave', 'given'], ['seek', 'sought', 'sought'],
  ['win', 'won', 'won'], ['lose', 'lost', 'lost'], ['leave', 'left', 'left'], ['build', 'built', 'built'],
  ['plan', 'planned', 'planned'], ['ban', 'banned', 'banned'], ['report', 'reported', 'reported'],
  ['release', 'released', 'released'], ['arrest', 'arrested', 'arrested'], ['kill', 'killed', 'killed'],
  ['urge', 'urged', 'urged'], ['delay', 'delayed', 'delayed'], ['review', 'reviewed', 'reviewed'],
  ['withdraw', 'withdrew', 'withdrawn'], ['deploy', 'deployed', 'deployed'],
  ['criticize', 'criticized', 'criticized'], ['support', 'supported', 'supported'],
  ['suspend', 'suspended', 'suspended'], ['open', 'opened', 'opened'], ['close', 'closed', 'closed'],
];

const REAL_ADJECTIVES = ('former senior national local military political foreign public economic ' +
  'international first last major key previous recent early late large small long high low ' +
  'federal regional official independent private global western eastern northern southern ' +
  'annual strong weak final initial possible serious heavy').split(' ');

const NATIONALITIES = ['Russian', 'American', 'British', 'French', 'Kenyan', 'Japanese', 'Brazilian',
  'Indian', 'Egyptian', 'German', 'Chinese', 'Ukrainian', 'Turkish', 'Mexican'];
const CITIES = ['WASHINGTON', 'MOSCOW', 'LONDON', 'BRUSSELS', 'BEIJING', 'KYIV', 'PARIS', 'NAIROBI',
  'TOKYO', 'BRASÍLIA', 'SÃO PAULO', 'NEW DELHI', 'CAIRO', 'BERLIN', 'ISTANBUL', 'MEXICO CITY'];
const COUNTRIES = ['Russia', 'Ukraine', 'France', 'Kenya', 'Japan', 'Brazil', 'India', 'Egypt',
  'Germany', 'China', 'Turkey', 'Mexico', 'the U.S.', 'the U.K.'];
const GIVEN_NAMES = ['Maria', 'John', 'Luis', 'Anna', 'Ahmed', 'Olga', 'James', 'Li', 'Fatima',
  'Peter', 'Elena', 'David', 'Sofia', 'Omar', 'Yuki', 'Kwame', 'Ingrid', 'Carlos', 'Aisha', 'Viktor',
  'José', 'Renée', 'Zoë', 'Søren', 'Nkechi', 'Andrey', 'Vladimir', 'Joe', 'Chen', 'Priya'];
const TITLES = weightedList('Gen.:3 | Sen.:3 | Rep.:2 | Gov.:2 | Dr.:3 | Mr.:3 | Ms.:3 | Mrs.:1 | ' +
  'Lt. Col.:1 | Prof.:1 | Adm.:1 | President:2 | Prime Minister:1 | Judge:1 | Sgt.:1');
const AGENCIES = ['Reuters', 'The Associated Press', 'AFP', 'ABC News', 'Bloomberg', 'CNN'];
const DATELINE_AGENCIES = ['AP', 'Reuters', 'AFP'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.',
  'Nov.', 'Dec.'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// Pseudo-word phonotactics: onset–vowel–coda syllables give pronounceable, English-looking words.
const ONSETS = 'b c d f g h j k l m n p r s t v w z br cr dr fl gr pl pr st tr sh ch th bl cl sl sp sc gl'.split(' ');
const VOWELS = 'a e i o u a e i o ai ea ou io ie ee'.split(' ');
const CODAS = ' , , , ,n,r,s,l,m,t,nd,st,rt,ng,ck,nt,rn,x'.split(',').map((s) => s.trim());
const ACCENTS = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ' };

// Mass nouns and irregular plurals among the real nouns; pseudo-words follow the rules below.
const PLURALS = { crisis: 'crises', child: 'children', police: 'police', health: 'health',
  evidence: 'evidence', data: 'data', aid: 'aid', oil: 'oil', gas: 'gas', water: 'water',
  security: 'security', inflation: 'inflation', economy: 'economies', energy: 'energy',
  analysis: 'analyses' };

function pluralize(w) {
  if (PLURALS[w]) return PLURALS[w];
  if (/(s|x|z|ch|sh)$/.test(w)) return w + 'es';
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  return w + 's';
}
function pastOf(w) {
  if (w.endsWith('e')) return w + 'd';
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ied';
  return w + 'ed';
}
function thirdOf(w) { return pluralize(w); } // same spelling rule: "reach" -> "reaches"
function cap(w) { return w.charAt(0).toUpperCase() + w.slice(1); }

function buildVocabulary() {
  const rng = new Rng(VOCAB_SEED, 99);
  const taken = new Set([...FUNCTION_WORDS, ...REAL_NOUNS, ...REAL_ADJECTIVES,
    ...REAL_VERBS.flat()]);
  const fresh = (minSyl, maxSyl, suffixes = ['']) => {
    for (;;) {
      let w = '';
      const n = rng.int(minSyl, maxSyl);
      for (let i = 0; i < n; i++) {
        // A syllable may start with its vowel only after a consonant ("bri-at", not "brie-e").
        const afterVowel = i > 0 && /[aeiou]$/.test(w);
        w += (i === 0 || afterVowel || rng.chance(0.8) ? rng.pick(ONSETS) : '') + rng.pick(VOWELS);
        if (i === n - 1 || rng.chance(0.3)) w += rng.pick(CODAS);
      }
      w += rng.pick(suffixes);
      if (w.length >= 3 && w.length <= 14 && !taken.has(w)) { taken.add(w); return w; }
    }
  };
  const many = (n, f) => Array.from({ length: n }, f);

  // Shorter words first: in real language the frequent words are the short ones.
  const byLength = (a, b) => a.length - b.length;
  const nouns = [...REAL_NOUNS, ...many(1500, () => fresh(1, 3)).sort(byLength)];
  const verbs = [...REAL_VERBS, ...many(600, () => fresh(1, 2)).sort(byLength)
    .map((b) => [b, pastOf(b), pastOf(b)])];
  const adjectives = [...REAL_ADJECTIVES,
    ...many(450, () => fresh(1, 2, ['al', 'ic', 'ous', 'ive', 'an', 'ent', 'ary', 'ful'])).sort(byLength)];
  const adverbs = [...'also now still already again recently quickly sharply largely'.split(' '),
    ...adjectives.slice(REAL_ADJECTIVES.length, REAL_ADJECTIVES.length + 120).map((a) =>
      (a.endsWith('ic') ? a + 'ally' : a + 'ly'))];
  const proper = (n) => many(n, () => {
    let w = cap(fresh(2, 3));
    if (rng.chance(0.07)) { // a few accented names exercise UTF-8 offsets
      const i = rng.int(1, w.length - 1);
      if (ACCENTS[w[i]]) w = w.slice(0, i) + ACCENTS[w[i]] + w.slice(i + 1);
    }
    return w;
  });
  const surnames = proper(600);
  const givenNames = [...GIVEN_NAMES, ...proper(150)];
  const places = proper(250);

  // Reverse index used by rewording: which word class (and which form) a token belongs to, so a
  // substitution swaps a noun for a noun and a past-tense verb for a past-tense verb.
  const wordClass = new Map();
  for (const n of nouns) { wordClass.set(n, 'noun'); wordClass.set(pluralize(n), 'nounPl'); }
  for (const a of adjectives) wordClass.set(a, 'adj');
  for (const a of adverbs) wordClass.set(a, 'adv');
  for (const [, past] of verbs) if (!wordClass.has(past)) wordClass.set(past, 'verbPast');

  return {
    nouns: zipf(nouns), nounList: nouns,
    verbs: zipf(verbs),
    pastList: verbs.map((v) => v[1]),
    adjectives: zipf(adjectives), adverbs: zipf(adverbs),
    surnames: zipf(surnames, 0.8), givenNames: zipf(givenNames, 0.9), places: zipf(places, 0.9),
    wordClass,
    size: nouns.length + verbs.length + adjectives.length + adverbs.length + surnames.length +
      givenNames.length + places.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers in news formats: 3.5%, 14 percent, $1.2 billion, €40 million, 100,000, 2.4 million.

function withCommas(n) {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

const SMALL_NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function figure(rng, kind) {
  switch (kind) {
    case 'percent': {
      const v = rng.chance(0.6) ? `${rng.int(0, 40)}.${rng.int(1, 9)}` : String(rng.int(2, 95));
      return rng.chance(0.75) ? [v + '%'] : [v, 'percent'];
    }
    case 'money': {
      const cur = rng.pick(['$', '$', '$', '€', '£']);
      if (rng.chance(0.7)) {
        const v = rng.chance(0.5) ? `${rng.int(1, 99)}.${rng.int(1, 9)}` : String(rng.int(2, 950));
        return [cur + v, rng.chance(0.6) ? 'million' : 'billion'];
      }
      return [cur + withCommas(rng.int(10, 999) * (rng.chance(0.5) ? 1000 : 10))];
    }
    case 'count': {
      const r = rng.float();
      if (r < 0.25) return [rng.pick(SMALL_NUMBERS)]; // AP style spells out one to nine
      if (r < 0.5) return [String(rng.int(10, 99))];
      if (r < 0.75) return [withCommas(rng.int(1, 99) * (rng.chance(0.5) ? 1000 : 10) + (rng.chance(0.3) ? rng.int(1, 999) : 0))];
      if (r < 0.9) return [withCommas(rng.int(1, 9) * 100000)];
      return [`${rng.int(1, 9)}.${rng.int(1, 9)}`, 'million'];
    }
    default: // year
      return [String(rng.int(1991, 2024))];
  }
}

// ---------------------------------------------------------------------------------------------
// The sentence grammar. A story has a cast (people, places, organisations) and topic nouns that
// recur through its paragraphs, as in real articles; sentences are token arrays joined by spaces,
// punctuation glued to the token before it.

const DETERMINERS = weightedList('the:40 | a:16 | its:4 | their:4 | this:3 | that:1 | another:1 | ' +
  'each:1 | every:1 | some:2 | his:1 | her:1');
const QUANTIFIERS = weightedList(':16 | many:2 | several:2 | some:2 | dozens of:1 | hundreds of:1 | ' +
  'thousands of:1 | more:1 | other:2 | all:1 | both:1');
const PREPOSITIONS = weightedList('in:30 | on:14 | for:14 | with:10 | at:7 | by:6 | from:8 | to:8 | ' +
  'after:4 | over:4 | during:2 | against:3 | under:2 | between:1 | about:3 | into:2 | across:1 | ' +
  'without:1 | near:2 | amid:1');
const CONJUNCTIONS = weightedList('and:6 | but:4 | while:2 | as:2 | although:1 | after:1');
const MOVES = weightedList('rose:3 | fell:3 | grew:2 | dropped:2 | climbed:1 | declined:1 | jumped:1 | slipped:1');
const SPEECH = weightedList('said:20 | told reporters:3 | added:3 | said in a statement:2 | wrote:1 | ' +
  'told The Associated Press:1 | said on Twitter:1');

class Writer {
  constructor(vocab, rng) {
    this.v = vocab;
    this.rng = rng;
  }

  // --- story context --------------------------------------------------------------------------

  newStory() {
    const { rng, v } = this;
    const orgs = [];
    for (let i = rng.int(2, 3); i > 0; i--) orgs.push(this.organisation());
    const people = [];
    for (let i = rng.int(3, 5); i > 0; i--) people.push(this.person(orgs));
    const topics = [];
    for (let i = 0; i < 10; i++) topics.push(v.nouns.sample(rng));
    const realPlace = rng.chance(0.5);
    const city = realPlace ? rng.pick(CITIES) : v.places.sample(rng).toUpperCase();
    const country = realPlace ? rng.pick(COUNTRIES) : v.places.sample(rng);
    const curly = rng.chance(0.3); // outlets differ: some use typographic quotes
    return {
      orgs, people, topics, city, country, agency: rng.pick(AGENCIES),
      open: curly ? '\u201c' : '"', close: curly ? '\u201d' : '"',
      paragraphs: rng.int(6, 20),
    };
  }

  organisation() {
    const { rng, v } = this;
    const r = rng.float();
    if (r < 0.25) return ['the', cap(v.adjectives.sample(rng)), rng.pick(['Ministry', 'Council', 'Commission', 'Authority', 'Institute'])];
    if (r < 0.45) return [v.surnames.sample(rng), rng.pick(['Corp.', 'Inc.', 'Co.', 'Holdings', 'Group', 'Bank'])];
    if (r < 0.6) return ['the', 'Ministry', 'of', cap(v.nouns.sample(rng))];
    if (r < 0.75) return ['the', v.places.sample(rng), rng.pick(['Institute', 'Times', 'Council', 'Federation'])];
    if (r < 0.85) return [rng.pick(['the U.N.', 'NATO', 'the E.U.', 'the IMF', 'the WHO'])].join(' ').split(' ');
    // An acronym agency: "the KDRF".
    let acr = '';
    for (let i = rng.int(3, 4); i > 0; i--) acr += String.fromCharCode(65 + rng.int(0, 25));
    return ['the', acr];
  }

  person(orgs) {
    const { rng, v } = this;
    const given = v.givenNames.sample(rng);
    const surname = v.surnames.sample(rng) + (rng.chance(0.03) ? '-' + v.surnames.sample(rng) : '');
    const initial = rng.chance(0.12) ? String.fromCharCode(65 + rng.int(0, 25)) + '.' : null;
    const title = rng.chance(0.45) ? TITLES.sample(rng) : null;
    const org = rng.pick(orgs);
    const r = rng.float();
    const role =
      r < 0.2 ? ['a', rng.chance(0.5) ? 'spokesman' : 'spokeswoman', 'for', ...org]
      : r < 0.4 ? ['head', 'of', ...org]
      : r < 0.55 ? ['a', 'former', rng.pick(NATIONALITIES), rng.pick(['diplomat', 'official', 'minister', 'general'])]
      : r < 0.7 ? ['an', 'analyst', 'at', ...org]
      : r < 0.85 ? ['the', 'chief', 'executive', 'of', ...org]
      : ['a', 'senior', v.nouns.sample(rng), 'official'];
    return {
      full: [...(title ? title.split(' ') : []), given, ...(initial ? [initial] : []), ...surname.split(' ')],
      short: title && rng.chance(0.5) ? [...title.split(' '), surname] : [surname],
      role, pronoun: rng.chance(0.5) ? 'she' : 'he', introduced: false,
    };
  }

  /** A reference to a person: the full name and role on first mention, the surname after. */
  personRef(story, { appositive = true } = {}) {
    const p = this.rng.pick(story.people);
    if (!p.introduced) {
      p.introduced = true;
      return { p, tokens: appositive ? [...p.full.slice(0, -1), p.full.at(-1) + ',', ...p.role.slice(0, -1), p.role.at(-1) + ','] : p.full, withRole: appositive };
    }
    return { p, tokens: p.short, withRole: false };
  }

  // --- phrases --------------------------------------------------------------------------------

  noun(story) {
    return this.rng.chance(0.35) ? this.rng.pick(story.topics) : this.v.nouns.sample(this.rng);
  }

  /** Noun phrase; sets this.plural for subject–verb agreement. */
  np(story, { proper = true, of = true } = {}) {
    const { rng, v } = this;
    const r = rng.float();
    this.plural = false;
    if (proper && r < 0.16) {
      const k = rng.float();
      if (k < 0.45) return this.personRef(story, { appositive: false }).tokens;
      if (k < 0.8) return [...rng.pick(story.orgs)];
      return rng.chance(0.5) ? story.country.split(' ') : [v.places.sample(rng)];
    }
    const out = [];
    if (r < 0.34) {
      this.plural = true;
      const q = QUANTIFIERS.sample(rng);
      if (q) out.push(...q.split(' '));
      else if (rng.chance(0.15)) out.push(...figure(rng, 'count'));
      if (rng.chance(0.3)) out.push(v.adjectives.sample(rng));
      out.push(pluralize(this.noun(story)));
    } else {
      let det = DETERMINERS.sample(rng);
      const adj = rng.chance(0.35) ? v.adjectives.sample(rng) : null;
      const n = this.noun(story);
      if (det === 'a' && /^[aeiou]/.test(adj ?? n)) det = 'an';
      out.push(det);
      if (adj) out.push(adj);
      out.push(n);
    }
    if (of && rng.chance(0.18)) {
      const plural = this.plural;
      out.push('of', ...this.np(story, { of: false }));
      this.plural = plural;
    }
    return out;
  }

  timeExpr() {
    const { rng } = this;
    const r = rng.float();
    if (r < 0.3) return ['on', rng.pick(DAYS)];
    if (r < 0.45) return ['on', rng.pick(MONTHS), String(rng.int(1, 28))];
    if (r < 0.55) return rng.pick([['last', 'week'], ['earlier', 'this', 'month'], ['last', 'year'], ['this', 'week']]);
    if (r < 0.7) return ['in', String(rng.int(1991, 2024))];
    if (r < 0.8) return ['at', `${rng.int(1, 12)}:${rng.pick(['00', '15', '30', '45'])}`, rng.pick(['a.m.', 'p.m.'])];
    if (r < 0.9) return ['since', String(rng.int(1991, 2023))];
    return ['late', 'on', rng.pick(DAYS)];
  }

  pp(story) {
    const { rng } = this;
    const r = rng.float();
    if (r < 0.22) return this.timeExpr();
    if (r < 0.3) return [rng.pick(['by', 'to', 'for', 'of']), ...figure(rng, rng.pick(['percent', 'money', 'count']))];
    if (r < 0.38) return ['in', ...(rng.chance(0.6) ? story.country.split(' ') : [this.v.places.sample(rng)])];
    return [PREPOSITIONS.sample(rng), ...this.np(story, { of: false })];
  }

  vp(story) {
    const { rng, v } = this;
    const plural = this.plural;
    const [base, past, part] = v.verbs.sample(rng);
    const r = rng.float();
    let out;
    if (r < 0.5) out = [past];
    else if (r < 0.62) out = [plural ? 'have' : 'has', part];
    else if (r < 0.72) out = ['will', base];
    else if (r < 0.8) out = [...rng.pick([plural ? 'are expected to' : 'is expected to', 'plans to', 'is set to', 'sought to']).split(' '), base];
    else if (r < 0.88) out = [rng.pick(['could', 'would', 'may', 'might']), base];
    else out = [plural ? 'were' : 'was', part, ...(rng.chance(0.4) ? ['by', ...this.np(story, { of: false })] : [])];
    if (r < 0.88) out.push(...this.np(story)); // the passive has no object
    if (rng.chance(0.12)) out.unshift(v.adverbs.sample(rng));
    return out;
  }

  clause(story) {
    const subject = this.np(story);
    return [...subject, ...this.vp(story)];
  }

  /** Grows a clause towards `target` words with prepositional phrases and one coordinated clause.
   *  Returns the token index of the coordinating conjunction (a clean split point), or -1. */
  extend(story, toks, target, { conj = true } = {}) {
    const { rng } = this;
    let junction = -1;
    while (toks.length < target) {
      if (conj && junction < 0 && toks.length >= 5 && target - toks.length >= 6 && rng.chance(0.45)) {
        toks[toks.length - 1] += ',';
        junction = toks.length;
        toks.push(CONJUNCTIONS.sample(rng), ...this.clause(story));
      } else {
        toks.push(...this.pp(story));
      }
    }
    return junction;
  }

  // --- sentences ------------------------------------------------------------------------------

  /** Target sentence length in words: news sentences are 8–40 words, mostly 15–30. */
  targetLength() {
    return Math.max(8, Math.min(40, Math.round(this.rng.normal(21, 7))));
  }

  /** One or two sentence records (a multi-sentence quote yields two, glued). */
  sentences(story, { dateline = false } = {}) {
    for (;;) { // retry the rare sentence that overshoots 40 words
      const out = this.trySentences(story, dateline);
      if (out.every((s) => s.words >= 8 && s.words <= 40)) return out;
    }
  }

  trySentences(story, dateline) {
    const { rng } = this;
    const T = this.targetLength();
    const r = rng.float();
    const { open, close } = story;
    let toks, kind = 'plain', junction = -1;

    if (dateline || r < 0.4) { // statement
      toks = this.clause(story);
      junction = this.extend(story, toks, T - (dateline ? 3 : 0));
    } else if (r < 0.54) { // reported speech
      const k = rng.float();
      if (k < 0.4) {
        const who = rng.chance(0.6) ? this.personRef(story).tokens : rng.pick([['officials'], ['the', 'ministry'], ['police'], ['analysts']]);
        toks = [...who, 'said', ...(rng.chance(0.4) ? ['that'] : []), ...this.clause(story)];
        junction = this.extend(story, toks, T);
      } else if (k < 0.75) {
        toks = this.clause(story);
        junction = this.extend(story, toks, T - 3);
        toks[toks.length - 1] += ',';
        if (rng.chance(0.6)) { // "..., said Luis Ortega, head of NATO." / "..., Ortega said."
          const who = this.personRef(story);
          if (who.withRole) toks.push('said', ...who.tokens.slice(0, -1), who.tokens.at(-1).slice(0, -1));
          else toks.push(...who.tokens, 'said');
        } else {
          toks.push(...rng.pick([['officials'], ['a', 'spokesman'], ['the', 'agency']]), 'said');
        }
      } else {
        toks = ['According', 'to', ...(rng.chance(0.5) ? rng.pick(story.orgs) : story.agency.split(' '))];
        toks[toks.length - 1] += ',';
        toks.push(...this.clause(story));
        this.extend(story, toks, T, { conj: false });
      }
    } else if (r < 0.76) { // quotation with an attribution tail
      kind = 'quote';
      const k = rng.float();
      if (k < 0.12) return this.multiQuote(story, T);
      toks = this.clause(story);
      this.extend(story, toks, T - 3, { conj: rng.chance(0.5) });
      if (rng.chance(0.05)) toks.splice(rng.int(2, toks.length - 1), 0, '...'); // an elided quote
      if (k < 0.22) { // Ortega said: "... ."
        const who = this.personRef(story, { appositive: false });
        toks = [...who.tokens, 'said:', open + cap(toks[0]), ...toks.slice(1)];
        toks[toks.length - 1] += '.' + close;
        return [this.finish(toks, { kind, end: '' })];
      }
      const question = k < 0.3;
      toks[0] = open + toks[0];
      toks[toks.length - 1] += (question ? '?' : ',') + close;
      if (question) {
        toks.push(...(rng.chance(0.5) ? [rng.pick(story.people).pronoun] : this.personRef(story, { appositive: false }).tokens), 'asked');
      } else if (rng.chance(0.35)) {
        toks.push(rng.pick(story.people).pronoun, ...SPEECH.sample(rng).split(' '));
      } else if (rng.chance(0.3)) {
        const who = this.personRef(story);
        if (who.tokens.at(-1).endsWith(',')) who.tokens[who.tokens.length - 1] = who.tokens.at(-1).slice(0, -1);
        toks.push('said', ...who.tokens);
      } else {
        const who = this.personRef(story);
        toks.push(...who.tokens, ...(rng.chance(0.3) ? ['told', ...story.agency.split(' ')] : SPEECH.sample(rng).split(' ')));
      }
    } else if (r < 0.88) { // figures
      kind = 'plain';
      toks = [...this.np(story, { proper: rng.chance(0.3) }), MOVES.sample(rng), ...figure(rng, 'percent'),
        'to', ...figure(rng, rng.chance(0.6) ? 'money' : 'count')];
      if (rng.chance(0.5)) toks.push(...this.timeExpr());
      if (rng.chance(0.4)) {
        toks[toks.length - 1] += ',';
        toks.push('compared', 'with', ...figure(rng, 'money'), 'a', 'year', 'earlier');
      }
      this.extend(story, toks, T - 4, { conj: false });
    } else if (r < 0.92) { // a whole sentence in parentheses
      kind = 'paren';
      toks = this.clause(story);
      this.extend(story, toks, Math.min(T, 18), { conj: false });
      toks[0] = '(' + cap(toks[0]);
      toks[toks.length - 1] += '.)';
      return [this.finish(toks, { kind, end: '' })];
    } else { // partial quotation closing the sentence: He called it "a bold plan."
      kind = 'quote';
      const who = this.personRef(story, { appositive: false }).tokens;
      const verb = rng.pick(['called', 'described']);
      toks = [...who, verb, ...this.np(story, { of: false }), ...(verb === 'described' ? ['as'] : [])];
      const q = this.np(story, { proper: false, of: false });
      toks.push(open + q[0], ...q.slice(1));
      this.extend(story, toks, T, { conj: false });
      toks[toks.length - 1] += '.' + close;
      return [this.finish(toks, { kind, end: '' })];
    }

    if (dateline) {
      // Datelines open a story: "MOSCOW, Russia:", "KYIV (AP) —", "PARIS, Dec. 3 (Reuters) -".
      const d = rng.float();
      const city = story.city.split(' ');
      city[city.length - 1] += ',';
      const pre = d < 0.4 ? [...city, story.country.replace(/^the /, '') + ':']
        : d < 0.75 ? [...story.city.split(' '), `(${rng.pick(DATELINE_AGENCIES)})`, '\u2014']
        : [...city, rng.pick(MONTHS), String(rng.int(1, 28)), `(${rng.pick(DATELINE_AGENCIES)})`, '-'];
      toks[0] = cap(toks[0]);
      junction += junction >= 0 ? pre.length : 0;
      toks = [...pre, ...toks];
    }
    return [this.finish(toks, { kind, junction, dateline })];
  }

  /** "First sentence. Second sentence," she said. — two sentences for a careful reader. */
  multiQuote(story, T) {
    const { open, close } = story;
    const a = this.clause(story);
    this.extend(story, a, Math.max(8, T >> 1), { conj: false });
    a[0] = open + a[0];
    const b = this.clause(story);
    this.extend(story, b, Math.max(6, T >> 1), { conj: false });
    b[b.length - 1] += ',' + close;
    b.push(this.rng.pick(story.people).pronoun, 'said');
    const first = this.finish(a, { kind: 'quote' });
    const second = this.finish(b, { kind: 'quote' });
    first.glued = true; // must stay next to the following sentence (the quote spans both)
    second.locked = true;
    first.locked = true;
    return [first, second];
  }

  /** Capitalise, end with a full stop, and record what the edit step needs to know. */
  finish(toks, { kind, junction = -1, dateline = false, end = '.' }) {
    // Capitalise the first letter (after an opening quote or parenthesis).
    const t0 = toks[0];
    const i = /^["\u201c(]/.test(t0) ? 1 : 0;
    const capFirst = t0[i] !== t0[i].toUpperCase();
    toks[0] = t0.slice(0, i) + t0[i].toUpperCase() + t0.slice(i + 1);
    const last = toks[toks.length - 1];
    // "...based in the U.S." ends with the abbreviation's own period, as in real copy.
    const endsAbbrev = end === '.' && last.endsWith('.');
    if (end && !endsAbbrev) toks[toks.length - 1] = last + end;
    const text = toks.join(' ');
    let splitAt = -1;
    if (junction >= 4 && toks.length - junction >= 5 && kind === 'plain') {
      // Character offset of the junction's ", " (its comma ends the token before the conjunction).
      splitAt = 0;
      for (let k = 0; k < junction; k++) splitAt += toks[k].length + 1;
      splitAt -= 2;
      if (text[splitAt] !== ',') splitAt = -1;
    }
    return {
      text, words: toks.length, kind, dateline,
      capFirst: capFirst && !dateline,
      endsPeriod: end === '.' && !endsAbbrev && text.endsWith('.'),
      splitAt, splitConj: splitAt >= 0 ? toks[junction].length : 0,
      locked: false, glued: false,
    };
  }

  /** A paragraph: 1–4 sentences (a glued quote pair counts as two). */
  paragraph(story, first) {
    const rng = this.rng;
    const n = first ? rng.int(1, 2) : rng.pick([1, 1, 2, 2, 2, 3, 3, 4]);
    const sents = [];
    while (sents.length < n) {
      const s = this.sentences(story, { dateline: first && sents.length === 0 });
      if (sents.length + s.length > 4) continue;
      sents.push(...s);
    }
    return sents;
  }
}

// ---------------------------------------------------------------------------------------------
// The old document: stories of 6–20 paragraphs until the byte target is reached.

const utf8Length = (s) => Buffer.byteLength(s, 'utf8');

function paragraphBytes(sents, sepBytes) {
  let b = sepBytes + sents.length - 1;
  for (const s of sents) b += s.bytes ??= utf8Length(s.text);
  return b;
}

/** Returns { paragraphs: [{ story, sents }], stories, bytes }. */
function generateDocument(vocab, seed, targetBytes, sep) {
  const rng = new Rng(seed, 1);
  const w = new Writer(vocab, rng);
  const stories = [];
  const paragraphs = [];
  const maxBytes = targetBytes * 1.015; // stay inside the ±2% promise with a margin
  let bytes = 0;
  let story = null, left = 0;
  while (bytes < targetBytes) {
    if (left === 0) {
      story = w.newStory();
      stories.push(story);
      left = story.paragraphs;
    }
    const first = left === story.paragraphs;
    let sents = w.paragraph(story, first);
    let b = paragraphBytes(sents, sep.length);
    if (bytes + b > maxBytes) {
      // The last paragraph would overshoot: drop sentences from its end (never half a glued
      // quote), then try short fresh sentences, then give up if already within 2%.
      while (sents.length > 1 && bytes + b > maxBytes) {
        sents = sents.slice(0, -1);
        if (sents.at(-1).glued) sents = sents.slice(0, -1);
        if (sents.length === 0) break;
        b = paragraphBytes(sents, sep.length);
      }
      for (let tries = 0; tries < 200 && (sents.length === 0 || bytes + b > maxBytes); tries++) {
        sents = w.sentences(story).filter((s) => !s.locked);
        b = sents.length ? paragraphBytes(sents, sep.length) : Infinity;
      }
      if (sents.length === 0 || bytes + b > maxBytes) break;
    }
    paragraphs.push({ story: stories.length - 1, sents });
    bytes += b;
    left--;
  }
  return { paragraphs, stories, bytes };
}

function render(paragraphs, sep) {
  const parts = new Array(paragraphs.length);
  for (let i = 0; i < paragraphs.length; i++) {
    parts[i] = paragraphs[i].sents.map((s) => s.text).join(' ');
  }
  return parts.join(sep) + sep;
}

// ---------------------------------------------------------------------------------------------
// Edits. Each old sentence takes part in at most one edit, so the counts in manifest.json are
// exact ground truth. All positions are chosen in old-document coordinates and the new document
// is assembled in one pass, so applying thousands of edits to 10 MB stays linear.

const EDIT_SHARES = { reword: 0.4, move: 0.2, remove: 0.2, add: 0.2, split: 0.04, merge: 0.04 };

const SPEECH_SWAPS = { said: ['added', 'noted', 'stated'], added: ['said'], told: ['informed'] };
const NUMBER_RE = /\d+(?:[.,]\d+)*/;

/** Changes one number in `tok`, keeping its format (decimals, thousands commas). */
function changeNumber(rng, tok) {
  const m = NUMBER_RE.exec(tok);
  if (!m) return null;
  const raw = m[0];
  if (/:/.test(tok)) return null; // leave clock times alone
  let next;
  if (/^\d{4}$/.test(raw) && Number(raw) > 1900 && Number(raw) < 2100) {
    next = String(Number(raw) + rng.pick([-2, -1, 1, 2]));
  } else if (/^\d+\.\d+$/.test(raw)) {
    const d = raw.split('.')[1].length;
    const v = Number(raw) * (1 + rng.pick([-1, 1]) * (0.1 + 0.5 * rng.float()));
    next = Math.max(0.1, v).toFixed(d);
  } else {
    const n = Number(raw.replace(/,/g, ''));
    let v = Math.round(n * (1 + rng.pick([-1, 1]) * (0.1 + 0.9 * rng.float())));
    if (n >= 1000 && n % 1000 === 0) v = Math.round(v / 1000) * 1000; // round figures stay round
    if (v === n || v <= 0) v = n + rng.int(1, 9);
    next = raw.includes(',') || v >= 10000 ? withCommas(v) : String(v);
  }
  if (next === raw) return null;
  return tok.slice(0, m.index) + next + tok.slice(m.index + raw.length);
}

/** Rewords a sentence: a few words substituted, inserted or deleted, often a number changed.
 *  Returns { text, numberChanged }. */
function reword(rng, vocab, text) {
  const toks = text.split(' ');
  const ops = 1 + (toks.length > 20 ? 1 : 0) + (rng.chance(0.3) ? 1 : 0);
  let numberChanged = false;
  // Half of the rewordings that can change a figure do: "the death toll went from 23 to 50".
  const numIdx = toks.map((t, i) => (/\d/.test(t) && !t.includes(':') ? i : -1)).filter((i) => i >= 0);
  if (numIdx.length && rng.chance(0.5)) {
    const i = rng.pick(numIdx);
    const changed = changeNumber(rng, toks[i]);
    if (changed) { toks[i] = changed; numberChanged = true; }
  }
  const coreOf = (t) => /^([^A-Za-z\u00c0-\u024f]*)([A-Za-z\u00c0-\u024f]+(?:'[a-z]+)?)(.*)$/.exec(t);
  for (let op = numberChanged ? 1 : 0; op < ops; op++) {
    const r = rng.float();
    for (let attempt = 0; attempt < 8; attempt++) {
      const i = rng.int(0, toks.length - 1);
      const m = coreOf(toks[i]);
      if (!m) continue;
      const [, pre, core, post] = m;
      const lower = core.toLowerCase();
      const cls = vocab.wordClass.get(lower);
      if (r < 0.55) { // substitute a word of the same class (or a synonym for "said")
        let repl = null;
        if (SPEECH_SWAPS[lower]) repl = rng.pick(SPEECH_SWAPS[lower]);
        else if (cls === 'noun') repl = vocab.nouns.sample(rng);
        else if (cls === 'nounPl') repl = pluralize(vocab.nouns.sample(rng));
        else if (cls === 'adj') repl = vocab.adjectives.sample(rng);
        else if (cls === 'adv') repl = vocab.adverbs.sample(rng);
        else if (cls === 'verbPast') repl = vocab.verbs.sample(rng)[1];
        if (!repl || repl === lower) continue;
        if (core[0] !== lower[0]) repl = cap(repl);
        toks[i] = pre + repl + post;
        break;
      } else if (r < 0.8) { // insert an adjective before a noun, or an adverb before a verb
        if (cls === 'noun' || cls === 'nounPl') {
          if (pre || i === 0) continue;
          toks.splice(i, 0, vocab.adjectives.sample(rng));
        } else if (cls === 'verbPast') {
          if (pre || i === 0) continue;
          toks.splice(i, 0, vocab.adverbs.sample(rng));
        } else continue;
        break;
      } else { // delete an adjective or adverb (moving any punctuation to the previous word)
        if ((cls !== 'adj' && cls !== 'adv') || pre || i === 0 || toks.length <= 8) continue;
        toks[i - 1] += post;
        toks.splice(i, 1);
        break;
      }
    }
  }
  // Keep articles agreeing with the (possibly new) next word.
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i] === 'a' && /^[aeiou]/.test(toks[i + 1])) toks[i] = 'an';
    else if (toks[i] === 'an' && /^[b-df-hj-np-tv-z]/.test(toks[i + 1])) toks[i] = 'a';
  }
  return { text: toks.join(' '), numberChanged };
}

/** Picks up to `count` distinct indices in [0, n) satisfying `ok`, by rejection sampling (the
 *  edit rates are small, so this is O(count), not O(n)). */
function pickIndices(rng, n, count, ok) {
  const out = [];
  const seen = new Set();
  for (let tries = 0; out.length < count && tries < count * 50 + 100; tries++) {
    const i = rng.int(0, n - 1);
    if (seen.has(i) || !ok(i)) continue;
    seen.add(i);
    out.push(i);
  }
  return out.sort((a, b) => a - b);
}

/** Longest strictly increasing subsequence of `keys`; returns a boolean mask of its members. */
function lisMask(keys) {
  const tails = [], tailIdx = [], prev = new Int32Array(keys.length).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    let lo = 0, hi = tails.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tails[mid] < keys[i]) lo = mid + 1; else hi = mid; }
    tails[lo] = keys[i]; tailIdx[lo] = i;
    if (lo > 0) prev[i] = tailIdx[lo - 1];
  }
  const mask = new Uint8Array(keys.length);
  for (let i = tailIdx[tails.length - 1] ?? -1; i >= 0; i = prev[i]) mask[i] = 1;
  return mask;
}

function applyEdits(vocab, doc, seed, rates) {
  const rng = new Rng(seed, 2);
  const writer = new Writer(vocab, rng);
  const paras = doc.paragraphs;

  // Flatten: global sentence ids in document order.
  const sents = [];
  const paraOf = [];
  for (let p = 0; p < paras.length; p++) {
    for (const s of paras[p].sents) { s.id = sents.length; sents.push(s); paraOf.push(p); }
  }
  const N = sents.length;
  const want = (rate) => Math.round(N * rate);
  const edit = new Array(N).fill(null); // per old sentence: 'remove' | 'reword' | 'split' | ...
  const free = (i) => edit[i] === null && !sents[i].locked;
  const counts = { reworded: 0, numbers_changed: 0, moved_sentences: 0, sentence_moves: 0,
    paragraph_moves: 0, removed: 0, added: 0, split: 0, merged: 0 };

  // Merges: two adjacent sentences of one paragraph → "A, and b."
  for (const i of pickIndices(rng, N - 1, want(rates.merge), (i) =>
    free(i) && free(i + 1) && paraOf[i] === paraOf[i + 1] && sents[i].kind === 'plain' &&
    sents[i].endsPeriod && sents[i + 1].kind === 'plain' && sents[i + 1].capFirst)) {
    if (!free(i) || !free(i + 1)) continue; // neighbouring picks may overlap
    edit[i] = 'merge'; edit[i + 1] = 'merged-into';
    counts.merged++;
  }
  // Splits at the ", and" junction recorded during generation.
  for (const i of pickIndices(rng, N, want(rates.split), (i) => free(i) && sents[i].splitAt > 0)) {
    edit[i] = 'split'; counts.split++;
  }
  for (const i of pickIndices(rng, N, want(rates.remove), (i) => free(i) && !sents[i].dateline)) {
    edit[i] = 'remove'; counts.removed++;
  }
  const newText = new Map();
  for (const i of pickIndices(rng, N, want(rates.reword), (i) => edit[i] === null)) {
    let r;
    for (let t = 0; t < 5; t++) { r = reword(rng, vocab, sents[i].text); if (r.text !== sents[i].text) break; }
    if (r.text === sents[i].text) continue;
    edit[i] = 'reword'; newText.set(i, r.text);
    counts.reworded++; if (r.numberChanged) counts.numbers_changed++;
  }

  // Moves: about 30% of the moved sentences travel as whole paragraphs. A destination is at least
  // a few paragraphs away, so that the move is a real reordering (the minimal set of moved
  // sentences is the moved ones, not the ones jumped over); 70% stay within the story's
  // neighbourhood, 30% go anywhere.
  const P = paras.length;
  const paraMoveTo = new Map(); // old paragraph → destination old paragraph (emitted after it)
  const sentMoveTo = new Map(); // old sentence → destination old paragraph
  const destination = (p, minDist) => {
    for (let t = 0; t < 50; t++) {
      const d = rng.chance(0.7) ? p + rng.pick([-1, 1]) * rng.int(minDist, minDist + 20) : rng.int(0, P - 1);
      if (d >= 0 && d < P && Math.abs(d - p) >= minDist && !paraMoveTo.has(d)) return d;
    }
    return -1;
  };
  const moveTarget = want(rates.move);
  const paraTarget = Math.round(moveTarget * 0.3);
  for (let tries = 0; counts.moved_sentences < paraTarget && tries < paraTarget * 20 + 20; tries++) {
    const p = rng.int(0, P - 1);
    const ids = paras[p].sents.map((s) => s.id);
    if (paraMoveTo.has(p) || ids.some((i) => edit[i] !== null || sents[i].dateline)) continue;
    const d = destination(p, Math.max(3, 2 * ids.length));
    if (d < 0) continue;
    paraMoveTo.set(p, d);
    for (const i of ids) edit[i] = 'para-move';
    counts.paragraph_moves++; counts.moved_sentences += ids.length;
  }
  for (const i of pickIndices(rng, N, moveTarget - counts.moved_sentences, (i) =>
    free(i) && !sents[i].glued && !sents[i].dateline && !paraMoveTo.has(paraOf[i]))) {
    const d = destination(paraOf[i], 2);
    if (d < 0) continue;
    edit[i] = 'move'; sentMoveTo.set(i, d);
    counts.sentence_moves++; counts.moved_sentences++;
  }

  // Additions: new sentences from the same story, inside a paragraph (70%) or as a new
  // paragraph of 1–3 sentences after it.
  const addInside = new Map(), addAfter = new Map();
  const pushTo = (m, k, v) => { const a = m.get(k); if (a) a.push(v); else m.set(k, [v]); };
  while (counts.added < want(rates.add)) {
    const p = rng.int(0, P - 1);
    const story = doc.stories[paras[p].story];
    if (rng.chance(0.7)) {
      if (paraMoveTo.has(p)) continue; // keep moved paragraphs verbatim
      const s = writer.sentences(story).filter((x) => !x.locked);
      if (!s.length) continue;
      pushTo(addInside, p, s[0]); counts.added++;
    } else {
      const n = Math.min(rng.int(1, 3), want(rates.add) - counts.added);
      const group = [];
      while (group.length < n) group.push(...writer.sentences(story).filter((x) => !x.locked));
      group.length = n;
      pushTo(addAfter, p, group); counts.added += n;
    }
  }

  // Assemble. Items carry their origin (old ids) for the gold alignment.
  const out = []; // new paragraphs: arrays of { text, a: [old ids], label }
  const movedInto = new Map(); // destination paragraph → items moved there
  const movedParas = new Map(); // destination paragraph → paragraphs moved after it
  const itemsOf = (p) => {
    const items = [];
    const ss = paras[p].sents;
    for (let k = 0; k < ss.length; k++) {
      const s = ss[k], i = s.id;
      switch (edit[i]) {
        case 'remove': break;
        case 'reword': items.push({ text: newText.get(i), a: [i], label: 'modified' }); break;
        case 'split': {
          const left = s.text.slice(0, s.splitAt);
          const right = s.text.slice(s.splitAt + 2 + s.splitConj + 1);
          items.push({ text: left.endsWith('.') ? left : left + '.', a: [i], label: 'modified', part: 0 });
          items.push({ text: cap(right), a: [i], label: 'modified', part: 1 });
          break;
        }
        case 'merge': {
          const b = ss[k + 1];
          const tail = b.text[0].toLowerCase() + b.text.slice(1);
          items.push({ text: s.text.slice(0, -1) + ', and ' + tail, a: [i, b.id], label: 'modified' });
          k++;
          break;
        }
        case 'move': pushTo(movedInto, sentMoveTo.get(i), { text: s.text, a: [i], label: 'equal' }); break;
        default: items.push({ text: s.text, a: [i], label: 'equal' });
      }
    }
    return items;
  };
  // Moved material must be known before its destination is emitted, so collect it first.
  const own = new Array(P);
  for (let p = 0; p < P; p++) own[p] = itemsOf(p);
  for (const [p, d] of paraMoveTo) pushTo(movedParas, d, own[p]);
  const insertAt = (items, item) => {
    // Not before a dateline sentence, which opens its story.
    const lo = items.length && items[0].a.length === 1 && sents[items[0].a[0]].dateline ? 1 : 0;
    items.splice(rng.int(lo, items.length), 0, item);
  };
  for (let p = 0; p < P; p++) {
    if (!paraMoveTo.has(p)) {
      const items = own[p];
      for (const it of movedInto.get(p) ?? []) insertAt(items, it);
      for (const s of addInside.get(p) ?? []) insertAt(items, { text: s.text, a: [], label: 'added' });
      if (items.length) out.push(items);
    }
    for (const g of addAfter.get(p) ?? []) out.push(g.map((s) => ({ text: s.text, a: [], label: 'added' })));
    for (const items of movedParas.get(p) ?? []) if (items.length) out.push(items);
  }
  return { out, counts, sents, N };
}

/** Gold alignment in the format of /work/shared/tools/score-alignment.py, plus the number of
 *  pairs a minimal "moved" set contains (the longest run kept in order is not moved). */
function goldOf(out, sents) {
  const pairs = [], added = [];
  const byOld = new Map();
  for (const items of out) {
    for (const it of items) {
      if (it.label === 'added') { added.push(it.text); continue; }
      const key = it.a.join(',');
      const known = byOld.get(key);
      if (known) { known.b.push(it.text); continue; } // second half of a split
      const pair = { a: it.a.map((i) => sents[i].text), b: [it.text], label: it.label, moved: false, first: it.a[0] };
      byOld.set(key, pair);
      pairs.push(pair);
    }
  }
  const mask = lisMask(pairs.map((p) => p.first));
  let moved = 0;
  pairs.forEach((p, k) => { p.moved = !mask[k]; if (p.moved) moved++; delete p.first; });
  const kept = new Set();
  for (const items of out) for (const it of items) for (const i of it.a) kept.add(i);
  const removed = sents.filter((s) => !kept.has(s.id)).map((s) => s.text);
  return { gold: { kind: 'update', pairs, removed, added }, moved };
}

// ---------------------------------------------------------------------------------------------
// Command line.

const HELP = `Usage:
  node bench/gen-news.mjs --out DIR [--size 1MB] [--seed 42] [options]
  node bench/gen-news.mjs --repeat-file PATH --times N --out FILE|DIR

Writes DIR/old.txt, DIR/new.txt and DIR/manifest.json (parameters, exact edit counts, hashes).

Options:
  --size S          bytes of old.txt: 500KB, 1MB, 10MB, 2MiB, 123456 (KB/MB are 1000-based,
                    KiB/MiB 1024-based); the result is within ±2% (default 1MB)
  --seed N          PRNG seed, 0..4294967295 (default 42)
  --rate R          fraction of old sentences edited (default 0.05), shared out as reword 40%,
                    move 20%, remove 20%, add 20%, plus split 4% and merge 4% of R
  --reword F --move F --remove F --add F --split F --merge F
                    override one kind's fraction of old sentences (e.g. --move 0.1)
  --unrelated       new.txt is an unrelated text of the same size, from seed+1
  --paragraphs line|blank
                    paragraph separator: one per line (default) or blank-line separated
  --gold            also write gold.json (score-alignment.py format; large for big sizes)
  --repeat-file P   write P's bytes --times N times (concatenated) to --out
  -h, --help        this text`;

function fail(msg) {
  process.stderr.write(`gen-news: ${msg}\n`);
  process.exit(2);
}

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KIB|MIB|GIB)?$/i.exec(String(s));
  if (!m) fail(`bad --size '${s}' (examples: 100KB, 1MB, 10MB, 2MiB, 50000)`);
  const unit = (m[2] ?? 'B').toUpperCase();
  const mult = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 }[unit];
  const n = Math.round(Number(m[1]) * mult);
  if (n < 2000) fail('--size must be at least 2KB (the ±2% promise needs a few paragraphs)');
  return n;
}

function parseArgs(argv) {
  const o = { size: '1MB', seed: 42, rate: 0.05, paragraphs: 'line', unrelated: false, gold: false,
    times: null, repeatFile: null, out: null, kinds: {} };
  const num = (name, v, lo, hi) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < lo || n > hi) fail(`--${name} needs a number in [${lo}, ${hi}]`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) fail(`${a} needs a value`); return argv[++i]; };
    switch (a) {
      case '-h': case '--help': process.stdout.write(HELP + '\n'); process.exit(0); break;
      case '--size': o.size = val(); break;
      case '--seed': o.seed = num('seed', val(), 0, 4294967295); if (!Number.isInteger(o.seed)) fail('--seed must be an integer'); break;
      case '--rate': o.rate = num('rate', val(), 0, 0.9); break;
      case '--reword': case '--move': case '--remove': case '--add': case '--split': case '--merge':
        o.kinds[a.slice(2)] = num(a.slice(2), val(), 0, 0.5); break;
      case '--unrelated': o.unrelated = true; break;
      case '--gold': o.gold = true; break;
      case '--paragraphs': o.paragraphs = val(); if (!['line', 'blank'].includes(o.paragraphs)) fail('--paragraphs is line or blank'); break;
      case '--repeat-file': o.repeatFile = val(); break;
      case '--times': o.times = num('times', val(), 1, 100000); break;
      case '--out': o.out = val(); break;
      default: fail(`unknown argument '${a}' (see --help)`);
    }
  }
  if (!o.out) fail('--out is required (see --help)');
  return o;
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

function repeatFile(o) {
  let data;
  try { data = readFileSync(o.repeatFile); } catch (e) { fail(`cannot read ${o.repeatFile}: ${e.message}`); }
  const times = o.times ?? 10;
  let dest = o.out;
  let isDir = false;
  try { isDir = statSync(dest).isDirectory(); } catch { isDir = dest.endsWith('/'); }
  if (isDir) { mkdirSync(dest, { recursive: true }); dest = join(dest, basename(o.repeatFile)); }
  // Plain byte concatenation, as diff-match-patch's own "10x" speed test does.
  writeFileSync(dest, Buffer.concat(Array(times).fill(data)));
  process.stdout.write(`gen-news: wrote ${dest} (${data.length * times} bytes, ${times}x ${o.repeatFile})\n`);
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.repeatFile) return repeatFile(o);
  const t0 = performance.now();
  const target = parseSize(o.size);
  const sep = o.paragraphs === 'blank' ? '\n\n' : '\n';
  const rates = {};
  // toPrecision: 0.05 * 0.4 is 0.020000000000000004 in binary floating point; keep the manifest tidy.
  for (const k of Object.keys(EDIT_SHARES)) rates[k] = o.kinds[k] ?? Number((o.rate * EDIT_SHARES[k]).toPrecision(12));

  const vocab = buildVocabulary();
  const doc = generateDocument(vocab, o.seed, target, sep);
  const oldText = render(doc.paragraphs, sep);

  let newText, counts, gold = null, goldMoved = null;
  const oldSentences = doc.paragraphs.reduce((n, p) => n + p.sents.length, 0);
  let newSentences, newParagraphs;
  if (o.unrelated) {
    const other = generateDocument(vocab, (o.seed + 1) >>> 0, target, sep);
    newText = render(other.paragraphs, sep);
    newSentences = other.paragraphs.reduce((n, p) => n + p.sents.length, 0);
    newParagraphs = other.paragraphs.length;
    counts = null;
  } else {
    const r = applyEdits(vocab, doc, o.seed, rates);
    counts = r.counts;
    newText = r.out.map((items) => items.map((it) => it.text).join(' ')).join(sep) + sep;
    newSentences = r.out.reduce((n, items) => n + items.length, 0);
    newParagraphs = r.out.length;
    const g = goldOf(r.out, r.sents);
    goldMoved = g.moved;
    if (o.gold) gold = g.gold;
  }

  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'old.txt'), oldText);
  writeFileSync(join(o.out, 'new.txt'), newText);
  const manifest = {
    generator: 'bench/gen-news.mjs',
    generator_version: GENERATOR_VERSION,
    mode: o.unrelated ? 'unrelated' : 'edited',
    seed: o.seed,
    ...(o.unrelated ? { new_seed: (o.seed + 1) >>> 0 } : {}),
    size_requested: o.size,
    size_target_bytes: target,
    paragraph_separator: o.paragraphs,
    rate: o.unrelated ? null : o.rate,
    rates: o.unrelated ? null : rates,
    vocabulary_words: vocab.size,
    old: { bytes: utf8Length(oldText), paragraphs: doc.paragraphs.length, sentences: oldSentences, sha256: sha256(oldText) },
    new: { bytes: utf8Length(newText), paragraphs: newParagraphs, sentences: newSentences, sha256: sha256(newText) },
    // Exact counts of the edits applied. moved_sentences counts sentences that travelled (alone
    // or with their paragraph); gold_moved_pairs is the size of the smallest set of aligned pairs
    // whose removal leaves the rest in order — what a perfect aligner reports as moved.
    edits: counts && { ...counts, gold_moved_pairs: goldMoved },
    notes: 'Sentence counts are the generator\'s units (a multi-sentence quote is several ' +
      'sentences; abbreviations never end one unless they end the sentence).',
  };
  writeFileSync(join(o.out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  if (gold) writeFileSync(join(o.out, 'gold.json'), JSON.stringify(gold, null, 1) + '\n');
  const ms = performance.now() - t0;
  process.stdout.write(`gen-news: ${o.out}: old ${manifest.old.bytes} B / ${oldSentences} sentences, ` +
    `new ${manifest.new.bytes} B / ${newSentences} sentences (${(ms / 1000).toFixed(2)} s)\n`);
}

main();
