// Documentation generated from the engine's own metadata: one page per rule, the record-format
// reference and the README's rule table. scripts/gen-docs.ts writes them; tests check they are current.
import { CONTROL_IDS, expectedControls, getControl, ROLES, ROLE_TITLES } from './catalogue';
import { DEFAULT_CONFIG } from './config';
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, LIMIT_KEYS } from './limits';
import { KINDS } from './model';
import type { Rule } from './rule';
import { KIND_SPECS, type Field } from './schema';

const fixText = (r: Rule): string =>
  r.fixable === 'fix' ? 'Automatic: `aims lint --fix`, "Fix all" and the quick fix in the editor.'
    : r.fixable === 'suggestion' ? 'Quick fix in the editor (needs a human decision, so `--fix` does not apply it).'
      : r.fixable === 'fix-and-suggestion' ? 'Automatic where unambiguous (`aims lint --fix`); otherwise quick fixes in the editor.'
        : r.scope === 'suppression' ? 'Correct or remove the comment; in VS Code a quick fix removes an unused suppression.'
          : 'None: the content has to be written by someone who knows it.';

/** Short titles of the clauses rules cite (clause numbers and titles only). */
const CLAUSE_TITLES: Record<string, string> = { '4.3': 'Determining the scope of the AI management system', '6.1.3': 'AI risk treatment', '7.5': 'Documented information' };

const controlList = (ids: string[]): string => ids.length ? ids.map(id => `${id} ${getControl(id)?.title ?? ''}`.trim()).join('; ') : '— (format and integrity of the records)';

export function rulePage(r: Rule): string {
  const lines = [
    `# \`${r.id}\`: ${r.title}`,
    '',
    '<!-- Generated from the rule\'s metadata by `npm run docs`. Edit src/core/rules/' + r.id + '.ts instead. -->',
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${r.severity} |`,
    `| Applies to | ${r.kinds === 'all' ? 'every record file' : r.kinds.join(', ')} |`,
    `| Annex A controls | ${controlList(r.controls)} |`,
    `| Annex B guidance | ${r.annexB.length ? r.annexB.join(', ') : '—'} |`,
    ...(r.clauses?.length ? [`| Clauses | ${r.clauses.map(c => `${c} ${CLAUSE_TITLES[c] ?? ''}`.trim()).join('; ')} |`] : []),
    `| Fix | ${fixText(r)} |`,
    `| Configure | \`rules: { ${r.id}: warning }\` (or \`error\`, \`info\`, \`off\`) in \`aims/aims.config.yaml\` |`,
    '',
    '## Why it matters',
    '',
    r.docs.rationale,
    '',
    '## How to fix',
    '',
    r.docs.howToFix,
  ];
  if (r.docs.bad) lines.push('', '## Example', '', 'Reported:', '', '```yaml', r.docs.bad, '```');
  if (r.docs.good) lines.push('', 'Passes:', '', '```yaml', r.docs.good, '```');
  lines.push('', '---', '', 'Control titles are the short titles of ISO/IEC 42001:2023 Annex A; all explanations are our own wording, not the standard\'s text.', '');
  return lines.join('\n');
}

export function rulesTable(rules: readonly Rule[], link = (id: string) => `docs/rules/${id}.md`): string {
  const rows = rules.map(r => `| [\`${r.id}\`](${link(r.id)}) | ${r.title} | ${r.severity} | ${r.controls.length ? r.controls.join(', ') : '—'} | ${r.fixable ? (r.fixable === 'suggestion' ? 'quick fix' : 'yes') : ''} |`);
  return ['| Rule | Checks | Severity | Controls | Fix |', '|---|---|---|---|---|', ...rows].join('\n');
}

function typeText(f: Field): string {
  switch (f.type) {
    case 'enum': return f.values.map(v => `\`${v}\``).join(' \\| ');
    case 'ref': return `id of a ${f.kinds.join(' or ')}`;
    case 'control-id': return 'Annex A control id';
    case 'list': return `list of ${typeText(f.items)}${f.allowSingle ? ' (or one)' : ''}`;
    case 'object': return 'mapping';
    case 'text': return 'text';
    case 'scalar': return 'number or text';
    default: return f.type;
  }
}

function fieldRows(fields: Record<string, Field>, prefix: string, out: string[]): void {
  for (const [k, f] of Object.entries(fields)) {
    const name = prefix + k;
    const need = f.required ? 'required' : f.recommended ? 'recommended' : 'optional';
    out.push(`| \`${name}\` | ${typeText(f)} | ${need} | ${(f.controls ?? []).join(', ')} | ${f.description.replace(/\|/g, '\\|')} |`);
    if (f.type === 'object') fieldRows(f.fields, `${name}.`, out);
    if (f.type === 'list' && f.items.type === 'object') fieldRows(f.items.fields, `${name}[].`, out);
  }
}

