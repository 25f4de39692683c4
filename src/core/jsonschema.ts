// JSON Schemas (draft-07) of the record format and of aims/aims.config.yaml, generated from KIND_SPECS
// and the configuration's definition. scripts/gen-docs.ts writes them to schemas/; package.json points
// the YAML extension (redhat.vscode-yaml) at them for completion, hover and validation in the editor.
//
// The schemas say what the linter's schema-level rules say (required-field, invalid-type, invalid-enum,
// invalid-date, invalid-id, unknown-control, unknown-key, unknown-kind), field by field:
//   - a required field must be present and not empty (null, blank text, [] or {} are "empty");
//   - a recommended or optional field may be left empty (null or blank text; [] for a list, {} for a
//     mapping) — the linter reports a missing recommended field as info, which is no schema matter;
//   - text accepts numbers and booleans, plain strings accept numbers, ids and references must be text;
//   - items of a list must not be empty; `allowSingle` lists also accept one value instead of a list;
//   - control ids are one of the 38 Annex A ids; dates are YYYY-MM-DD calendar dates.
// Content rules (placeholder text, cross-record references, review dates, ...) are the linter's alone.
// Known, deliberate differences (the schema is a little stricter, for clearer editor messages): an
// optional yes/no or number field written as "", an optional choice written as blanks ("  "), and a
// recommended field written as an empty value of another shape ([] for a text field) are errors here;
// the linter calls them merely "empty". test/unit/jsonschema.test.ts checks there are no others.
// No vscode import, no file access.
import { DEFAULT_ORG_CONTROL_PREFIX } from './soa';
import { CONTROLS, CONTROL_IDS, getControl, ROLES, ROLE_TITLES } from './catalogue';
import { DEFAULT_CONFIG } from './config';
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, LIMIT_KEYS } from './limits';
import { API_VERSION, KINDS, type Kind } from './model';
import type { Rule } from './rule';
import { KEBAB_ID, KIND_SPECS, type Field } from './schema';
import { kindToKebab } from './skeleton';

export type JsonSchema = { [key: string]: unknown };

export const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
/** Where the published schemas live (their $id). */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/aims-tools/aims-lint/main/schemas/';
export const RECORD_SCHEMA_FILE = 'aims-record.schema.json';
export const CONFIG_SCHEMA_FILE = 'aims-config.schema.json';

/** schemas/<file> of one kind: model-card.schema.json, data-provenance.schema.json, ... */
export function kindSchemaFile(kind: Kind): string {
  return `${kindToKebab(kind)}.schema.json`;
}

/** Severities a rule can be set to in aims/aims.config.yaml (config.ts accepts exactly these). */
export const CONFIG_SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
/** Top-level keys of aims/aims.config.yaml (config.ts accepts exactly these). */
export const CONFIG_KEYS = ['include', 'exclude', 'rules', 'roles', 'organization_control_prefix', 'code', 'limits'] as const;

/**
 * An organization-defined control id with the default prefix (ORG-model-registry), as the linter accepts it
 * (soa.ts isOrgControlId). With another configured prefix the linter accepts that one; the published schema
 * cannot know it.
 */
export const ORG_CONTROL_PATTERN = `^${DEFAULT_ORG_CONTROL_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[A-Za-z0-9][A-Za-z0-9._-]*$`;

/** YYYY-MM-DD that is a real calendar date (30 and 31 only in months that have them, 29 Feb in leap years). */
export const CALENDAR_DATE_PATTERN = '(?:\\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)'
  + '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';

const NOT_BLANK = '\\S';
const BLANK_OK = '^\\s*$';

const controlLine = (ids: readonly string[]): string =>
  ids.map(id => `${id} ${getControl(id)?.title ?? ''}`.trim()).join('; ');

/** The hover text of a field: what to write, whether it is required, and the controls it evidences. */
function describe(f: Field, controls: readonly string[], required: boolean | 'item'): string {
  const need = required === 'item' ? '' : required ? 'Required.' : f.recommended ? 'Recommended (Annex B guidance).' : 'Optional.';
  const parts = [f.description.trim()];
  if (need) parts.push(need);
  if (controls.length) parts.push(`Annex A: ${controlLine(controls)}.`);
  return parts.join(' ');
}

