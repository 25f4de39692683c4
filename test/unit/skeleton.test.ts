import * as assert from 'node:assert/strict';
import * as jsyaml from 'js-yaml';
import { CONTROLS, CONTROL_IDS, isControlId, ROLES } from '../../src/core/catalogue';
import { parseConfig } from '../../src/core/config';
import { KINDS, type Kind } from '../../src/core/model';
import { KEBAB_ID, KIND_SPECS, type Field } from '../../src/core/schema';
import {
  defaultConfigText, EXAMPLE_IDS, initFiles, kindToKebab, nextReview, skeletonApplicability, skeletonData, skeletonRecord, SOA_ID,
} from '../../src/core/skeleton';
import { validateRecord } from '../../src/core/validate';

const TODAY = '2026-02-28';
const RECORD_KINDS = KINDS.filter(k => k !== 'Applicability');

function load(text: string): Record<string, unknown> {
  const docs: unknown[] = [];
  jsyaml.loadAll(text, d => { docs.push(d); }, { schema: jsyaml.CORE_SCHEMA });
  assert.equal(docs.length, 1, 'one YAML document');
  const d = docs[0];
  assert.ok(d && typeof d === 'object' && !Array.isArray(d), 'a mapping');
  return d as Record<string, unknown>;
}

/** Paths of required fields the spec asks for that the data lacks (list items: every item is walked). */
function missingRequired(fields: Record<string, Field>, data: Record<string, unknown>, path = ''): string[] {
  const out: string[] = [];
  for (const [k, f] of Object.entries(fields)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in data)) { if (f.required) out.push(p); continue; }
    const v = data[k];
    if (f.type === 'object' && v && typeof v === 'object') out.push(...missingRequired(f.fields, v as Record<string, unknown>, p));
    if (f.type === 'list' && f.items.type === 'object' && Array.isArray(v)) {
      const itemFields = f.items.fields;
      v.forEach((item, i) => out.push(...missingRequired(itemFields, item as Record<string, unknown>, `${p}[${i}]`)));
    }
  }
  return out;
}

/** Keys in the data that the spec does not define. */
function unknownKeys(fields: Record<string, Field>, data: Record<string, unknown>, path = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    const p = path ? `${path}.${k}` : k;
    const f = fields[k];
    if (!f) { out.push(p); continue; }
    if (f.type === 'object' && v && typeof v === 'object') out.push(...unknownKeys(f.fields, v as Record<string, unknown>, p));
    if (f.type === 'list' && f.items.type === 'object' && Array.isArray(v)) {
      const itemFields = f.items.fields;
      v.forEach((item, i) => out.push(...unknownKeys(itemFields, item as Record<string, unknown>, `${p}[${i}]`)));
    }
  }
  return out;
}

/** Every control id that some field of the spec names. */
function specControls(fields: Record<string, Field>, out = new Set<string>()): Set<string> {
  for (const f of Object.values(fields)) {
    for (const c of f.controls ?? []) out.add(c);
    if (f.type === 'object') specControls(f.fields, out);
    if (f.type === 'list' && f.items.type === 'object') specControls(f.items.fields, out);
  }
  return out;
}

