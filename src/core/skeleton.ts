// New records and `aims init` files, generated from the record format (KIND_SPECS), so a new field
// shows up in skeletons without touching this file.
import { CONTROLS, ROLES } from './catalogue';
import { API_VERSION, type Kind } from './model';
import { addYears } from './rule';
import { emptyValueFor, KIND_SPECS, type Field } from './schema';

export interface SkeletonOptions {
  today?: string;
  owner?: string;
  title?: string;
  /** A `# …` line above every key: what to write and which controls it evidences. */
  comments?: boolean;
  /** Include recommended (Annex B) fields too; default true. */
  recommended?: boolean;
}

const isoToday = (): string => new Date().toISOString().slice(0, 10);

/** A YAML scalar: quoted only where plain style would change its meaning. */
export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return '""';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s === '') return '""';
  const plainSafe = /^[A-Za-z0-9_./][A-Za-z0-9 _./()@,+'-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~|[-+]?\d[\d._]*([eE][-+]?\d+)?|0x[0-9a-f]+)$/i.test(s) && !/\s$/.test(s) && !s.includes(': ') && !s.includes(' #');
  return plainSafe ? s : JSON.stringify(s);
}

function comment(f: Field, indent: string): string {
  const controls = f.controls?.length ? ` (Annex A: ${f.controls.join(', ')})` : '';
  const need = f.required ? '' : f.recommended ? 'Recommended. ' : 'Optional. ';
  return `${indent}# ${need}${f.description}${controls}\n`;
}

function emit(fields: Record<string, Field>, values: Record<string, unknown>, indent: string, opts: SkeletonOptions, firstPrefix = indent): string {
  let out = '';
  let first = true;
  for (const [key, f] of Object.entries(fields)) {
    const include = key in values || f.required || (opts.recommended !== false && f.recommended);
    if (!include) continue;
    const prefix = first ? firstPrefix : indent;
    if (opts.comments && !first) out += comment(f, indent);
    else if (opts.comments && first && firstPrefix === indent) out += comment(f, indent);
    first = false;
    const v = key in values ? values[key] : emptyValueFor(f);
    out += renderEntry(key, f, v, prefix, indent, opts);
  }
  return out;
}

function renderEntry(key: string, f: Field, v: unknown, prefix: string, indent: string, opts: SkeletonOptions): string {
  if (f.type === 'object') {
    return `${prefix}${key}:\n` + emit(f.fields, (v ?? {}) as Record<string, unknown>, indent + '  ', opts);
  }
  if (f.type === 'list') {
    const items = Array.isArray(v) ? v : [];
    if (items.length === 0) return `${prefix}${key}: []\n`;
    let out = `${prefix}${key}:\n`;
    for (const item of items) {
      if (f.items.type === 'object') out += emit(f.items.fields, (item ?? {}) as Record<string, unknown>, indent + '    ', opts, indent + '  - ');
      else out += `${indent}  - ${yamlScalar(item)}\n`;
    }
    return out;
  }
  return `${prefix}${key}: ${yamlScalar(v)}\n`;
}

/** YAML text of a new record of `kind`, with every required (and recommended) key. */
export function skeletonRecord(kind: Kind, id: string, opts: SkeletonOptions = {}): string {
  const today = opts.today ?? isoToday();
  const spec = KIND_SPECS[kind];
  const values: Record<string, unknown> = {
    apiVersion: API_VERSION, kind, id,
    title: opts.title ?? '', owner: opts.owner ?? '', status: 'draft',
    reviewed: today, review_by: addYears(today, 1),
  };
  if (kind === 'Applicability') return skeletonApplicability({ ...opts, today }, id);
  const header = opts.comments ? `# ${spec.title}: ${spec.description}\n# Record format: docs/record-format.md\n` : '';
  return header + emit(spec.fields, values, '', { ...opts, comments: opts.comments });
}

/** The Statement of Applicability with all 38 controls, in catalogue order. */
export function skeletonApplicability(opts: SkeletonOptions = {}, id = 'statement-of-applicability'): string {
  const today = opts.today ?? isoToday();
  let out = '';
  if (opts.comments !== false) out += '# Statement of Applicability (clause 6.1.3): every Annex A control, whether it applies and why,\n# its implementation status, owner and evidence (record ids, repository paths or URLs).\n';
  out += `apiVersion: ${API_VERSION}\nkind: Applicability\nid: ${id}\ntitle: ${yamlScalar(opts.title ?? 'Statement of Applicability')}\nowner: ${yamlScalar(opts.owner ?? '')}\nstatus: draft\nreviewed: ${today}\nreview_by: ${addYears(today, 1)}\n`;
  out += 'scope: ""\ncontrols:\n';
  for (const c of CONTROLS) {
    out += `  # ${c.id} ${c.title}\n  - id: ${c.id}\n    applicable: true\n    justification: ""\n    status: not-started\n    owner: ""\n    evidence: []\n`;
  }
  return out;
}

export function defaultConfigText(): string {
  return `# AIMS configuration (optional). Docs: README.md#configuration
# Which files under aims/ are records (minimatch globs, relative to aims/).
include:
  - "**/*.yaml"
  - "**/*.yml"
exclude: []
# Per-rule severity: error | warning | info | off. \`aims rules\` lists the rule ids.
rules: {}
#  recommended-field: off
#  review-overdue: error
# The organization's AI roles (ISO/IEC 22989): ${ROLES.join(', ')}.
# They decide which Annex A controls are expected to apply.
roles:
  - ai_producer
  - ai_provider
`;
}

/** Everything `aims init` writes, relative to the workspace root. */
export function initFiles(opts: SkeletonOptions = {}): { path: string; text: string }[] {
  const o = { ...opts, comments: true };
  return [
    { path: 'aims/aims.config.yaml', text: defaultConfigText() },
    { path: 'aims/statement-of-applicability.yaml', text: skeletonApplicability(o) },
    { path: 'aims/models/example-model.yaml', text: skeletonRecord('ModelCard', 'example-model', { ...o, title: 'Example model' }) },
    { path: 'aims/data/example-dataset.yaml', text: skeletonRecord('DataProvenance', 'example-dataset', { ...o, title: 'Example dataset' }) },
    { path: 'aims/assessments/example-impact-assessment.yaml', text: skeletonRecord('ImpactAssessment', 'example-impact-assessment', { ...o, title: 'Example impact assessment' }) },
  ];
}
