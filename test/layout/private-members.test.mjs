// Bundle size (issue 5): the element's private class members are ES `#private`, which Terser
// mangles to one or two letters, not TypeScript `private`, whose names it must keep (a property name
// may be read anywhere). 181 members: −0.45 KB gzip -9 (benchmarks/results/bundle.md).
// Exceptions: Lit's reactive state (`declare private _tip`: Lit installs accessors by name) and the
// members a test reaches into (listed below with the reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = new URL('../../', import.meta.url).pathname;
/** `file:Class.member` kept TypeScript-private, and why. */
const KEPT = {
  'component/vz-graph/vz-graph.ts:VzGraph.view': 'test/browser/navigation.test.ts sets the view transform through it',
};

function sources() {
  const files = ['layout-wasm/src/flatten.ts'];
  for (const dir of fs.readdirSync(path.join(root, 'component'), { withFileTypes: true })) {
    if (dir.isDirectory()) for (const f of fs.readdirSync(path.join(root, 'component', dir.name))) if (f.endsWith('.ts')) files.push(`component/${dir.name}/${f}`);
  }
  return files;
}

test('private members of the element\'s classes are #private (Terser mangles their names)', () => {
  const found = [];
  for (const file of sources()) {
    const sf = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node) => {
      if (ts.isClassLike(node)) {
        const members = [...node.members];
        for (const m of node.members) if (ts.isConstructorDeclaration(m)) members.push(...m.parameters);
        for (const m of members) {
          const mods = (ts.canHaveModifiers(m) && ts.getModifiers(m)) || [];
          if (!mods.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword) || mods.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword)) continue;
          const key = `${file}:${node.name?.text}.${m.name.getText(sf)}`;
          if (!(key in KEPT)) found.push(key);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.ok(sources().length > 20);
  assert.deepEqual(found, [], 'write these as #name (or list them in KEPT with the reason)');
});
