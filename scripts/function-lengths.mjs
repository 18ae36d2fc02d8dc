// Prints the longest functions (lines): node scripts/function-lengths.mjs $(git ls-files "src/*.ts")   (N=30 by default)
import ts from 'typescript';
import fs from 'node:fs';
const files = process.argv.slice(2);
const out = [];
for (const f of files) {
  const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (
      ts.isFunctionDeclaration(n) ||
      ts.isMethodDeclaration(n) ||
      ts.isArrowFunction(n) ||
      ts.isFunctionExpression(n) ||
      ts.isConstructorDeclaration(n)
    ) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line,
        b = sf.getLineAndCharacterOfPosition(n.end).line;
      const name = n.name?.getText?.() ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name.getText() : '<anon>');
      out.push([b - a + 1, f + ':' + (a + 1), name]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
out.sort((x, y) => y[0] - x[0]);
for (const o of out.slice(0, +process.env.N || 30)) console.log(o.join('  '));
