/**
 * Reading inputs whole within a cap: a regular file by its size, anything else (standard input, a
 * pipe, a device) piece by piece, refused as soon as it passes the cap. Negative control: reading a
 * device such as /dev/zero whole (the earlier readFileSync) never ends, so the device test's child
 * process is killed at its time limit and the test fails. The CLI reads standard input the same
 * way (properties/cli/check-stdin.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readInputBytes, readInputText } from '../../src/files/read.js';

const dir = mkdtempSync(join(tmpdir(), 'slth-read-'));

describe('readInputBytes', () => {
  it('a regular file: its bytes when within the cap, refused with its size beyond', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(80), (bytes, cap) => {
        const path = join(dir, 'f.bin');
        writeFileSync(path, bytes);
        if (bytes.length <= cap) expect([...readInputBytes(path, cap)]).toEqual([...bytes]);
        else
          expect(() => readInputBytes(path, cap)).toThrow(
            new InputError(`${path} is too large (${bytes.length} bytes, at most ${cap})`),
          );
      }),
      { numRuns: 50 },
    );
  });

  it('an endless device is refused once past the cap (it used to be read until memory ran out)', () => {
    // in a child process with a time limit: the unbounded read this replaces never returns, and a
    // synchronous read cannot be interrupted by the test's own timeout
    const script = `import('./dist/files/read.js').then(({ readInputBytes }) => {
      for (const cap of [0, 1, 1000, 3 << 20]) {
        try { readInputBytes('/dev/zero', cap); console.log('read'); } catch (e) { console.log(e.message); }
      }
    })`;
    const out = execFileSync(process.execPath, ['-e', script], { timeout: 30_000, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(
      [0, 1, 1000, 3 << 20].map((cap) => `/dev/zero is too large (more than ${cap} bytes)`),
    );
  });

  it('a device read within the cap gives its bytes (/dev/null: none)', () => {
    expect(readInputBytes('/dev/null', 0).length).toBe(0);
    expect(readInputText('/dev/null', 10)).toBe('');
  });

  it('a folder and a missing file are named', () => {
    expect(() => readInputBytes(dir, 1 << 20)).toThrow(new InputError(`cannot read ${dir}: is a directory`));
    const missing = join(dir, 'missing.json');
    expect(() => readInputBytes(missing, 1 << 20)).toThrow(new InputError(`cannot read ${missing}: no such file`));
  });
});
