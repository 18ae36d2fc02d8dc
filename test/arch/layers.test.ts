import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, layerOf } from './layers.js';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('one-way layers (docs/architecture.md)', () => {
  it('no file in src/ imports from a layer above its own, and the pure layers use no I/O, process, console or clock', () => {
    const files = sources(join(root, 'src'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => checkFile(relative(root, f).split('\\').join('/'), readFileSync(f, 'utf8')));
    expect(found.map((v) => `${v.file}:${v.line} ${v.what}`)).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('maps files to layers by folder, with errors.ts in core', () => {
    expect(layerOf('src/errors.ts')).toBe('core');
    expect(layerOf('src/engine/payout.ts')).toBe('engine');
    expect(layerOf('src/render/xlsx-writer.ts')).toBe('render');
    expect(layerOf('src/misc/x.ts')).toBe(null);
  });

  it('names file, line and import for an upward static, re-exported, dynamic and import-type import', () => {
    const text = [
      "import { a } from '../core/a.js';",
      "import { b } from '../render/b.js';",
      "export { c } from '../cli/c.js';",
      'const d = await import("../app/d.js");',
      "let e: import('../render/e.js').E;",
      'import {',
      '  f,',
      "} from '../ingest/f.js';",
    ].join('\n');
    expect(checkFile('src/engine/x.ts', text).map((v) => `${v.line} ${v.what}`)).toEqual([
      '2 imports ../render/b.js (render) from the layer below it (engine)',
      '3 imports ../cli/c.js (cli) from the layer below it (engine)',
      '4 imports ../app/d.js (app) from the layer below it (engine)',
      '5 imports ../render/e.js (render) from the layer below it (engine)',
    ]);
  });

  it('refuses io, node:*, process, console and the clock in a pure layer, but not in io', () => {
    const text = [
      "import { readFile } from 'node:fs/promises';",
      "import type { Readable } from 'node:stream';",
      "import { DateCell } from '../io/source.js';",
      'const a = process.env.X;',
      "console.log('x');",
      'const t = Date.now();',
      'const n = new Date();',
      'const ok = new Date(0);',
      'const obj = { process: 1, console: 2 }; obj.process;',
    ].join('\n');
    expect(checkFile('src/core/x.ts', text).map((v) => `${v.line} ${v.what}`)).toEqual([
      '1 imports node:fs/promises from a pure layer (core)',
      '3 imports ../io/source.js (io) from the layer below it (core)',
      '4 uses process in a pure layer (core)',
      '5 uses console in a pure layer (core)',
      '6 uses Date.now in a pure layer (core)',
      '7 uses new Date() in a pure layer (core)',
    ]);
    // io sits below the engine, yet the engine takes parsed values and never reaches into readers
    expect(checkFile('src/engine/x.ts', text).map((v) => `${v.line} ${v.what}`)[1]).toBe(
      '3 imports ../io/source.js (io) from a pure layer (engine)',
    );
    expect(checkFile('src/io/x.ts', text)).toEqual([]);
  });

  it('flags a file outside every layer', () => {
    expect(checkFile('src/misc/x.ts', '')).toEqual([
      {
        file: 'src/misc/x.ts',
        line: 1,
        what: 'is in no layer (folders: core, io, ingest, kpi, schema, engine, analysis, sql, app, render, cli)',
      },
    ]);
  });
});

describe('the app layer', () => {
  it('may read through io but uses no process, console or clock of its own', () => {
    const text = [
      "import { sha256File } from '../io/hash.js';",
      'const a = process.argv;',
      "console.error('x');",
      'const t = new Date();',
    ].join('\n');
    expect(checkFile('src/app/x.ts', text).map((v) => `${v.line} ${v.what}`)).toEqual([
      '2 uses process in a pure layer (app)',
      '3 uses console in a pure layer (app)',
      '4 uses new Date() in a pure layer (app)',
    ]);
  });
});