const KEBAB_SOURCE = KEBAB_ID.source;

/** Schema of a present, non-empty value of the field's type (what validate.ts walkValue accepts). */
function valueSchema(f: Field, kind: Kind): JsonSchema {
  switch (f.type) {
    case 'string':
      return f.format === 'kebab-id'
        ? { type: 'string', pattern: KEBAB_SOURCE, patternErrorMessage: 'Use kebab-case: lowercase letters and digits joined by hyphens, e.g. loan-applications-2024.' }
        : { type: ['string', 'number'] };
    case 'text': return { type: ['string', 'number', 'boolean'] };
    case 'scalar': return { type: ['number', 'string'] };
    case 'date': return { type: 'string', pattern: `^${CALENDAR_DATE_PATTERN}$`, patternErrorMessage: 'Write a calendar date as YYYY-MM-DD, e.g. 2025-03-31.' };
    case 'boolean': return { type: 'boolean' };
    case 'number': return { type: 'number' };
    case 'enum': return { type: 'string', enum: [...f.values] };
    case 'ref': return { type: 'string' };
    // an Annex A id, or an organization-defined one (the prefix is configurable: the linter checks it)
    case 'control-id': return { anyOf: [{ type: 'string', enum: [...CONTROL_IDS], enumDescriptions: CONTROLS.map(c => c.title) }, { type: 'string', pattern: ORG_CONTROL_PATTERN }] };
    case 'list': {
      const items = itemSchema(f.items, kind);
      const list: JsonSchema = { type: 'array', items };
      return f.allowSingle ? { anyOf: [list, itemSchema(f.items, kind)] } : list;
    }
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [k, sub] of Object.entries(f.fields)) {
        properties[k] = fieldSchema(sub, kind);
        if (sub.required) required.push(k);
      }
      return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
    }
  }
}

/** An item of a list: never empty (an empty item is reported like a missing required value). */
function itemSchema(f: Field, kind: Kind): JsonSchema {
  const s = annotate(f, kind, valueSchema(f, kind), 'item', false);
  return f.type === 'object' ? s : nonEmpty(s);
}

/** Adds the constraints that make a value non-empty, for required fields. */
function nonEmpty(s: JsonSchema): JsonSchema {
  if (s.anyOf) return { ...s, anyOf: (s.anyOf as JsonSchema[]).map(nonEmpty) };
  const types = ([] as string[]).concat((s.type as string | string[] | undefined) ?? []);
  const out: JsonSchema = { ...s };
  if (types.includes('string') && !s.pattern && !s.enum) {
    out.pattern = NOT_BLANK;
    out.patternErrorMessage = 'Required: must not be empty.';
  }
  if (types.includes('array') && s.minItems === undefined) out.minItems = 1;
  if (types.includes('object') && !s.required && s.minProperties === undefined) out.minProperties = 1;
  return out;
}

/** Lets a recommended or optional field be left empty: null, blank text, [] or {} of its own shape. */
function mayBeEmpty(s: JsonSchema): JsonSchema {
  if (s.anyOf) {
    // allowSingle lists: the list alternative takes null
    const [list, ...rest] = s.anyOf as JsonSchema[];
    return { ...s, anyOf: [mayBeEmpty(list), ...rest] };
  }
  const types = ([] as string[]).concat((s.type as string | string[] | undefined) ?? []);
  const out: JsonSchema = { ...s, type: [...types, 'null'] };
  if (s.enum) out.enum = [...(s.enum as unknown[]), '', null];
  if (typeof s.pattern === 'string' && types.includes('string')) out.pattern = `^(?:${s.pattern.replace(/^\^|\$$/g, '')}|\\s*)$`;
  if (s.enumDescriptions) out.enumDescriptions = [...(s.enumDescriptions as string[]), 'Not filled in yet.', 'Not filled in yet.'];
  return out;
}

function annotate(f: Field, kind: Kind, s: JsonSchema, required: boolean | 'item', withTitle = true): JsonSchema {
  const controls = required === 'item' ? [] : f.controls ?? KIND_SPECS[kind].controls;
  const out: JsonSchema = withTitle ? { title: f.label } : {};
  out.description = describe(f, controls, required);
  Object.assign(out, s);
  if (f.example !== undefined) out.examples = [f.example];
  return out;
}

