// Writes custom-elements.json (the Custom Elements Manifest, schema 1.0.0) for <vz-graph> from the
// element's source: the class doc comment (@attr, @fires, @csspart, @cssprop, @summary) and its
// public members with their doc comments. Uses the TypeScript parser only (no type checker).
//   node scripts/custom-elements.mjs [--check]   (--check: fail if the file on disk is stale)
import fs from 'node:fs';
import ts from 'typescript';

const SOURCE = 'component/vz-graph/vz-graph.ts';
const OUT = 'custom-elements.json';
const text = fs.readFileSync(SOURCE, 'utf8');
const file = ts.createSourceFile(SOURCE, text, ts.ScriptTarget.ES2022, true);

const docOf = (node) => {
  const docs = ts.getJSDocCommentsAndTags(node).filter((d) => d.kind === ts.SyntaxKind.JSDoc);
  const last = docs[docs.length - 1];
  return last ? { comment: ts.getTextOfJSDocComment(last.comment) ?? '', tags: last.tags ?? [] } : { comment: '', tags: [] };
};
const has = (node, kind) => (ts.getModifiers?.(node) ?? node.modifiers ?? []).some((m) => m.kind === kind);
const typeText = (node) => (node?.type ? node.type.getText(file) : undefined);

const cls = file.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === 'VzGraph');
if (!cls) throw new Error(`no class VzGraph in ${SOURCE}`);
const classDoc = docOf(cls);
const tag = (name) => classDoc.tags.filter((t) => t.tagName.text === name).map((t) => {
  const body = ts.getTextOfJSDocComment(t.comment) ?? '';
  const m = /^(\S+)\s*-\s*([\s\S]*)$/.exec(body.trim());
  return m ? { name: m[1], description: m[2].trim() } : { name: body.trim(), description: '' };
});

const eventTypes = { 'vz-load': 'VzLoadDetail', 'vz-layout': 'VzLayoutDetail', 'vz-error': 'VzErrorDetail', 'vz-select': 'VzSelectDetail', 'vz-toggle': 'VzToggleDetail' };
const fieldOfAttr = { src: 'src', theme: 'theme', direction: 'direction', 'expand-depth': 'expandDepth', 'no-toolbar': 'noToolbar' };

const members = [];
for (const m of cls.members) {
  const name = m.name?.getText(file);
  // '#…': ES private members (the bundle's Terser shortens them), never part of the element's API
  if (!name || name.startsWith('_') || name.startsWith('#') || has(m, ts.SyntaxKind.PrivateKeyword) || has(m, ts.SyntaxKind.ProtectedKeyword) ||
    has(m, ts.SyntaxKind.StaticKeyword) || has(m, ts.SyntaxKind.OverrideKeyword) || ts.isConstructorDeclaration(m)) continue;
  const description = docOf(m).comment;
  if (ts.isMethodDeclaration(m)) {
    members.push({ kind: 'method', name, description, privacy: 'public',
      parameters: m.parameters.map((p) => ({ name: p.name.getText(file), type: { text: typeText(p) ?? 'unknown' }, optional: !!p.questionToken || !!p.initializer })),
      return: { type: { text: typeText(m) ?? 'void' } } });
  } else if (ts.isGetAccessorDeclaration(m)) {
    members.push({ kind: 'field', name, description, privacy: 'public', readonly: true, type: { text: typeText(m) ?? 'unknown' } });
  } else if (ts.isPropertyDeclaration(m)) {
    const attr = Object.entries(fieldOfAttr).find(([, f]) => f === name)?.[0];
    members.push({ kind: 'field', name, description: description || tag('attr').find((a) => a.name === attr)?.description || '', privacy: 'public',
      type: { text: typeText(m) ?? 'unknown' }, ...(attr ? { attribute: attr } : {}), ...(['theme', 'direction'].includes(name) ? { reflects: true } : {}) });
  }
}

const manifest = {
  schemaVersion: '1.0.0',
  readme: 'README.md',
  modules: [
    {
      kind: 'javascript-module',
      path: 'component/vz-graph/vz-graph.ts',
      declarations: [{
        kind: 'class', name: 'VzGraph', tagName: 'vz-graph', customElement: true,
        summary: tag('summary')[0]?.name ? classDoc.tags.find((t) => t.tagName.text === 'summary').comment : undefined,
        description: classDoc.comment.replace(/\s*\n\s*/g, ' ').trim(),
        superclass: { name: 'LitElement', package: 'lit' },
        attributes: tag('attr').map((a) => ({ name: a.name, description: a.description, fieldName: fieldOfAttr[a.name] })),
        members,
        events: tag('fires').map((e) => ({ name: e.name, description: e.description, type: { text: `CustomEvent<${eventTypes[e.name] ?? 'unknown'}>` } })),
        cssParts: tag('csspart'),
        cssProperties: tag('cssprop'),
      }],
      exports: [{ kind: 'js', name: 'VzGraph', declaration: { name: 'VzGraph', module: 'component/vz-graph/vz-graph.ts' } }],
    },
    {
      kind: 'javascript-module',
      path: 'component/index.ts',
      declarations: [],
      exports: [
        { kind: 'js', name: 'VzGraph', declaration: { name: 'VzGraph', module: 'component/vz-graph/vz-graph.ts' } },
        { kind: 'custom-element-definition', name: 'vz-graph', declaration: { name: 'VzGraph', module: 'component/vz-graph/vz-graph.ts' } },
      ],
    },
  ],
};

const json = JSON.stringify(manifest, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (current !== json) { console.error(`${OUT} is stale: run node scripts/custom-elements.mjs`); process.exit(1); }
  console.log(`${OUT} is up to date`);
} else {
  fs.writeFileSync(OUT, json);
  console.log(`wrote ${OUT}: ${members.length} members, ${manifest.modules[0].declarations[0].events.length} events`);
}
