// VS Code snippets for every record kind and for the list items people add most often (a lineage
// event, a metric, an impact, an SoA control entry, ...), generated from KIND_SPECS so that they can
// never disagree with the linter. scripts/gen-docs.ts writes them to snippets/aims.code-snippets.
import { CONTROL_IDS } from './catalogue';
import { API_VERSION, KINDS, type Kind } from './model';
import { KIND_SPECS, SOA_STATUS_VALUES, type Field } from './schema';
import { kindToKebab } from './skeleton';

export interface Snippet { prefix: string[]; body: string[]; description: string; scope?: string }

const TODAY = '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}';

/** Escapes text for use inside a snippet placeholder. */
const esc = (s: string): string => s.replace(/[$}\\]/g, m => '\\' + m);
const escChoice = (s: string): string => s.replace(/[$}\\,|]/g, m => '\\' + m);

class Builder {
  private n = 0;
  next(): number { return ++this.n; }
  placeholder(text: string): string { return `\${${this.next()}:${esc(text)}}`; }
  choice(values: readonly string[]): string { return `\${${this.next()}|${values.map(escChoice).join(',')}|}`; }
}

/** Value text for a scalar field (after "key: "), or undefined for collections. */
function scalarValue(name: string, f: Field, b: Builder): string | undefined {
  switch (f.type) {
    case 'enum': return f.values.length === 1 ? f.values[0] : b.choice(f.values);
    case 'boolean': return b.choice(['false', 'true']);
    case 'date': return `\${${b.next()}:${TODAY}}`;
    case 'control-id': return b.choice(CONTROL_IDS);
    case 'ref': return b.placeholder(`${f.kinds[0] === 'DataProvenance' ? 'dataset' : f.kinds[0] === 'ImpactAssessment' ? 'impact-assessment' : 'system'}-id`);
    case 'list': case 'object': return undefined;
    default: return b.placeholder(f.label);
  }
}

/** Lines for the required fields of a mapping at `indent`; the first line may get a list dash. */
function fieldLines(fields: Record<string, Field>, indent: string, b: Builder, first = ''): string[] {
  const out: string[] = [];
  for (const [name, f] of Object.entries(fields)) {
    if (!f.required) continue;
    const lead = out.length === 0 && first ? first : indent;
    const v = scalarValue(name, f, b);
    if (v !== undefined) { out.push(`${lead}${name}: ${v}`); continue; }
    if (f.type === 'object') { out.push(`${lead}${name}:`, ...fieldLines(f.fields, indent + '  ', b)); continue; }
    if (f.type === 'list') {
      out.push(`${lead}${name}:`);
      if (f.items.type === 'object') out.push(...fieldLines(f.items.fields, indent + '    ', b, indent + '  - '));
      else out.push(`${indent}  - ${f.items.type === 'string' || f.items.type === 'text' ? b.placeholder(f.label) : scalarValue(name, f.items, b) ?? b.placeholder(f.label)}`);
    }
  }
  return out;
}

function recordSnippet(kind: Kind): Snippet {
  const spec = KIND_SPECS[kind];
  const b = new Builder();
  const body: string[] = [];
  for (const [name, f] of Object.entries(spec.fields)) {
    if (!f.required) continue;
    if (name === 'apiVersion') { body.push(`apiVersion: ${API_VERSION}`); continue; }
    if (name === 'kind') { body.push(`kind: ${kind}`); continue; }
    if (name === 'id') { body.push(`id: \${${b.next()}:\${TM_FILENAME_BASE}}`); continue; }
    // snippet variables cannot add a year: review_by starts as today's date, selected for editing
    if (name === 'review_by') { body.push(`review_by: \${${b.next()}:${TODAY}}`); continue; }
    if (kind === 'Applicability' && name === 'controls') {
      body.push('controls:', ...soaEntry(b, '  '));
      continue;
    }
    const v = scalarValue(name, f, b);
    if (v !== undefined) body.push(`${name}: ${v}`);
    else body.push(...fieldLines({ [name]: f }, '', b));
  }
  body.push('$0');
  return {
    prefix: [`aims-${kind === 'Applicability' ? 'soa' : kindToKebab(kind)}`, `aims ${spec.title.toLowerCase()}`],
    body,
    description: `AIMS ${spec.title} (${kind}) with every required key. ${spec.description}`,
  };
}

function soaEntry(b: Builder, indent: string): string[] {
  return [
    `${indent}- id: ${b.choice(CONTROL_IDS)}`,
    `${indent}  applicable: ${b.choice(['true', 'false'])}`,
    `${indent}  justification: ${b.placeholder('Why the control applies or does not apply')}`,
    `${indent}  status: ${b.choice(SOA_STATUS_VALUES)}`,
    `${indent}  owner: ${b.placeholder('owner')}`,
    `${indent}  evidence:`,
    `${indent}    - ${b.placeholder('record id, repository path or URL')}`,
  ];
}

function itemSnippet(kind: Kind, listPath: string[], prefix: string, what: string): Snippet {
  let f: Field | undefined = KIND_SPECS[kind].fields[listPath[0]];
  for (const seg of listPath.slice(1)) f = f?.type === 'object' ? f.fields[seg] : undefined;
  if (!f || f.type !== 'list' || f.items.type !== 'object') throw new Error(`no list of mappings at ${listPath.join('.')}`);
  const b = new Builder();
  const body = fieldLines(f.items.fields, '  ', b, '- ');
  // optional keys people usually want too (mitigation of an impact, slice of a metric, note of an event)
  for (const [name, sub] of Object.entries(f.items.fields)) {
    if (sub.required) continue;
    const v = scalarValue(name, sub, b);
    if (v !== undefined) body.push(`  ${name}: ${v}`);
  }
  body.push('$0');
  return { prefix: [prefix], body, description: `${what} (${KIND_SPECS[kind].title}: ${listPath.join('.')}[])` };
}

export function snippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const kind of KINDS) out[`AIMS ${KIND_SPECS[kind].title}`] = recordSnippet(kind);
  const b = new Builder();
  out['AIMS SoA control entry'] = { prefix: ['aims-soa-control'], body: [...soaEntry(b, ''), '$0'], description: 'One Annex A control in the Statement of Applicability (Applicability: controls[])' };
  out['AIMS lineage event'] = itemSnippet('DataProvenance', ['lineage'], 'aims-lineage-event', 'A provenance event');
  out['AIMS quality result'] = itemSnippet('DataProvenance', ['quality', 'results'], 'aims-quality-result', 'A measured data-quality dimension');
  out['AIMS evaluation metric'] = itemSnippet('ModelCard', ['evaluation', 'metrics'], 'aims-metric', 'A measured evaluation metric');
  out['AIMS supplier'] = itemSnippet('ModelCard', ['suppliers'], 'aims-supplier', 'A third-party supplier');
  out['AIMS affected group'] = itemSnippet('ImpactAssessment', ['affected_groups'], 'aims-affected-group', 'A group the system affects');
  out['AIMS impact'] = itemSnippet('ImpactAssessment', ['impacts'], 'aims-impact', 'A positive or negative impact');
  out['AIMS predictable failure'] = itemSnippet('ImpactAssessment', ['predictable_failures'], 'aims-failure', 'A predictable failure with its effect and mitigation');
  return out;
}

export function snippetsFile(): string {
  return JSON.stringify(snippets(), null, 2) + '\n';
}
