// Writes docs/rules/<id>.md, docs/record-format.md, docs/coverage.md, the rule table and the Coverage section in README.md, snippets/ and the JSON Schemas in
// schemas/ from the engine's metadata. `--check` exits 1 (and names the files) when anything is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { coveragePage, coverageReadmeSection } from '../src/core/coverage/docs';
import { configurationPage, recordFormatPage, rulePage, rulesTable } from '../src/core/docs';
import { schemaFiles } from '../src/core/jsonschema';
import { RULES } from '../src/core/rules';
import { snippetsFile } from '../src/core/snippets';

const check = process.argv.includes('--check');
const root = process.cwd();
const stale: string[] = [];
const want = new Map<string, string>();
for (const r of RULES) want.set(`docs/rules/${r.id}.md`, rulePage(r));
want.set('docs/record-format.md', recordFormatPage());
want.set('docs/configuration.md', configurationPage());
want.set('docs/coverage.md', coveragePage());
want.set('snippets/aims.code-snippets', snippetsFile());
const schemas = schemaFiles(RULES);
for (const [name, text] of schemas) want.set(`schemas/${name}`, text);
const readme = path.join(root, 'README.md');
if (fs.existsSync(readme)) {
  const text = fs.readFileSync(readme, 'utf8');
  // the markers may be adjacent (empty table) or enclose the previous table
  let out = text;
  const m = /(<!-- rules:start -->\r?\n)[\s\S]*?(<!-- rules:end -->)/.exec(out);
  if (m) out = out.replace(m[0], () => `${m[1]}${rulesTable(RULES)}\n${m[2]}`);
  const c = /(<!-- coverage:start -->\r?\n)[\s\S]*?(<!-- coverage:end -->)/.exec(out);
  if (c) out = out.replace(c[0], () => `${c[1]}${coverageReadmeSection()}\n${c[2]}`);
  want.set('README.md', out);
}
for (const [rel, text] of want) {
  const abs = path.join(root, rel);
  const cur = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
  if (cur === text) continue;
  if (check) stale.push(rel);
  else { fs.mkdirSync(path.dirname(abs), { recursive: true }); fs.writeFileSync(abs, text); console.log(`wrote ${rel}`); }
}
// pages of rules that no longer exist
const dir = path.join(root, 'docs/rules');
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!want.has(`docs/rules/${f}`)) { if (check) stale.push(`docs/rules/${f} (no such rule)`); else { fs.rmSync(path.join(dir, f)); console.log(`removed docs/rules/${f}`); } }
}
// schemas that are no longer generated
const schemaDir = path.join(root, 'schemas');
for (const f of fs.existsSync(schemaDir) ? fs.readdirSync(schemaDir) : []) {
  if (f.endsWith('.json') && !schemas.has(f)) { if (check) stale.push(`schemas/${f} (not generated)`); else { fs.rmSync(path.join(schemaDir, f)); console.log(`removed schemas/${f}`); } }
}
if (check && stale.length) { console.error(`Out of date (run npm run docs): ${stale.join(', ')}`); process.exit(1); }
if (check) console.log('docs up to date');
