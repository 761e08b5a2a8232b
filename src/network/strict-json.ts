/**
 * A strict JSON reader: the JSON of RFC 8259, read exactly as `JSON.parse` reads it, except that
 *
 * - an object that repeats a key is refused (`JSON.parse` keeps the last value silently, so a
 *   human, another parser and slth could each read a different document);
 * - the whole text, the nesting depth, every string (keys included) and every number literal have
 *   caps, each refused with its own message.
 *
 * The reader is one pass over the text with an explicit stack (no recursion), so its time is
 * linear in the length of the text and no nesting can overflow the call stack. Every refusal is an
 * {@link InputError} that names the line, the column and the JSON path of the offending place
 * (`$.random.pool[0]`), and quotes at most a short prefix of the input.
 */
import { Buffer } from 'node:buffer';
import { InputError } from '../errors.js';

/** Caps of {@link parseJsonStrict}; every field is optional (see {@link STRICT_JSON_DEFAULTS}). */
export interface StrictJsonOptions {
  /** Largest text accepted, in UTF-8 bytes. */
  readonly maxBytes?: number;
  /** Largest number of arrays and objects open at once. */
  readonly maxDepth?: number;
  /** Longest string (object keys included), in UTF-16 code units after unescaping. */
  readonly maxStringLength?: number;
  /** Longest number literal, in characters. */
  readonly maxNumberLength?: number;
  /** What messages call the text, e.g. its file path (default `JSON text`). */
  readonly source?: string;
}

/** The caps used when an option is not given: generous, for any JSON document slth reads. */
export const STRICT_JSON_DEFAULTS = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 256,
  maxStringLength: 16 * 1024 * 1024,
  maxNumberLength: 1000,
} as const;

/** Longest piece of input or key quoted in a message. */
const QUOTE_CHARS = 40;
/** Path segments shown in a message before the middle of a long path is elided. */
const PATH_SEGMENTS = 12;

const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** An open array, or an open object with the key whose value is being read. */
type Frame =
  { readonly array: unknown[] } | { readonly object: Record<string, unknown>; key: string; readingKey: boolean };

