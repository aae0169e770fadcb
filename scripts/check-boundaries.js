#!/usr/bin/env node
// Part of `npm run lint`: library boundaries ESLint cannot see.
//  1. Public surfaces: every `export * from` line of a library's index.ts names a
//     file that exports something another library, an app, a test or a benchmark
//     imports from '@app/<lib>'. What only the library itself uses stays private.
//  2. One table, one owner: SQL in a library names only tables that library owns
//     (the owners are listed in docs/architecture.md, "Tables and their owners").
const { readFileSync, existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { dirname, join, normalize } = require('node:path');

const root = join(__dirname, '..');
process.chdir(root);
const files = execSync("git ls-files '*.ts' '*.tsx'", { encoding: 'utf8' }).split('\n').filter(Boolean)
  .filter((f) => existsSync(f));
const libs = execSync('ls libs', { encoding: 'utf8' }).split('\n').filter((l) => l && existsSync(`libs/${l}/src/index.ts`));
const problems = [];

// 1. Public surfaces.
const importRe = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@app\/([a-z]+)'|\{([^}]*)\}\s*=\s*await import\('@app\/([a-z]+)'\)|\(await import\('@app\/([a-z]+)'\)\)\.(\w+)/gs;
const used = Object.fromEntries(libs.map((l) => [l, new Set()]));
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(importRe)) {
    const lib = m[2] ?? m[4] ?? m[5];
    if (!used[lib] || f.startsWith(`libs/${lib}/`)) continue;
    const names = m[6] ? [m[6]] : (m[1] ?? m[3]).split(',');
    for (const n of names) {
      const name = n.trim().replace(/^type\s+/, '').split(/\s+as\s+|:/)[0].trim();
      if (name) used[lib].add(name);
    }
  }
}
const declRe = /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+(\w+)/gm;
const namedRe = /^export\s+(?:type\s+)?\{([^}]*)\}/gm;
const starRe = /^export \* from '(\.[^']+)';/gm;
function exported(path, seen = new Set()) {
  const file = [`${path}.ts`, `${path}.tsx`, `${path}/index.ts`].find((c) => existsSync(c));
  if (!file || seen.has(file)) return new Set();
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const names = new Set([...text.matchAll(declRe)].map((m) => m[1]));
  for (const m of text.matchAll(namedRe))
    for (const n of m[1].split(','))
      if (n.trim()) names.add(n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop().trim());
  for (const m of text.matchAll(starRe))
    for (const n of exported(normalize(join(dirname(file), m[1])), seen)) names.add(n);
  return names;
}
for (const lib of libs) {
  const index = `libs/${lib}/src/index.ts`;
  for (const m of readFileSync(index, 'utf8').matchAll(starRe)) {
    const names = exported(normalize(join(`libs/${lib}/src`, m[1])));
    if (![...names].some((n) => used[lib].has(n)))
      problems.push(`${index}: '${m[1]}' is used by no other library, app, test or benchmark: keep it private`);
  }
}

// 2. One table, one owner.
const owners = {};
const table = readFileSync('docs/architecture.md', 'utf8').split('## Tables and their owners')[1].split('\n## ')[0];
for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
  const [tables, owner] = row.split('|').slice(1, 3);
  for (const t of tables.matchAll(/`([a-z_]+)`/g)) owners[t[1]] = owner.trim().split(' ')[0];
}
const allowed = JSON.parse(readFileSync('scripts/foreign-table-reads.json', 'utf8'));
const sqlRe = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+`?([a-z_]+)`?/g;
for (const f of files) {
  const m = /^libs\/([a-z]+)\/src\/(?!.*migrations\/)/.exec(f);
  if (!m || f.endsWith('.spec.ts')) continue;
  const lib = m[1];
  const foreign = new Set();
  for (const s of readFileSync(f, 'utf8').matchAll(sqlRe)) {
    const owner = owners[s[1]];
    if (owner && owner !== lib) foreign.add(s[1]);
  }
  const allow = new Set(allowed[f] ?? []);
  for (const t of foreign)
    if (!allow.has(t)) problems.push(`${f}: SQL names \`${t}\`, owned by ${owners[t]}: go through what ${owners[t]} exports`);
  for (const t of allow)
    if (!foreign.has(t)) problems.push(`scripts/foreign-table-reads.json: ${f} no longer names \`${t}\`: remove the entry`);
}
for (const f of Object.keys(allowed))
  if (!existsSync(f)) problems.push(`scripts/foreign-table-reads.json: ${f} does not exist: remove the entry`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
