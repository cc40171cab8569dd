// storydiff — TypeScript declarations of the npm package (dist/storydiff.mjs).
// Field names are the JSON's, which are the C++ structs' (snake_case), everywhere.

/** The package (and engine) version, "MAJOR.MINOR.PATCH". */
export const version: string;

/** Documented limits of the WebAssembly build. */
export const limits: Readonly<{
  /** Default per-document input limit, 64 MiB (as the CLI's --max-size): larger inputs fail with input_too_large. */
  default_max_bytes: number;
  /** Highest accepted `max_bytes`, 1 GiB. */
  max_bytes: number;
  /** The WebAssembly heap grows on demand up to this, 2 GiB; past it a call fails with out_of_memory. */
  max_memory: number;
}>;

/** Stable error codes. The engine's: invalid_utf8 … internal; the package's own: not_initialized, out_of_memory. */
export type StorydiffErrorCode =
  | 'invalid_utf8' // the bytes are not valid UTF-8 (the message names the byte offset)
  | 'binary_input' // the bytes contain NUL or look like a binary file
  | 'input_too_large' // an input exceeds max_bytes
  | 'bad_option' // an option, read option or argument is unknown, of the wrong type or out of range
  | 'unsupported_format' // a format or encoding the reader does not handle
  | 'io_error' // a file could not be read (the CLI)
  | 'internal' // a bug, or the module could not be loaded
  | 'not_initialized' // called before init() resolved (or while restarting after a failure)
  | 'out_of_memory'; // the WebAssembly heap reached its limit

/** Every failure of this package. */
export class StorydiffError extends Error {
  constructor(code: StorydiffErrorCode, message: string, options?: { cause?: unknown });
  readonly name: 'StorydiffError';
  /** A stable code to branch on; `message` is for people. */
  readonly code: StorydiffErrorCode;
}

/** Options for loading the module, passed to the Emscripten module factory. */
export interface InitOptions {
  /** Where to find a file the module needs ("storydiff.wasm"), given its name and the glue's folder. */
  locateFile?: (path: string, prefix: string) => string;
  /** The bytes of storydiff.wasm, when the host provides them (no fetch, no file read). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Full control over instantiation (see Emscripten's Module.instantiateWasm): receives the
   *  imports object and a callback taking the WebAssembly.Instance. Typed loosely so that these
   *  declarations need neither the DOM nor Node's types. */
  instantiateWasm?: (imports: any, receiveInstance: (instance: any, module?: any) => void) => any;
  /** Receives the module's diagnostic output (by default it is kept out of the console). */
  printErr?: (text: string) => void;
  [setting: string]: unknown;
}

/**
 * Loads the engine. Resolves when compare() and read() may be called; rejects with a
 * StorydiffError when the module cannot be loaded (a later call retries). Every call while
 * loading or loaded shares one promise.
 */
export function init(options?: InitOptions): Promise<void>;

/** Comparison options: the fields of the C++ struct storydiff::Options. */
export interface Options {
  /** Minimum similarity (0..1] for two different sentences to count as the same claim reworded.
   *  Default: the engine's (see resolveOptions()). */
  threshold?: number;
  /** Case-only differences make no change. Default false. */
  ignore_case?: boolean;
  /** Punctuation-only differences make no change. Default false. */
  ignore_punctuation?: boolean;
  /** Look for one sentence split into several, or several merged into one. Default true. */
  detect_splits?: boolean;
  /** Flag matched claims out of order as moved. Default true. */
  detect_moves?: boolean;
  /** "word" adds the whole-document word diff (`edits`) to a two-document comparison. Default "sentence". */
  granularity?: 'sentence' | 'word';
}

/** Input formats. "auto": by the name's extension, then by content. */
export type InputFormat = 'auto' | 'automatic' | 'text' | 'txt' | 'markdown' | 'md' | 'html' | 'htm' | 'article';

