// tokenize.mjs — the engine's word tokenizer (src/tokenize.cpp, src/utf8.cpp) ported to JavaScript,
// so that every peer in the benchmark can be handed exactly the tokens storydiff's word mode
// diffs, and every tool's output can be counted on the same tokens.
//
// Every character of the text lands in exactly one token; a token is a run of white space, one
// punctuation or symbol code point (with its combining marks), one CJK character, or a word or
// number (word characters, with apostrophes and hyphens between word characters, '.' or ','
// between digits, and '.' after a single letter before another: "U.S", "3.5", "don't").
// Offsets are JavaScript string indices (UTF-16 code units), not the engine's UTF-8 bytes.

export function isSpace(cp) {
  switch (cp) {
    case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x0b: case 0x0c:
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f:
    case 0x3000: case 0xfeff:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200a;
  }
}

export function isCjk(cp) {
  return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

export function isPunct(cp) {
  if (cp < 0x80) {
    return (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) ||
      (cp >= 0x7b && cp <= 0x7e);
  }
  return (cp >= 0xa1 && cp <= 0xbf && cp !== 0xaa && cp !== 0xb5 && cp !== 0xba) || cp === 0xd7 || cp === 0xf7 ||
    (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) || (cp >= 0x20a0 && cp <= 0x20cf) ||
    (cp >= 0x2100 && cp <= 0x214f && cp !== 0x2102 && cp !== 0x210e) || (cp >= 0x2190 && cp <= 0x2bff) ||
    (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3020) || cp === 0x30fb ||
    (cp >= 0xfe10 && cp <= 0xfe6f) || (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65) || (cp >= 0x1f000 && cp <= 0x1faff);
}

export function isMark(cp) {
  return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x0591 && cp <= 0x05bd) ||
    (cp >= 0x0610 && cp <= 0x061a) || (cp >= 0x064b && cp <= 0x065f) || (cp >= 0x0900 && cp <= 0x0903) ||
    (cp >= 0x093a && cp <= 0x094f) || (cp >= 0x0e31 && cp <= 0x0e3a && cp !== 0x0e32 && cp !== 0x0e33) ||
    (cp >= 0x0e47 && cp <= 0x0e4e) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

const isDigit = (cp) => cp >= 0x30 && cp <= 0x39;
const isWordChar = (cp) => !isSpace(cp) && !isPunct(cp) && !isCjk(cp);
const isApostrophe = (cp) => cp === 0x27 || cp === 0x2019;
const isHyphen = (cp) => cp === 0x2d || cp === 0x2010 || cp === 0x2011;
const isRegionalIndicator = (cp) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** Token kinds, as the engine's TokenKind. */
export const WORD = 0, NUMBER = 1, PUNCT = 2, SPACE = 3;

/**
 * The tokens of `text` as parallel arrays: starts[k]..starts[k+1] (or text.length) is token k,
 * kinds[k] its kind. Every character belongs to exactly one token.
 */
export function tokenize(text) {
  const n = text.length;
  const starts = [];
  const kinds = [];
  const cpAt = (i) => text.codePointAt(i);
  const len = (cp) => (cp > 0xffff ? 2 : 1);
  const skipMarks = (j) => {
    while (j < n) {
      const cp = cpAt(j);
      if (!isMark(cp)) break;
      j += len(cp);
      if (cp === 0x200d && j < n) {
        const next = cpAt(j);
        if (isPunct(next)) j += len(next);
      }
    }
    return j;
  };
  let i = 0;
  while (i < n) {
    const cp = cpAt(i);
    const start = i;
    if (isSpace(cp)) {
      i += len(cp);
      while (i < n) {
        const c = cpAt(i);
        if (!isSpace(c)) break;
        i += len(c);
      }
      starts.push(start); kinds.push(SPACE);
    } else if (isCjk(cp)) {
      i = skipMarks(i + len(cp));
      starts.push(start); kinds.push(WORD);
    } else if (isPunct(cp) || isMark(cp)) {
      i += len(cp);
      if (isRegionalIndicator(cp) && i < n && isRegionalIndicator(cpAt(i))) i += 2;
      i = skipMarks(i);
      starts.push(start); kinds.push(PUNCT);
    } else {
      let allDigits = true;
      let prev = 0;
      let segment = 0;
      while (i < n) {
        const c = cpAt(i);
        const l = len(c);
        if (isMark(c)) { i += l; continue; }
        if (isWordChar(c)) {
          if (!isDigit(c)) allDigits = false;
          prev = c;
          ++segment;
          i += l;
          continue;
        }
        const connector = isApostrophe(c) || isHyphen(c) || c === 0x2e || c === 0x2c;
        if (!connector || i + l >= n) break;
        const next = cpAt(i + l);
        if (!isWordChar(next) || isMark(next)) break;
        if (c === 0x2e || c === 0x2c) {
          const decimal = isDigit(prev) && isDigit(next);
          const acronym = c === 0x2e && segment === 1 && !isDigit(prev) && !isDigit(next);
          if (!decimal && !acronym) break;
        }
        if (!isDigit(c)) allDigits = allDigits && (c === 0x2e || c === 0x2c);
        prev = c;
        segment = 0;
        i += l;
      }
      starts.push(start); kinds.push(allDigits ? NUMBER : WORD);
    }
  }
  return { starts, kinds, length: n };
}

/** The token texts of `text` (an array of strings). */
export function tokenStrings(text) {
  const { starts } = tokenize(text);
  const out = new Array(starts.length);
  for (let k = 0; k < starts.length; k++) out[k] = text.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : text.length);
  return out;
}
