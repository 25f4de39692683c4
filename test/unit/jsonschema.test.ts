// The JSON Schemas in schemas/ are generated from KIND_SPECS and the config definition; here they are
// checked to be valid draft-07, up to date, complete (every key of KIND_SPECS), and to agree with the
// linter: a record fails the schema exactly when the linter reports a schema-level finding for it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as jsyaml from 'js-yaml';
import { CONTROL_IDS, ROLES } from '../../src/core/catalogue';
import { ConfigError, parseConfig } from '../../src/core/config';
import {
  CONFIG_KEYS, CONFIG_SCHEMA_FILE, CONFIG_SEVERITIES, configSchema, kindSchema, kindSchemaFile, recordSchema, RECORD_SCHEMA_FILE,
  schemaFiles, type JsonSchema,
} from '../../src/core/jsonschema';
import { Linter } from '../../src/core/linter';
import { KINDS, type Finding, type Kind } from '../../src/core/model';
import { openProject } from '../../src/core/project';
import { RULES } from '../../src/core/rules';
import { fieldAt, KIND_SPECS, type Field } from '../../src/core/schema';
import { skeletonRecord } from '../../src/core/skeleton';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples');
const TODAY = '2026-01-15';

/** Rules whose findings are about the shape of a record, which is what a JSON Schema can say. */
const SCHEMA_RULES = new Set(['required-field', 'invalid-type', 'invalid-enum', 'invalid-date', 'invalid-id', 'unknown-control', 'unknown-key', 'unknown-kind']);

function newAjv(): Ajv {
  // strict: unknown keywords are errors, except the two editor annotations vscode-yaml understands
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
  return ajv;
}

const ajv = newAjv();
const validateRecordSchema: ValidateFunction = ajv.compile(recordSchema());
const validateConfigSchema: ValidateFunction = ajv.compile(configSchema(RULES));
const validateKind = new Map<Kind, ValidateFunction>(KINDS.map(k => [k, ajv.compile(kindSchema(k))]));

function load(text: string): unknown {
  return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
}

/** Findings of one record linted on its own, with the same engine as the CLI. */
function lintText(file: string, text: string): Finding[] {
  const linter = new Linter({ today: TODAY });
  linter.setFile(file, text);
  return linter.findingsFor(file);
}
const schemaFindings = (findings: Finding[]): Finding[] => findings.filter(f => SCHEMA_RULES.has(f.ruleId));