/** The format the reader used (never automatic). */
export type Format = 'text' | 'markdown' | 'html' | 'article';

/** Reading options: the fields of the C++ struct storydiff::ReadOptions. */
export interface ReadOptions {
  /** How to interpret the bytes. Default "auto". */
  format?: InputFormat;
  /** Larger inputs fail with input_too_large. Default limits.default_max_bytes, at most limits.max_bytes. */
  max_bytes?: number;
  /** Replace invalid UTF-8 by U+FFFD (with a warning) instead of failing with invalid_utf8. Default false. */
  replace_invalid_utf8?: boolean;
}

/**
 * A document: text (a string), bytes (UTF-8, or UTF-16 with a byte-order mark), or an object
 * naming it. The name appears in the result and in error messages, and its extension guides the
 * "auto" format. Bytes reach the engine unchanged, so invalid UTF-8 is reported (invalid_utf8)
 * unless replace_invalid_utf8 is set; strings are encoded as TextEncoder does (a lone surrogate
 * becomes U+FFFD).
 */
export type DocumentInput =
  | string
  | Uint8Array
  | ArrayBuffer
  | { name?: string; text: string; bytes?: never; format?: InputFormat }
  | { name?: string; bytes: Uint8Array | ArrayBuffer; text?: never; format?: InputFormat };

/** A sentence ("claim"). start/end are UTF-8 byte offsets into the text the engine read. */
export interface Sentence {
  start: number;
  end: number;
  /** Index of its paragraph. */
  paragraph: number;
  text: string;
}

/** Article-file header fields or the HTML title ("" when absent). */
export interface Metadata {
  title: string;
  /** As written, e.g. "20211220". */
  date: string;
  url: string;
}

/** A document as the engine read it. */
export interface Document {
  name: string;
  format: Format;
  meta: Metadata;
  sentences: Sentence[];
}

/** What read() returns: the document and what the reader repaired or guessed. */
export interface ReadResult extends Document {
  warnings: string[];
}