describe('skeleton', () => {
  describe('skeletonRecord', () => {
    for (const kind of KINDS) {
      describe(kind, () => {
        for (const comments of [false, true]) {
          it(`parses to the intended data${comments ? ' (with comments)' : ''}`, () => {
            const text = skeletonRecord(kind, 'my-record', { today: TODAY, comments });
            assert.deepEqual(load(text), skeletonData(kind, 'my-record', { today: TODAY }));
          });
        }

        it('fills apiVersion, kind, id, status and the review dates', () => {
          const d = load(skeletonRecord(kind, 'my-record', { today: TODAY, owner: 'Head of Data', title: 'My record' }));
          assert.equal(d.apiVersion, 'aims/v1');
          assert.equal(d.kind, kind);
          assert.equal(d.id, 'my-record');
          assert.equal(d.status, 'draft');
          assert.equal(d.reviewed, TODAY);
          assert.equal(d.review_by, '2027-02-28');
          assert.equal(d.owner, 'Head of Data');
          assert.equal(d.title, 'My record');
        });

        it('contains every required field of the spec and no unknown key', () => {
          const d = load(skeletonRecord(kind, 'my-record', { today: TODAY, comments: true }));
          assert.deepEqual(missingRequired(KIND_SPECS[kind].fields, d), []);
          assert.deepEqual(unknownKeys(KIND_SPECS[kind].fields, d), []);
        });

        it('is well shaped: the schema walk finds only empty fields, nothing missing, mistyped or unknown', () => {
          const d = load(skeletonRecord(kind, 'my-record', { today: TODAY }));
          const bad = validateRecord(kind, d).filter(i => i.type !== 'empty');
          assert.deepEqual(bad.map(i => `${i.type} ${i.path.join('.')}`), []);
        });

        it('keeps the top-level keys in schema order', () => {
          const keys = Object.keys(load(skeletonRecord(kind, 'my-record', { today: TODAY })));
          const order = Object.keys(KIND_SPECS[kind].fields);
          const idx = keys.map(k => order.indexOf(k));
          assert.ok(idx.every(i => i >= 0));
          assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
        });
      });
    }

    for (const kind of RECORD_KINDS) {
      it(`${kind}: with comments, every key has a comment line above it`, () => {
        const lines = skeletonRecord(kind, 'my-record', { today: TODAY, comments: true }).split('\n');
        lines.forEach((line, i) => {
          if (/^\s*(?:- )?[A-Za-z_]+:/.test(line)) assert.match(lines[i - 1] ?? '', /^\s*#/, `no comment above line ${i + 1}: ${line}`);
        });
      });

      it(`${kind}: comments name the Annex A controls the fields evidence`, () => {
        const text = skeletonRecord(kind, 'my-record', { today: TODAY, comments: true });
        const mentioned = new Set(text.match(/\bA\.\d+\.\d+(?:\.\d+)?\b/g) ?? []);
        // shown fields name their controls; optional ones are listed in an "Optional, add when it applies" comment
        for (const c of specControls(KIND_SPECS[kind].fields)) assert.ok(mentioned.has(c), `${c} is not mentioned`);
        assert.match(text, /^# Optional, add when it applies: controls /m);
        for (const c of mentioned) assert.ok(isControlId(c), `${c} is not an Annex A control`);
        assert.match(text, /^# Annex A: /m);
      });

      it(`${kind}: without comments there is no comment at all`, () => {
        assert.doesNotMatch(skeletonRecord(kind, 'my-record', { today: TODAY }), /#/);
      });
    }

    it('gives a list of mappings one blank example item', () => {
      const d = load(skeletonRecord('DataProvenance', 'x', { today: TODAY }));
      assert.deepEqual(d.lineage, [{ event: '', date: '', by: '' }]);
      assert.deepEqual((d.quality as Record<string, unknown>).results, [{ dimension: '', value: '' }]);
      const m = load(skeletonRecord('ModelCard', 'x', { today: TODAY }));
      assert.deepEqual((m.evaluation as Record<string, unknown>).metrics, [{ name: '', value: '', dataset: '' }]);
    });

    it('leaves yes/no questions unanswered instead of defaulting them to false', () => {
      const d = load(skeletonRecord('DataProvenance', 'x', { today: TODAY }));
      assert.equal(d.contains_personal_data, null);
      assert.ok(validateRecord('DataProvenance', d).some(i => i.type === 'empty' && i.path.join('.') === 'contains_personal_data' && i.required));
    });

    it('quotes titles and owners where plain YAML would change them', () => {
      for (const title of ['Scoring: v2 #1', 'true', '2026', '- dash', 'It\'s "quoted"', 'null', 'A title ']) {
        const d = load(skeletonRecord('ModelCard', 'x', { today: TODAY, title, owner: title, comments: true }));
        assert.equal(d.title, title);
        assert.equal(d.owner, title);
      }
    });

    it('keeps the `system: ""` line the dangling-reference fix fills in', () => {
      assert.match(skeletonRecord('ImpactAssessment', 'x', { today: TODAY }), /^system: ""$/m);
    });
  });

  describe('review dates', () => {
    it('review_by is one year after today', () => {
      assert.equal(nextReview('2026-02-28'), '2027-02-28');
      assert.equal(nextReview('2026-12-31'), '2027-12-31');
      assert.equal(nextReview('2027-02-28'), '2028-02-28');
    });

    it('29 February becomes 28 February of the next year (stays in the month)', () => {
      assert.equal(nextReview('2024-02-29'), '2025-02-28');
      const d = load(skeletonRecord('ModelCard', 'x', { today: '2024-02-29' }));
      assert.equal(d.reviewed, '2024-02-29');
      assert.equal(d.review_by, '2025-02-28');
    });

    it('rejects a today that is not a real ISO date', () => {
      assert.throws(() => skeletonRecord('ModelCard', 'x', { today: '2026-02-30' }), RangeError);
      assert.throws(() => skeletonRecord('ModelCard', 'x', { today: '28.02.2026' }), RangeError);
    });

    it('defaults today to the current date', () => {
      const d = load(skeletonRecord('ModelCard', 'x'));
      assert.match(String(d.reviewed), /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(d.review_by, nextReview(String(d.reviewed)));
    });
  });

  describe('skeletonApplicability', () => {
    for (const comments of [false, true]) {
      it(`lists exactly the 38 controls in catalogue order${comments ? ' (with comments)' : ''}`, () => {
        const d = load(skeletonApplicability({ today: TODAY, comments }));
        assert.equal(d.kind, 'Applicability');
        assert.equal(d.id, SOA_ID);
        const list = d.controls as Record<string, unknown>[];
        assert.equal(list.length, 38);
        assert.deepEqual(list.map(c => c.id), [...CONTROL_IDS]);
        for (const c of list) {
          assert.deepEqual(c, { id: c.id, applicable: true, justification: '', status: 'not-started', owner: '', evidence: [] });
        }
        assert.deepEqual(missingRequired(KIND_SPECS.Applicability.fields, d), []);
        assert.deepEqual(unknownKeys(KIND_SPECS.Applicability.fields, d), []);
        assert.deepEqual(validateRecord('Applicability', d).filter(i => i.type !== 'empty').map(i => i.type), []);
      });
    }

    it('puts `# A.x.y <title>` above each control', () => {
      const lines = skeletonApplicability({ today: TODAY }).split('\n');
      for (const c of CONTROLS) {
        const i = lines.indexOf(`  - id: ${c.id}`);
        assert.ok(i > 0, `${c.id} entry`);
        assert.equal(lines[i - 1], `  # ${c.id} ${c.title}`);
      }
    });

    it('is what skeletonRecord gives for kind Applicability, with the given id', () => {
      assert.equal(skeletonRecord('Applicability', 'soa-2026', { today: TODAY }), skeletonApplicability({ today: TODAY, id: 'soa-2026' }));
      assert.equal(load(skeletonRecord('Applicability', 'soa-2026', { today: TODAY })).id, 'soa-2026');
    });
  });

  describe('defaultConfigText', () => {
    const text = defaultConfigText();

    it('is a valid config: default globs, no rule overrides, roles ai_producer and ai_provider', () => {
      const cfg = parseConfig(text, 'aims/aims.config.yaml', ['recommended-field', 'review-overdue']);
      assert.deepEqual(cfg.include, ['**/*.yaml', '**/*.yml']);
      assert.deepEqual(cfg.exclude, []);
      assert.deepEqual(cfg.rules, {});
      assert.deepEqual(cfg.roles, ['ai_producer', 'ai_provider']);
    });

    it('documents rule severities with two commented examples and every ISO/IEC 22989 role', () => {
      assert.match(text, /^#\s+recommended-field: off$/m);
      assert.match(text, /^#\s+review-overdue: error$/m);
      assert.match(text, /error \| warning \| info \| off/);
      assert.match(text, /minimatch/);
      for (const r of ROLES) assert.ok(text.includes(r), r);
    });

    it('writes other roles when asked', () => {
      const cfg = parseConfig(defaultConfigText({ roles: ['ai_customer'] }), 'aims/aims.config.yaml', []);
      assert.deepEqual(cfg.roles, ['ai_customer']);
    });
  });

  describe('initFiles', () => {
    const files = initFiles({ today: TODAY });

    it('writes the config, the SoA and one commented example of each other kind', () => {
      assert.deepEqual(files.map(f => f.path), [
        'aims/aims.config.yaml',
        'aims/statement-of-applicability.yaml',
        'aims/models/example-model-card.yaml',
        'aims/data/example-data-provenance.yaml',
        'aims/assessments/example-impact-assessment.yaml',
      ]);
    });

    it('puts each example in its kind folder with its file name as id', () => {
      for (const kind of RECORD_KINDS) {
        const f = files.find(x => x.path === `aims/${KIND_SPECS[kind].folder}/example-${kindToKebab(kind)}.yaml`);
        assert.ok(f, kind);
        const d = load(f.text);
        assert.equal(d.kind, kind);
        assert.equal(d.id, `example-${kindToKebab(kind)}`);
        assert.ok(String(d.title).length > 0);
        assert.match(f.text, /^# Annex A: /m);
      }
    });

    it('every file parses; the records hold no unknown keys', () => {
      for (const f of files) {
        const d = load(f.text);
        if (f.path.endsWith('aims.config.yaml')) continue;
        const kind = d.kind as Kind;
        assert.deepEqual(unknownKeys(KIND_SPECS[kind].fields, d), [], f.path);
      }
    });
  });
});

describe('new-record id examples', () => {
  it('one per kind, valid ids, and a dataset is not named like a model', () => {
    for (const id of Object.values(EXAMPLE_IDS)) assert.match(id, KEBAB_ID);
    assert.equal(new Set(Object.values(EXAMPLE_IDS)).size, 4);
    assert.equal(EXAMPLE_IDS.DataProvenance, 'loan-applications-2024');
  });
});