/** JSON pointer of an ajv error's subject: the property itself for `required` / `additionalProperties`. */
function errorPointer(e: ErrorObject): string {
  if (e.keyword === 'required') return `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  return e.instancePath;
}
const pointer = (p: (string | number)[]): string => p.map(s => `/${s}`).join('');

function recordErrors(data: unknown): ErrorObject[] {
  return validateRecordSchema(data) ? [] : (validateRecordSchema.errors ?? []).filter(e => e.keyword !== 'if');
}

describe('JSON Schemas', () => {
  describe('are valid draft-07 and current', () => {
    const files = schemaFiles(RULES);

    it('every generated schema is a valid draft-07 schema and compiles in strict mode', () => {
      assert.deepEqual([...files.keys()].sort(), [RECORD_SCHEMA_FILE, CONFIG_SCHEMA_FILE, ...KINDS.map(kindSchemaFile)].sort());
      for (const [name, text] of files) {
        const schema = JSON.parse(text) as JsonSchema;
        assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', name);
        const fresh = newAjv();
        assert.equal(fresh.validateSchema(schema), true, `${name}: ${fresh.errorsText(fresh.errors)}`);
        assert.doesNotThrow(() => fresh.compile(schema), name);
      }
    });

    it('schemas/ holds exactly the generated files (npm run docs)', () => {
      const dir = path.join(REPO, 'schemas');
      assert.deepEqual(fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort(), [...files.keys()].sort());
      for (const [name, text] of files) assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text, `schemas/${name} is stale: run npm run docs`);
    });

    it('package.json points the YAML extension at the record and config schemas', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { url: string }[] } };
      const urls = pkg.contributes.yamlValidation.map(v => v.url);
      assert.ok(urls.includes(`./schemas/${RECORD_SCHEMA_FILE}`));
      assert.ok(urls.includes(`./schemas/${CONFIG_SCHEMA_FILE}`));
    });
  });

  describe('are generated from KIND_SPECS', () => {
    /** Compares a mapping's schema with its field definitions, recursively; returns the number of keys seen. */
    function compareFields(fields: Record<string, Field>, schema: JsonSchema, where: string, kind: Kind, top: boolean): number {
      const props = schema.properties as Record<string, JsonSchema>;
      assert.ok(props, `${where}: properties`);
      assert.deepEqual(Object.keys(props).sort(), Object.keys(fields).sort(), `${where}: keys`);
      assert.deepEqual(((schema.required as string[] | undefined) ?? []).slice().sort(), Object.keys(fields).filter(k => fields[k].required).sort(), `${where}: required`);
      assert.equal(schema.additionalProperties, false, `${where}: unknown keys are rejected`);
      let n = 0;
      for (const [k, f] of Object.entries(fields)) {
        n++;
        const s = props[k];
        if (top && (k === 'kind' || k === 'apiVersion')) continue;
        assert.equal(s.title, f.label, `${where}.${k}: title is the label`);
        assert.ok(String(s.description).startsWith(f.description.trim()), `${where}.${k}: description`);
        for (const c of f.controls ?? KIND_SPECS[kind].controls) assert.ok(String(s.description).includes(c), `${where}.${k}: names control ${c}`);
        n += compareValue(f, s, `${where}.${k}`, kind);
      }
      return n;
    }
    const alternatives = (s: JsonSchema): JsonSchema[] => (s.anyOf ? (s.anyOf as JsonSchema[]) : [s]);
    function compareValue(f: Field, s: JsonSchema, where: string, kind: Kind): number {
      const enumOf = (x: JsonSchema): unknown[] => ((x.enum as unknown[] | undefined) ?? []).filter(v => v !== '' && v !== null);
      switch (f.type) {
        case 'enum': assert.deepEqual(enumOf(s), [...f.values], `${where}: enum`); return 0;
        case 'control-id': {
          const [annexA, org] = alternatives(s);
          assert.deepEqual(enumOf(annexA), [...CONTROL_IDS], `${where}: the 38 control ids`); assert.equal(CONTROL_IDS.length, 38);
          assert.equal(org.pattern, '^ORG-[A-Za-z0-9][A-Za-z0-9._-]*$', `${where}: or an organization-defined id`);
          return 0;
        }
        case 'date': assert.match(String(s.pattern), /\\d\{4\}-/, `${where}: date pattern`); return 0;
        case 'object': return compareFields(f.fields, s, where, kind, false);
        case 'list': {
          const list = alternatives(s).find(x => ([] as unknown[]).concat(x.type).includes('array'))!;
          assert.ok(list, `${where}: an array`);
          if (f.allowSingle) assert.equal(alternatives(s).length, 2, `${where}: a single value is allowed too`);
          return compareValue(f.items, list.items as JsonSchema, `${where}[]`, kind);
        }
        default: return 0;
      }
    }

    for (const kind of KINDS) {
      it(`${kind}: every key, required key, enum and control id, in its own schema and in the combined one`, () => {
        const own = kindSchema(kind);
        const n = compareFields(KIND_SPECS[kind].fields, own, kind, kind, true);
        assert.ok(n > 10);
        assert.deepEqual((own.properties as Record<string, JsonSchema>).kind.enum, [kind]);
        const combined = (recordSchema().definitions as Record<string, JsonSchema>)[kind];
        compareFields(KIND_SPECS[kind].fields, combined, `definitions.${kind}`, kind, true);
      });
    }

    it('the combined schema dispatches on kind (if/then) and enumerates the kinds', () => {
      const s = recordSchema();
      assert.deepEqual((s.properties as Record<string, JsonSchema>).kind.enum, [...KINDS]);
      const branches = (s.allOf as { if: JsonSchema; then: JsonSchema }[]).filter(b => b.then);
      assert.deepEqual(branches.map(b => ((b.if.properties as Record<string, JsonSchema>).kind.const)), [...KINDS]);
      assert.deepEqual(branches.map(b => b.then.$ref), KINDS.map(k => `#/definitions/${k}`));
    });
  });

  describe('agree with the linter', () => {
    const project = openProject(EXAMPLES, { today: TODAY });
    const files = project.files;

    it('every example record validates unless the linter reports a schema-level finding, at the same place', () => {
      assert.ok(files.length >= 9);
      let invalid = 0;
      for (const file of files) {
        const data = load(project.linter.text(file)!);
        const findings = schemaFindings(project.linter.findingsFor(file));
        const errors = recordErrors(data);
        assert.equal(errors.length === 0, findings.length === 0, `${file}: schema ${ajv.errorsText(errors)} / linter ${findings.map(f => f.ruleId).join(', ')}`);
        const kind = (data as { kind: Kind }).kind;
        assert.equal(validateKind.get(kind)!(data), findings.length === 0, `${file}: own kind schema`);
        if (findings.length) {
          invalid++;
          const at = new Set(errors.map(errorPointer));
          for (const f of findings) assert.ok(at.has(pointer(f.path)), `${file}: ${f.ruleId} at ${pointer(f.path)} not among ${[...at].join(', ')}`);
        }
      }
      // the example workspace has one deliberate schema-level mistake (limitation: for limitations:)
      assert.ok(invalid >= 1);
    });

    it('the example configuration validates against the config schema', () => {
      const text = fs.readFileSync(path.join(EXAMPLES, 'aims/aims.config.yaml'), 'utf8');
      assert.equal(validateConfigSchema(load(text)), true, ajv.errorsText(validateConfigSchema.errors));
    });

    it('the record schema, which editors also apply to aims/aims.config.yaml, leaves a configuration alone', () => {
      const config = load(fs.readFileSync(path.join(EXAMPLES, 'aims/aims.config.yaml'), 'utf8'));
      assert.deepEqual(recordErrors(config), []);
      assert.deepEqual(recordErrors({ roles: ['ai_customer'] }), []);
      // but a record without kind is still an error, also one that has a config-like key
      for (const data of [{}, { title: 'x' }, { roles: ['ai_customer'], title: 'x' }, { apiVersion: 'aims/v1' }]) {
        assert.ok(recordErrors(data).some(e => e.keyword === 'required' && (e.params as { missingProperty: string }).missingProperty === 'kind'), JSON.stringify(data));
      }
    });

    // A valid record, broken in one place; schema and linter must fail for the same reason at the same path.
    const base = (): Record<string, unknown> => load(fs.readFileSync(path.join(EXAMPLES, 'aims/data/loan-applications-2024.yaml'), 'utf8')) as Record<string, unknown>;
    const soa = (): Record<string, unknown> => load(fs.readFileSync(path.join(EXAMPLES, 'aims/statement-of-applicability.yaml'), 'utf8')) as Record<string, unknown>;
    const cases: { name: string; data: () => Record<string, unknown>; rule: string; at: string; keyword: string }[] = [
      { name: 'wrong enum value (status: Approved)', data: () => ({ ...base(), status: 'Approved' }), rule: 'invalid-enum', at: '/status', keyword: 'enum' },
      { name: 'wrong type ("yes" for a boolean)', data: () => ({ ...base(), contains_personal_data: 'yes' }), rule: 'invalid-type', at: '/contains_personal_data', keyword: 'type' },
      { name: 'wrong type (a mapping for a list)', data: () => ({ ...base(), categories: { a: 1 } }), rule: 'invalid-type', at: '/categories', keyword: 'type' },
      { name: 'missing required key', data: () => { const d = base(); delete d.license; return d; }, rule: 'required-field', at: '/license', keyword: 'required' },
      { name: 'empty required value', data: () => ({ ...base(), license: '  ' }), rule: 'required-field', at: '/license', keyword: 'pattern' },
      { name: 'empty required list', data: () => ({ ...base(), preparation: [] }), rule: 'required-field', at: '/preparation', keyword: 'minItems' },
      { name: 'impossible date', data: () => ({ ...base(), review_by: '2027-02-30' }), rule: 'invalid-date', at: '/review_by', keyword: 'pattern' },
      { name: 'id not kebab-case', data: () => ({ ...base(), id: 'Loan_Applications' }), rule: 'invalid-id', at: '/id', keyword: 'pattern' },
      { name: 'unknown key', data: () => ({ ...base(), licence: 'x' }), rule: 'unknown-key', at: '/licence', keyword: 'additionalProperties' },
      { name: 'unknown nested key', data: () => { const d = base(); (d.source as Record<string, unknown>).vendor = 'x'; return d; }, rule: 'unknown-key', at: '/source/vendor', keyword: 'additionalProperties' },
      { name: 'unknown control id in the SoA', data: () => { const d = soa(); (d.controls as Record<string, unknown>[])[0].id = 'A.11.2'; return d; }, rule: 'unknown-control', at: '/controls/0/id', keyword: 'enum' },
      { name: 'unknown kind', data: () => ({ ...base(), kind: 'DataProvenances' }), rule: 'unknown-kind', at: '/kind', keyword: 'enum' },
    ];
    for (const c of cases) {
      it(`fails like the linter: ${c.name}`, () => {
        const data = c.data();
        const findings = schemaFindings(lintText('aims/x.yaml', jsyaml.dump(data, { lineWidth: -1 })));
        assert.deepEqual(findings.map(f => f.ruleId), [c.rule], `linter: ${findings.map(f => `${f.ruleId} ${f.message}`).join('; ')}`);
        if (c.rule !== 'unknown-kind') assert.equal(pointer(findings[0].path), c.at);
        const errors = recordErrors(data);
        assert.ok(errors.some(e => errorPointer(e) === c.at && e.keyword === c.keyword), `schema: ${JSON.stringify(errors.map(e => [errorPointer(e), e.keyword]))}`);
        assert.ok(errors.every(e => errorPointer(e) === c.at || e.keyword === 'anyOf' || errorPointer(e).startsWith(c.at)), `schema errors elsewhere: ${JSON.stringify(errors.map(e => [errorPointer(e), e.keyword]))}`);
      });
    }

    it('skeletons (aims new): the schema objects exactly where the linter reports schema-level findings', () => {
      for (const kind of KINDS) {
        const text = skeletonRecord(kind, 'my-record', { today: TODAY });
        const linterAt = new Set(schemaFindings(lintText('aims/x.yaml', text)).map(f => pointer(f.path)));
        const schemaAt = new Set(recordErrors(load(text)).filter(e => e.keyword !== 'anyOf').map(errorPointer));
        assert.deepEqual([...schemaAt].sort(), [...linterAt].sort(), kind);
      }
    });

    it('agrees with the linter on every key of the clean examples set to every kind of value, or deleted', function () {
      this.timeout(120_000);
      const values: unknown[] = [null, '', '   ', 'Some text', 42, 0.93, true, false, '2025-06-30', '2025-02-29', 'A.7.5', 'A.11.2', 'approved', 'training', 'Kebab_Case', [], ['x'], [''], [{ a: 1 }], {}, { a: 1 }];
      const clean = files.filter(f => schemaFindings(project.linter.findingsFor(f)).length === 0);
      assert.ok(clean.length >= 8, 'the clean example records');
      let checked = 0, rejected = 0;
      const mismatches: string[] = [];
      for (const file of clean) {
        const rec = load(project.linter.text(file)!) as Record<string, unknown>;
        const kind = rec.kind as Kind;
        for (const p of leafPaths(rec)) {
          const field = fieldAt(kind, p);
          for (const v of [...values, DELETE]) {
            if (field && knownDifference(field, v)) continue;
            const data = structuredClone(rec);
            setAt(data, p, v);
            const linter = schemaFindings(lintText(file, jsyaml.dump(data, { lineWidth: -1 })));
            const schema = recordErrors(data);
            checked++;
            if (schema.length) rejected++;
            if ((linter.length === 0) !== (schema.length === 0)) {
              mismatches.push(`${file} ${pointer(p)} = ${v === DELETE ? '(deleted)' : JSON.stringify(v)}: linter [${linter.map(f => f.ruleId).join(', ')}] schema [${schema.map(e => `${errorPointer(e)} ${e.keyword}`).join(', ')}]`);
            }
          }
        }
      }
      assert.ok(checked > 5000 && rejected > checked / 3 && rejected < checked, `${checked} mutations, ${rejected} rejected`);
      assert.deepEqual(mismatches.slice(0, 25), [], `${mismatches.length} of ${checked} mutations disagree`);
    });
  });

  describe('config schema agrees with parseConfig', () => {
    const ruleIds = RULES.map(r => r.id);
    const parses = (text: string): boolean => {
      try { parseConfig(text, 'aims/aims.config.yaml', ruleIds); return true; } catch (e) { if (e instanceof ConfigError) return false; throw e; }
    };
    const texts = [
      '', '# only a comment\n', 'include: ["**/*.yaml"]\n', 'include:\n', 'exclude: [drafts/**]\n', 'exclude: "drafts/**"\n', 'include: [""]\n', 'include: [5]\n',
      'rules: {}\n', 'rules:\n  # none\n', 'rules:\n  review-overdue: off\n', 'rules:\n  review-overdue: fatal\n', 'rules:\n  reviw-overdue: error\n', 'rules: [a]\n',
      'roles: [ai_producer, ai_provider]\n', 'roles: ai_customer\n', 'roles: [provider, AI Producer, relevant-authorities]\n', 'roles: [ai_wizard]\n', 'roles: [customers]\n',
      'roles: [ai__provider]\n', 'roles: [ai_-provider]\n', 'roles: ["AI - producer"]\n', 'roles: [ai_relevant_authorities]\n',
      'foo: 1\n', '- a\n', 'include: {a: 1}\n',
      ...CONFIG_SEVERITIES.map(s => `rules:\n  required-field: ${s}\n`),
      ...ROLES.map(r => `roles: [${r}]\n`),
      ...ruleIds.map(id => `rules:\n  ${id}: warning\n`),
    ];
    for (const text of texts) {
      it(`${JSON.stringify(text)}: ${parses(text) ? 'accepted' : 'rejected'} by both`, () => {
        assert.equal(validateConfigSchema(load(text) ?? null), parses(text), ajv.errorsText(validateConfigSchema.errors));
      });
    }
    it('lists exactly the keys, severities and rules the parser knows', () => {
      const s = configSchema(RULES);
      assert.deepEqual(Object.keys(s.properties as object), [...CONFIG_KEYS]);
      for (const k of CONFIG_KEYS) assert.ok(parses(`${k}:\n`), k);
      assert.ok(!parses('includes:\n'));
      const rules = (s.properties as Record<string, JsonSchema>).rules.properties as Record<string, JsonSchema>;
      assert.deepEqual(Object.keys(rules), ruleIds);
      for (const id of ruleIds) assert.deepEqual(rules[id].enum, [...CONFIG_SEVERITIES]);
    });
  });
});