const clipText = (s: string): string => (s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS)}...` : s);

/** `$`, `.key`, `["odd key"]` and `[index]` segments, the middle elided when the path is long. */
function formatPath(stack: readonly Frame[], last?: string): string {
  const keySegment = (k: string): string =>
    IDENTIFIER.test(k) ? `.${clipText(k)}` : `[${JSON.stringify(clipText(k))}]`;
  const segments: string[] = [];
  for (const f of stack) {
    if ('array' in f) segments.push(`[${f.array.length}]`);
    else if (!f.readingKey) segments.push(keySegment(f.key));
  }
  if (last !== undefined) segments.push(keySegment(last));
  const shown =
    segments.length > PATH_SEGMENTS
      ? [
          ...segments.slice(0, PATH_SEGMENTS / 2),
          `...(${segments.length - PATH_SEGMENTS} more)...`,
          ...segments.slice(-PATH_SEGMENTS / 2),
        ]
      : segments;
  return `$${shown.join('')}`;
}

/** Line and column (both from 1) of a position. */
function lineColumn(text: string, pos: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return `line ${line}, column ${pos - start + 1}`;
}

/**
 * Parses JSON text strictly (see the module header): the value `JSON.parse` would return, or an
 * {@link InputError}. Syntax errors read `<source> is not valid JSON: ...`; duplicate keys and caps
 * read `<source>: ...`; both name the line, column and JSON path.
 *
 * @example
 * ```ts
 * parseJsonStrict('{"eps": "1/10"}'); // { eps: '1/10' }
 * parseJsonStrict('{"eps": "1/1000", "eps": "1/10"}', { source: 'cert.json' });
 * // InputError: cert.json: duplicate key "eps" at $.eps (line 1, column 19)
 * ```
 */
export function parseJsonStrict(text: string, options: StrictJsonOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? STRICT_JSON_DEFAULTS.maxBytes;
  const maxDepth = options.maxDepth ?? STRICT_JSON_DEFAULTS.maxDepth;
  const maxString = options.maxStringLength ?? STRICT_JSON_DEFAULTS.maxStringLength;
  const maxNumber = options.maxNumberLength ?? STRICT_JSON_DEFAULTS.maxNumberLength;
  const source = options.source ?? 'JSON text';
  if (text.length > maxBytes || (3 * text.length > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    throw new InputError(`${source} is too large: more than ${maxBytes} bytes`);
  }
  const stack: Frame[] = [];
  let pos = 0;

  const where = (at: number, last?: string): string => `at ${formatPath(stack, last)} (${lineColumn(text, at)})`;
  const syntax = (what: string, at = pos): never => {
    throw new InputError(`${source} is not valid JSON: ${what} ${where(at)}`);
  };
  const refuse = (what: string, at: number, last?: string): never => {
    throw new InputError(`${source}: ${what} ${where(at, last)}`);
  };
  const unexpected = (expected: string): never =>
    pos >= text.length
      ? syntax(`unexpected end of input (expected ${expected})`)
      : syntax(`unexpected character ${JSON.stringify(text[pos])} (expected ${expected})`);

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos += 1;
      else return;
    }
  };

  /** Reads the string starting at the quote at `pos`. */
  const readString = (): string => {
    const start = pos;
    pos += 1;
    let out = '';
    for (;;) {
      STRING_RUN.lastIndex = pos;
      STRING_RUN.exec(text);
      const end = STRING_RUN.lastIndex;
      if (out.length + (end - pos) > maxString) refuse(`a string longer than ${maxString} characters`, start);
      out += text.slice(pos, end);
      pos = end;
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos += 1;
        return out;
      }
      if (pos >= text.length) syntax('unterminated string', start);
      if (c !== 0x5c) syntax(`control character ${JSON.stringify(text[pos])} in a string`);
      const e = text[pos + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) syntax('bad \\u escape in a string');
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else {
        const r = ESCAPES[e];
        if (r === undefined) syntax(`bad escape ${JSON.stringify(`\\${e}`)} in a string`);
        out += r as string;
        pos += 2;
      }
      if (out.length > maxString) refuse(`a string longer than ${maxString} characters`, start);
    }
  };

  /** Reads `"key":` at `pos` into the open object `frame` (refusing a key the object already has). */
  const readKey = (frame: { readonly object: Record<string, unknown>; key: string; readingKey: boolean }): void => {
    frame.readingKey = true;
    skipSpace();
    if (text.charCodeAt(pos) !== 0x22) unexpected('a string key');
    const at = pos;
    const key = readString();
    if (Object.prototype.hasOwnProperty.call(frame.object, key))
      refuse(`duplicate key ${JSON.stringify(clipText(key))}`, at, key);
    skipSpace();
    if (text.charCodeAt(pos) !== 0x3a) unexpected("':'");
    pos += 1;
    frame.key = key;
    frame.readingKey = false;
  };

  let result: unknown;
  value: for (;;) {
    skipSpace();
    let v: unknown;
    const c = text.charCodeAt(pos);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) refuse(`nesting deeper than ${maxDepth} arrays and objects`, pos);
      pos += 1;
      skipSpace();
      if (c === 0x7b) {
        const object: Record<string, unknown> = {};
        if (text.charCodeAt(pos) === 0x7d) {
          pos += 1;
          v = object;
        } else {
          const frame = { object, key: '', readingKey: true };
          stack.push(frame);
          readKey(frame);
          continue value;
        }
      } else {
        const array: unknown[] = [];
        if (text.charCodeAt(pos) === 0x5d) {
          pos += 1;
          v = array;
        } else {
          stack.push({ array });
          continue value;
        }
      }
    } else if (c === 0x22) {
      v = readString();
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(text);
      if (m === null) {
        pos += 1; // past the minus sign
        unexpected('a digit');
      }
      const literal = (m as RegExpExecArray)[0];
      if (literal.length > maxNumber) refuse(`a number literal longer than ${maxNumber} characters`, pos);
      const next = text.charCodeAt(pos + literal.length);
      if (next === 0x2e || next === 0x65 || next === 0x45 || (next >= 0x30 && next <= 0x39)) {
        pos += literal.length;
        unexpected('a complete number');
      }
      v = Number(literal);
      pos += literal.length;
    } else if (text.startsWith('true', pos)) {
      v = true;
      pos += 4;
    } else if (text.startsWith('false', pos)) {
      v = false;
      pos += 5;
    } else if (text.startsWith('null', pos)) {
      v = null;
      pos += 4;
    } else {
      unexpected('a value');
    }
    // attach v to the open containers, closing every one that ends here
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        result = v;
        break value;
      }
      skipSpace();
      const d = text.charCodeAt(pos);
      if ('array' in top) {
        top.array.push(v);
        if (d === 0x2c) {
          pos += 1;
          continue value;
        }
        if (d !== 0x5d) unexpected("',' or ']'");
        pos += 1;
        stack.pop();
        v = top.array;
      } else {
        if (top.key === '__proto__')
          Object.defineProperty(top.object, top.key, {
            value: v,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        else top.object[top.key] = v;
        if (d === 0x2c) {
          pos += 1;
          readKey(top);
          continue value;
        }
        if (d !== 0x7d) unexpected("',' or '}'");
        pos += 1;
        stack.pop();
        v = top.object;
      }
    }
  }
  skipSpace();
  if (pos < text.length) syntax(`unexpected ${JSON.stringify(clipText(text.slice(pos, pos + 20)))} after the value`);
  return result;
}
