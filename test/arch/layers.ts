/**
 * The one-way layers of src/ (docs/architecture.md), as data, and a checker that
 * parses the imports of a source text with the TypeScript parser (no build needed).
 */
import ts from 'typescript';

/** Lowest first: a file may import from its own layer and the layers before it. */
export const LAYERS = ['core', 'io', 'ingest', 'kpi', 'schema', 'engine', 'analysis', 'sql', 'app', 'render', 'cli'] as const;
export type Layer = (typeof LAYERS)[number];

/** Layers that must stay pure: no node:*, process, console or clock. */
export const PURE: readonly Layer[] = ['core', 'kpi', 'engine', 'analysis'];

/**
 * The app layer reads the files it is given (through ingest and io), so it may import io; like the
 * pure layers it never prints, exits, reads the environment or the clock: no process, console,
 * Date.now() or new Date() of its own.
 */
export const NO_GLOBALS: readonly Layer[] = [...PURE, 'app'];

/** Files whose role differs from their folder's (to be moved by the work that replaces them). */
const FILE_LAYER: Record<string, Layer> = {
  'src/errors.ts': 'core',
  // the library's entry point sits on top, beside the CLI: it wires app and render for a program
  'src/index.ts': 'cli',
  // the old catalogue's path: a re-export of src/kpi/ kept for its many importers
  'src/engine/kpis.ts': 'kpi',
};

/** The layer of a path relative to the repository root (posix slashes), or null when none. */
export function layerOf(path: string): Layer | null {
  if (FILE_LAYER[path]) return FILE_LAYER[path]!;
  const m = /^src\/([^/]+)\//.exec(path);
  return m && (LAYERS as readonly string[]).includes(m[1]!) ? (m[1] as Layer) : null;
}

export interface Violation {
  file: string;
  line: number;
  what: string;
}

interface Found {
  spec: string;
  line: number;
  typeOnly: boolean;
}

/** Every module a source text imports: static imports, re-exports and dynamic import() and import('x').T types. */
export function importsOf(file: string, text: string): { imports: Found[]; globals: { name: string; line: number }[] } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Found[] = [];
  const globals: { name: string; line: number }[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      imports.push({ spec: n.moduleSpecifier.text, line: lineOf(n), typeOnly });
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      imports.push({ spec: n.moduleSpecifier.text, line: lineOf(n), typeOnly: n.isTypeOnly });
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const a = n.arguments[0];
      imports.push({ spec: a && ts.isStringLiteralLike(a) ? a.text : '<computed>', line: lineOf(n), typeOnly: false });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      imports.push({ spec: n.argument.literal.text, line: lineOf(n), typeOnly: true });
    } else if (ts.isIdentifier(n) && (n.text === 'process' || n.text === 'console')) {
      // a free use, not a property name (x.process) or a declaration's own name
      const p = n.parent;
      const isProperty =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isPropertyDeclaration(p) && p.name === n) ||
        (ts.isPropertySignature(p) && p.name === n) ||
        (ts.isMethodDeclaration(p) && p.name === n);
      if (!isProperty) globals.push({ name: n.text, line: lineOf(n) });
    } else if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Date' && n.name.text === 'now') {
      globals.push({ name: 'Date.now', line: lineOf(n) });
    } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Date' && (n.arguments?.length ?? 0) === 0) {
      globals.push({ name: 'new Date()', line: lineOf(n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { imports, globals };
}

/** Resolve a relative specifier against the importing file (posix paths under the root). */
function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/').replace(/\.js$/, '.ts');
}

/** The layer rule's violations in one file. */
export function checkFile(file: string, text: string): Violation[] {
  const out: Violation[] = [];
  const own = layerOf(file);
  if (own === null) return [{ file, line: 1, what: `is in no layer (folders: ${LAYERS.join(', ')})` }];
  const rank = LAYERS.indexOf(own);
  const pure = PURE.includes(own);
  const { imports, globals } = importsOf(file, text);
  for (const i of imports) {
    if (i.spec.startsWith('.')) {
      const target = resolve(file, i.spec);
      const layer = layerOf(target);
      if (layer === null) out.push({ file, line: i.line, what: `imports ${i.spec}, which is in no layer` });
      else if (LAYERS.indexOf(layer) > rank)
        out.push({ file, line: i.line, what: `imports ${i.spec} (${layer}) from the layer below it (${own})` });
      // the pure layers take parsed values: they never reach into the readers and writers
      else if (pure && layer === 'io') out.push({ file, line: i.line, what: `imports ${i.spec} (io) from a pure layer (${own})` });
    } else if (pure && (i.spec.startsWith('node:') || NODE_BUILTINS.has(i.spec))) {
      if (!i.typeOnly) out.push({ file, line: i.line, what: `imports ${i.spec} from a pure layer (${own})` });
    } else if (pure && IMPURE_PACKAGES.has(i.spec)) {
      out.push({ file, line: i.line, what: `imports ${i.spec} (I/O or terminal) from a pure layer (${own})` });
    } else if (i.spec === '<computed>') {
      out.push({ file, line: i.line, what: 'imports a computed module name (the layer cannot be checked)' });
    }
  }
  if (NO_GLOBALS.includes(own)) for (const g of globals) out.push({ file, line: g.line, what: `uses ${g.name} in a pure layer (${own})` });
  return out;
}

const NODE_BUILTINS = new Set([
  'fs',
  'fs/promises',
  'path',
  'os',
  'stream',
  'child_process',
  'worker_threads',
  'zlib',
  'crypto',
  'url',
  'util',
  'events',
  'readline',
  'process',
  'buffer',
]);
const IMPURE_PACKAGES = new Set(['chalk', 'exceljs', 'csv-parse', 'csv-parse/sync', 'commander', 'pg', 'echarts', '@duckdb/node-api']);