/** Schema of a field as a key of a mapping. */
function fieldSchema(f: Field, kind: Kind): JsonSchema {
  const v = valueSchema(f, kind);
  return annotate(f, kind, f.required ? nonEmpty(v) : mayBeEmpty(v), !!f.required);
}

/** The body of one kind's schema: every key of KIND_SPECS[kind].fields, unknown keys rejected. */
function kindBody(kind: Kind, standalone: boolean): JsonSchema {
  const spec = KIND_SPECS[kind];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [k, f] of Object.entries(spec.fields)) {
    if (k === 'kind') properties.kind = { title: f.label, description: `The record kind: \`${kind}\`.`, ...(standalone ? { type: 'string', enum: [kind] } : {}) };
    else if (k === 'apiVersion' && !standalone) properties.apiVersion = { title: f.label, description: f.description };
    else properties[k] = fieldSchema(f, kind);
    if (f.required) required.push(k);
  }
  const controls = spec.controls.length ? ` Evidences: ${controlLine(spec.controls)}.` : '';
  return {
    title: `${spec.title} (kind: ${kind})`,
    description: `${spec.description}${controls}`,
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

/** The standalone schema of one record kind (schemas/<kind>.schema.json). */
export function kindSchema(kind: Kind): JsonSchema {
  return { $schema: SCHEMA_DIALECT, $id: SCHEMA_BASE_URL + kindSchemaFile(kind), ...kindBody(kind, true) };
}

/**
 * The schema of any record (schemas/aims-record.schema.json): apiVersion and kind at the top, then
 * `if kind is X then the schema of X`, so the editor completes and checks the keys of the right kind.
 */
export function recordSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const k of KINDS) definitions[k] = kindBody(k, false);
  const common = KIND_SPECS.ModelCard.fields;
  return {
    $schema: SCHEMA_DIALECT,
    $id: SCHEMA_BASE_URL + RECORD_SCHEMA_FILE,
    title: 'AIMS record (ISO/IEC 42001)',
    description: `One record of an ISO/IEC 42001 AI management system, kept as YAML under aims/. \`kind\` decides the keys: ${KINDS.map(k => `${k} (${KIND_SPECS[k].title})`).join(', ')}. Reference: docs/record-format.md.`,
    type: 'object',
    properties: {
      apiVersion: { title: common.apiVersion.label, description: common.apiVersion.description, type: 'string', enum: [API_VERSION] },
      kind: {
        title: common.kind.label,
        description: `The record kind: ${KINDS.join(', ')}.`,
        type: 'string',
        enum: [...KINDS],
        enumDescriptions: KINDS.map(k => KIND_SPECS[k].description),
      },
    },
    allOf: [
      // aims/aims.config.yaml lies under aims/ too, so editors apply this schema to it as well: a
      // mapping of nothing but configuration keys is left to the config schema.
      {
        if: { type: 'object', minProperties: 1, propertyNames: { enum: [...CONFIG_KEYS] } },
        else: { properties: { apiVersion: true, kind: true }, required: ['apiVersion', 'kind'] },
      },
      ...KINDS.map(k => ({
        if: { properties: { kind: { const: k } }, required: ['kind'] },
        then: { $ref: `#/definitions/${k}` },
      })),
    ],
    definitions,
  };
}

// ---------------------------------------------------------------------------------------------
// aims/aims.config.yaml
// ---------------------------------------------------------------------------------------------

/** A case-insensitive pattern for the spellings normalizeRole() accepts ("provider", "AI producer"). */
function rolePattern(): string {
  const ci = (s: string): string => s.replace(/[a-z]/g, c => `[${c}${c.toUpperCase()}]`);
  const sep = '(?:_|[\\s-]+)'; // what normalizeRole() turns into one '_'
  const alts = ROLES.map(r => (r.startsWith('ai_') ? `(?:${ci('ai')}${sep})?${r.slice(3).split('_').map(ci).join(sep)}` : r.split('_').map(ci).join(sep)));
  return `^\\s*(?:${alts.join('|')})\\s*$`;
}