export function recordFormatPage(): string {
  const out = [
    '# Record format (`apiVersion: aims/v1`)',
    '',
    '<!-- Generated from src/core/schema.ts by `npm run docs`. -->',
    '',
    'One record per YAML file anywhere under `aims/`. Every record has `apiVersion`, `kind`, `id` (unique, kebab-case), `title`, `owner`, `status` (draft | in-review | approved | retired), `reviewed` and `review_by` (YYYY-MM-DD). The Annex A controls column says which control each key evidences.',
    '',
    '*required*: missing or empty is an error (`required-field`); *recommended*: Annex B guidance suggests it (`recommended-field`, info); *optional*: documented, never reported when missing.',
    '',
    'JSON Schemas (draft-07) generated from the same definitions are in [`schemas/`](../schemas).',
  ];
  for (const k of KINDS) {
    const spec = KIND_SPECS[k];
    out.push('', `## ${k} — ${spec.title}`, '', spec.description, '', `Default folder: \`aims/${spec.folder === '.' ? '' : spec.folder + '/'}\` · Evidences: ${spec.controls.length ? spec.controls.join(', ') : 'the controls it lists'}`, '',
      '| Key | Type | | Annex A | What to write |', '|---|---|---|---|---|');
    fieldRows(spec.fields, '', out);
  }
  out.push('');
  return out.join('\n');
}

/** docs/configuration.md: the config keys, and which controls each ISO/IEC 22989 role makes expected. */
export function configurationPage(): string {
  const lines = [
    '# Configuration: `aims/aims.config.yaml`',
    '',
    '<!-- Generated by `npm run docs` from src/core/config.ts, src/core/limits.ts and src/core/catalogue.ts. -->',
    '',
    'The file is optional; every key has a default. A bad configuration is reported with file, line and',
    'what to do: the CLI exits with 2, the editor shows the problem on the config file and uses the defaults',
    'until it is fixed.',
    '',
    '| key | default | meaning |',
    '|---|---|---|',
    `| \`include\` | \`${JSON.stringify(DEFAULT_CONFIG.include)}\` | minimatch globs, relative to \`aims/\`, of the files that are records |`,
    '| `exclude` | `[]` | globs, relative to `aims/`, of files under `aims/` that are not records (e.g. `drafts/**`) |',
    '| `rules` | `{}` | severity per rule id: `error`, `warning`, `info` or `off` (`aims rules` lists the ids) |',
    '| `roles` | `[]` | the organization\'s AI roles (ISO/IEC 22989): they decide which controls are *expected* |',
    `| \`organization_control_prefix\` | \`${DEFAULT_CONFIG.organization_control_prefix}\` | prefix of the organization's own control ids in the Statement of Applicability (\`ORG-model-registry\`): accepted, and listed apart from Annex A in coverage |`,
    `| \`code.include\` | \`${JSON.stringify(DEFAULT_CONFIG.code.include)}\` | globs, relative to the workspace root, of the code files scanned for dataset and model loads |`,
    `| \`code.exclude\` | \`${JSON.stringify(DEFAULT_CONFIG.code.exclude)}\` | code files and folders not scanned; each \`code\` list replaces its default |`,
    '| `limits` | `{}` | limits on untrusted input, see [security.md](security.md) and below |',
    '',
    'The record globs `include` and `exclude` are matched segment by segment without regular expressions, so no pattern',
    'can make matching slow. Extended globs (`+(a|b)`, `!(x)`) and brace ranges (`{1..9}`) are rejected;',
    'brace lists (`{a,b}`), `*`, `?`, `[...]` and `**` work as in minimatch (`dot: false`).',
    '',
    '### `limits`',
    '',
    'What one record file may cost before it is reported with the rule `input-limit` instead of checked',
    '(a record in a pull request is untrusted input; see [security.md](security.md)). Whole numbers ≥ 1:',
    '',
    '| limit | default | meaning |',
    '|---|---:|---|',
    ...LIMIT_KEYS.map(k => `| \`${k}\` | ${DEFAULT_LIMITS[k]} | ${LIMIT_DESCRIPTIONS[k]} |`),
    '',
    '```yaml',
    'include: ["**/*.yaml", "**/*.yml"]',
    'exclude: ["drafts/**"]',
    'rules:',
    '  recommended-field: off',
    '  review-overdue: error',
    'roles: [ai_producer, ai_provider]',
    'code:',
    '  include: ["src/**/*.py", "notebooks/**/*.ipynb"]',
    '  exclude: ["src/vendor/**"]',
    '```',
    '',
    '## Roles and expected controls',
    '',
    'Clause 4.1 asks the organization to determine its roles. A control that is expected for one of the',
    'configured roles may still be excluded in the Statement of Applicability, but the rule',
    '`soa-expected-control-excluded` asks for a strong justification, and coverage marks it as expected.',
    'This mapping is our own reading of the Annex B guidance, not part of the standard. Accepted spellings:',
    '`ai_producer`, `producer`, `AI producer` and so on.',
    '',
    '| role | expected controls |',
    '|---|---|',
    ...ROLES.map(r => `| ${ROLE_TITLES[r]} (\`${r}\`) | ${CONTROL_IDS.filter(id => expectedControls([r]).has(id)).join(', ')} |`),
    '',
  ];
  return lines.join('\n');
}