/** A run of a word diff. equal + delete runs rebuild the old text; equal + insert, the new. */
export interface Token {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A change a reader should not miss, inside a modified claim. */
export interface Callout {
  kind: 'number' | 'quote' | 'attribution';
  /** What the old document said ("" when the new one added it). */
  old: string;
  /** What the new document says ("" when it was dropped). */
  new: string;
}

interface AlignmentEntryBase {
  /** Indices into documents[0].sentences. */
  a: number[];
  /** Indices into documents[1].sentences. */
  b: number[];
  /** Matched, but out of the order the rest keeps. */
  moved: boolean;
  /** 1 for equal, 0 for added/removed. */
  similarity: number;
}

/** A claim with the same sentence(s), or one only in the new (added) or the old (removed) document. */
export interface UnmodifiedEntry extends AlignmentEntryBase {
  op: 'equal' | 'added' | 'removed';
}

/** A reworded claim, with its word diff and callouts. */
export interface ModifiedEntry extends AlignmentEntryBase {
  op: 'modified';
  tokens: Token[];
  callouts: Callout[];
}

/** One row of the alignment; a split is one `a` with several `b`, a merge the reverse. */
export type AlignmentEntry = UnmodifiedEntry | ModifiedEntry;

/** Counts over the alignment. */
export interface Stats {
  equal: number;
  modified: number;
  added: number;
  removed: number;
  /** Matched entries flagged moved. */
  moved: number;
  /** Entries with one a and several b. */
  splits: number;
  /** Entries with several a and one b. */
  merges: number;
  old_sentences: number;
  new_sentences: number;
  /** Share of both documents' sentences that are matched, weighted by similarity, in [0, 1]. */
  overlap: number;
}

/** The comparison of two documents: what `storydiff --format json OLD NEW` prints. */
export interface Comparison {
  /** The JSON schema version. */
  version: number;
  /** The options it was computed with, defaults filled in. */
  options: Required<Options>;
  /** [old, new] */
  documents: [Document, Document];
  /** In reading order of the new document, with removed claims where they stood in the old one.
   *  Every sentence of both documents is in exactly one entry. */
  alignment: AlignmentEntry[];
  stats: Stats;
  /** Only with granularity "word": the word diff of the whole texts, a shortest token script
   *  (unless `approximate`). equal + delete runs rebuild the old text, equal + insert the new. */
  edits?: Token[];
  /** A work budget was hit: the result is valid but may not be the best alignment. */
  approximate: boolean;
  /** Reader and engine warnings, prefixed by document. */
  warnings: string[];
}

/** One document's part in a claim: one sentence, or a run of them (a split or merge). */
export interface ClaimMember {
  /** Index into documents. */
  doc: number;
  /** Consecutive sentence indices in that document. */
  sentences: number[];
  /** To the representative wording; 1 for the representative itself and identical wordings. */
  similarity: number;
  /** Word diff from the representative's text to this member's (empty for the representative). */
  tokens: Token[];
}

/** A claim carried by one or more of three or more documents. */
export interface Claim {
  /** The representative wording: the member most similar to all the others. */
  text: string;
  /** The document whose member is the representative. */
  representative: number;
  /** The documents that carry the claim, ascending. */
  docs: number[];
  members: ClaimMember[];
}

/** Counts over the claims of three or more documents. */
export interface ClaimStats {
  documents: number;
  claims: number;
  /** Claims every document carries. */
  in_all: number;
  /** Claims only one document carries. */
  unique: number;
}

/** The comparison of three or more documents (outlets): what `storydiff --format json A B C` prints. */
export interface ClaimsComparison {
  version: number;
  options: Required<Options>;
  /** In the order given. */
  documents: Document[];
  /** In documents[0]'s reading order, then those it lacks in documents[1]'s, and so on. Every
   *  sentence of every document is in exactly one member of one claim. */
  claims: Claim[];
  /** Per document, the indices of the claims it carries, in its reading order. */
  claim_order: number[][];
  /** coverage[claim][document]: whether the document carries the claim. */
  coverage: boolean[][];
  /** Per document, the claims only it carries. */
  unique: number[][];
  /** Pairwise overlap of the documents: symmetric, 1 on the diagonal. */
  overlap: number[][];
  stats: ClaimStats;
  approximate: boolean;
  warnings: string[];
}

/**
 * Compares two documents. Synchronous; throws StorydiffError (not_initialized before init()).
 * String inputs are named "old" and "new" unless given as { name, text }.
 */
export function compare(
  oldDoc: DocumentInput,
  newDoc: DocumentInput,
  options?: Options,
  readOptions?: ReadOptions,
): Comparison;

/**
 * As compare(), but returns the JSON text: byte for byte what `storydiff --format json OLD NEW`
 * prints, without the final newline. `indent` 2 is the CLI's --pretty.
 */
export function compareToJson(
  oldDoc: DocumentInput,
  newDoc: DocumentInput,
  options?: Options,
  readOptions?: ReadOptions,
  output?: { indent?: number },
): string;

/**
 * Compares two to 20 documents (outlets). With two, the same as compare(); with three or more,
 * their sentences grouped into claims. String inputs are named "doc1", "doc2", ...
 */
export function compareMany(
  documents: DocumentInput[],
  options?: Options,
  readOptions?: ReadOptions,
): Comparison | ClaimsComparison;

/**
 * Reads one document (text, Markdown, HTML or article file; by name or by explicit format) as the
 * engine sees it. The name defaults to "document".
 */
export function read(input: DocumentInput, options?: ReadOptions & { name?: string }): ReadResult;

/** The comparison options with every default filled in; throws bad_option when one is wrong. */
export function resolveOptions(options?: Options): Required<Options>;

// Only the declarations above marked `export` are part of the API.
export {};