export function configSchema(rules: readonly Rule[]): JsonSchema {
  const glob = { type: 'string', pattern: NOT_BLANK, patternErrorMessage: 'A glob pattern, e.g. "**/*.yaml".' };
  const role: JsonSchema = {
    type: 'string',
    anyOf: [
      { enum: [...ROLES], enumDescriptions: ROLES.map(r => ROLE_TITLES[r]) },
      { pattern: rolePattern() },
    ],
  };
  const ruleProps: Record<string, JsonSchema> = {};
  for (const r of rules) {
    ruleProps[r.id] = {
      description: `${r.title} (default: ${r.severity}).${r.controls.length ? ` Annex A: ${r.controls.join(', ')}.` : ''}`,
      type: 'string',
      enum: [...CONFIG_SEVERITIES],
    };
  }
  return {
    $schema: SCHEMA_DIALECT,
    $id: SCHEMA_BASE_URL + CONFIG_SCHEMA_FILE,
    title: 'AIMS configuration (aims/aims.config.yaml)',
    description: 'Which files under aims/ are records, the severity of each rule, the organization\'s ISO/IEC 22989 AI roles and the prefix of its own control ids. Every key is optional.',
    type: ['object', 'null'],
    properties: {
      include: {
        description: 'Record files: minimatch globs relative to aims/.',
        type: ['array', 'null'], items: glob, default: [...DEFAULT_CONFIG.include],
      },
      exclude: {
        description: 'Files under aims/ that are not records: minimatch globs relative to aims/.',
        type: ['array', 'null'], items: glob, default: [...DEFAULT_CONFIG.exclude],
      },
      rules: {
        description: `Severity per rule id: ${CONFIG_SEVERITIES.join(' | ')}. \`aims rules\` lists the rules.`,
        type: ['object', 'null'],
        properties: ruleProps,
        additionalProperties: false,
      },
      roles: {
        description: `The organization's AI roles (ISO/IEC 22989): ${ROLES.join(', ')}. They decide which Annex A controls are expected to be applicable (rule soa-expected-control-excluded).`,
        anyOf: [{ type: 'array', items: role }, role, { type: 'null' }],
      },
      organization_control_prefix: {
        description: 'Prefix of organization-defined control ids in the Statement of Applicability (e.g. ORG-model-registry): they are accepted, and coverage lists them separately from Annex A.',
        type: ['string', 'null'], pattern: '^[A-Za-z][A-Za-z0-9]*[-_.]$', default: DEFAULT_CONFIG.organization_control_prefix,
      },
      code: {
        description: 'Code files scanned for the datasets and models they load (rules untracked-dataset, untracked-model, unresolved-load): minimatch globs relative to the workspace root. Each list replaces its default.',
        type: ['object', 'null'],
        properties: {
          include: { description: 'Code files to scan.', type: ['array', 'null'], items: glob, default: [...DEFAULT_CONFIG.code.include] },
          exclude: { description: 'Files and folders not to scan (virtual environments, dependencies, build output).', type: ['array', 'null'], items: glob, default: [...DEFAULT_CONFIG.code.exclude] },
        },
      },
      limits: {
        description: 'Limits on untrusted input (docs/security.md): what one record file may cost before it is reported with rule input-limit instead of checked.',
        type: ['object', 'null'],
        properties: Object.fromEntries(LIMIT_KEYS.map(k => [k, { description: `${LIMIT_DESCRIPTIONS[k]} Default ${DEFAULT_LIMITS[k]}.`, type: 'integer', minimum: 1, default: DEFAULT_LIMITS[k] }])),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

/** Every schema file under schemas/ with its text. */
export function schemaFiles(rules: readonly Rule[]): Map<string, string> {
  const out = new Map<string, string>();
  const text = (s: JsonSchema): string => JSON.stringify(s, null, 2) + '\n';
  out.set(RECORD_SCHEMA_FILE, text(recordSchema()));
  for (const k of KINDS) out.set(kindSchemaFile(k), text(kindSchema(k)));
  out.set(CONFIG_SCHEMA_FILE, text(configSchema(rules)));
  return out;
}