const DELETE = Symbol('delete');

/** Paths of every key of the record (mappings, list items) down to the scalars. */
function leafPaths(v: unknown, p: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.slice(0, 2).forEach((x, i) => { out.push([...p, i]); out.push(...leafPaths(x, [...p, i])); });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...p, k]); out.push(...leafPaths(x, [...p, k])); }
  return out;
}

function setAt(root: unknown, p: (string | number)[], v: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const seg of p.slice(0, -1)) o = o[seg] as Record<string | number, unknown>;
  const last = p[p.length - 1];
  if (v === DELETE) { if (Array.isArray(o)) o.splice(last as number, 1); else delete o[last]; } else o[last] = structuredClone(v);
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
const shape = (f: Field): string => (f.type === 'list' ? 'list' : f.type === 'object' ? 'mapping' : 'scalar');
const shapeOf = (v: unknown): string => (Array.isArray(v) ? 'list' : v && typeof v === 'object' ? 'mapping' : 'scalar');

/**
 * The documented, deliberate differences (src/core/jsonschema.ts): an optional yes/no or number field
 * written as "", an optional choice written as blanks ("  ") and a recommended field written as an
 * empty value of another shape ([] for text) are errors in the schema. The linter only calls them empty.
 */
function knownDifference(f: Field, v: unknown): boolean {
  if (f.required || v === DELETE || !isEmpty(v)) return false;
  if ((f.type === 'boolean' || f.type === 'number') && typeof v === 'string') return true;
  if ((f.type === 'enum' || f.type === 'control-id') && typeof v === 'string' && v !== '') return true;
  return !!f.recommended && v !== null && shapeOf(v) !== shape(f);
}
