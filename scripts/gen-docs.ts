// Writes docs/rules/<id>.md, docs/record-format.md and the rule table in README.md from the engine's
// metadata. `--check` exits 1 (and names the files) when anything is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recordFormatPage, rulePage, rulesTable } from '../src/core/docs';
import { RULES } from '../src/core/rules';

const check = process.argv.includes('--check');
const root = process.cwd();
const stale: string[] = [];
const want = new Map<string, string>();
for (const r of RULES) want.set(`docs/rules/${r.id}.md`, rulePage(r));
want.set('docs/record-format.md', recordFormatPage());
const readme = path.join(root, 'README.md');
if (fs.existsSync(readme)) {
  const text = fs.readFileSync(readme, 'utf8');
  const m = /(<!-- rules:start -->\n)[\s\S]*?(\n<!-- rules:end -->)/.exec(text);
  if (m) want.set('README.md', text.replace(m[0], `${m[1]}${rulesTable(RULES)}${m[2]}`));
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
if (check && stale.length) { console.error(`Out of date (run npm run docs): ${stale.join(', ')}`); process.exit(1); }
if (check) console.log('docs up to date');
