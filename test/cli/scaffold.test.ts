// `aims init` and `aims new <kind> <id>`: what they create, that it lints, and when they refuse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { CONTROL_IDS } from '../../src/core/catalogue';
import { KINDS, type Kind } from '../../src/core/model';
import { KIND_SPECS } from '../../src/core/schema';
import { aims, lintJson, read, tempDir, TODAY, useTempDirs } from './helpers';

const load = (text: string): Record<string, unknown> => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;

/**
 * A fresh `aims init` does not lint clean, by design: the skeletons leave every question empty for a
 * person to answer (src/core/skeleton.ts), so the linter asks for it. These are the only findings:
 *   required-field (error)                  every required value still empty (owner, justification, ...)
 *   recommended-field (info)                the recommended ones
 *   lineage-created-event (error)           the example dataset's lineage has no `created` event yet
 *   model-without-impact-assessment (error) the example model card names no impact assessment yet
 * Never a syntax, type, enum, unknown-key or id problem: the structure is right.
 */
const INIT_FINDINGS = new Set(['required-field', 'recommended-field', 'lineage-created-event', 'model-without-impact-assessment']);

describe('aims init / aims new (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();

  describe('init', () => {
    let root: string;
    let out: string;
    before(() => {
      root = tempDir();
      const r = aims(['init'], root);
      assert.equal(r.code, 0, r.stderr);
      out = r.stdout;
    });

    it('creates the config, a Statement of Applicability and a commented example of each kind', () => {
      const created = [...out.matchAll(/^created (\S+)$/gm)].map(m => m[1]);
      assert.ok(created.includes('aims/aims.config.yaml'));
      for (const f of created) assert.ok(fs.existsSync(path.join(root, f)), f);
      const kinds = created.filter(f => f !== 'aims/aims.config.yaml').map(f => load(read(root, f)).kind as Kind).sort();
      assert.deepEqual(kinds, [...KINDS].sort());
      for (const f of created.filter(x => x !== 'aims/aims.config.yaml')) {
        const text = read(root, f);
        const data = load(text);
        assert.equal(data.apiVersion, 'aims/v1');
        assert.equal(data.reviewed, TODAY, `${f}: reviewed is AIMS_TODAY`);
        const folder = KIND_SPECS[data.kind as Kind].folder;
        assert.equal(path.dirname(f), folder === '.' ? 'aims' : `aims/${folder}`);
        if (data.kind !== 'Applicability') assert.ok(text.split('\n').filter(l => /^\s*# /.test(l)).length > 20, `${f} is commented`);
      }
      assert.match(out, /Next: fill in the Statement of Applicability/);
    });

    it('the Statement of Applicability lists all 38 controls, once each, in catalogue order', () => {
      const soa = load(read(root, 'aims/statement-of-applicability.yaml'));
      assert.equal(soa.kind, 'Applicability');
      assert.deepEqual((soa.controls as { id: string }[]).map(c => c.id), [...CONTROL_IDS]);
    });

    it('lints with only the expected findings (empty answers), no structural problem', () => {
      const r = aims(['lint'], root);
      assert.equal(r.code, 1);
      const findings = lintJson(root);
      const unexpected = findings.filter(f => !INIT_FINDINGS.has(f.ruleId));
      assert.deepEqual(unexpected, []);
      assert.ok(findings.every(f => f.severity === (f.ruleId === 'recommended-field' ? 'info' : 'error')));
      assert.ok(!findings.some(f => f.file === 'aims/aims.config.yaml'));
    });

    it('the config is valid: coverage runs (every control missing until the SoA is filled in)', () => {
      const r = aims(['coverage', '--format', 'json'], root);
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as { counts: { missing: number } }).counts.missing, 38);
    });

    it('refuses to overwrite without --force (exit 2), leaving every file as it was', () => {
      const soa = path.join(root, 'aims/statement-of-applicability.yaml');
      fs.writeFileSync(soa, read(root, 'aims/statement-of-applicability.yaml').replace('title: Statement of Applicability', 'title: Ours'));
      const before = fs.readFileSync(soa, 'utf8');
      const r = aims(['init'], root);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^aims: aims\/aims\.config\.yaml, .* exist already; nothing was written\. Use --force to overwrite\.\n$/);
      assert.equal(fs.readFileSync(soa, 'utf8'), before);
    });

    it('refuses when only one of the files exists', () => {
      const d = tempDir();
      fs.mkdirSync(path.join(d, 'aims'));
      fs.writeFileSync(path.join(d, 'aims/aims.config.yaml'), 'roles: [ai_customer]\n');
      const r = aims(['init'], d);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /aims\/aims\.config\.yaml exists already; nothing was written/);
      assert.deepEqual(fs.readdirSync(path.join(d, 'aims')), ['aims.config.yaml']);
    });

    it('--force overwrites', () => {
      const r = aims(['init', '--force'], root);
      assert.equal(r.code, 0);
      assert.match(read(root, 'aims/statement-of-applicability.yaml'), /title: Statement of Applicability/);
    });
  });

  describe('init writes where it is run', () => {
    it('stops when a parent folder has aims/ already (exit 2), writing nothing anywhere', () => {
      const parent = tempDir();
      assert.equal(aims(['init'], parent).code, 0);
      const before = fs.readdirSync(path.join(parent, 'aims'), { recursive: true }).sort();
      const child = path.join(parent, 'services/scoring');
      fs.mkdirSync(child, { recursive: true });
      const r = aims(['init'], child);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `aims: ${path.join(parent, 'aims')} already exists in a parent folder; nothing was written.\n`
        + `Run 'aims' from ${parent} to use it, or 'aims init --root .' to create a separate aims/ here.\n`);
      assert.deepEqual(fs.readdirSync(child), []);
      assert.deepEqual(fs.readdirSync(path.join(parent, 'aims'), { recursive: true }).sort(), before);
    });

    it('--root . creates a separate aims/ in the current folder below one that has aims/', () => {
      const parent = tempDir();
      assert.equal(aims(['init'], parent).code, 0);
      const child = path.join(parent, 'sub');
      fs.mkdirSync(child);
      const r = aims(['init', '--root', '.'], child);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^created aims\/aims\.config\.yaml$/m);
      assert.ok(fs.existsSync(path.join(child, 'aims/statement-of-applicability.yaml')));
    });

    it('--root DIR creates aims/ in DIR and names the files as seen from the current folder', () => {
      const cwd = tempDir();
      const r = aims(['init', '--root', 'team/ws'], cwd);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^created team\/ws\/aims\/aims\.config\.yaml$/m);
      assert.ok(fs.existsSync(path.join(cwd, 'team/ws/aims/aims.config.yaml')));
      assert.deepEqual(fs.readdirSync(cwd), ['team']);
    });

    it('the help names --force', () => {
      assert.match(aims(['--help'], tempDir()).stdout, /^ {2}--force +init: overwrite/m);
    });
  });

  describe('new <kind> <id>', () => {
    const ALIASES: Record<Kind, string[]> = {
      ModelCard: ['ModelCard', 'model-card', 'modelcard'],
      DataProvenance: ['DataProvenance', 'data-provenance'],
      ImpactAssessment: ['ImpactAssessment', 'impact-assessment'],
      Applicability: ['Applicability', 'soa', 'statement-of-applicability'],
    };
    for (const kind of KINDS) {
      it(`${kind}: creates aims/${KIND_SPECS[kind].folder === '.' ? '' : KIND_SPECS[kind].folder + '/'}<id>.yaml with kind, id and only "fill me in" findings`, () => {
        ALIASES[kind].forEach((alias, i) => {
          const root = tempDir();
          fs.mkdirSync(path.join(root, 'aims'));
          const id = `my-${kind.toLowerCase()}-${i}`;
          const r = aims(['new', alias, id], root);
          assert.equal(r.code, 0, r.stderr);
          const folder = KIND_SPECS[kind].folder;
          const rel = `aims/${folder === '.' ? '' : folder + '/'}${id}.yaml`;
          assert.equal(r.stdout, `created ${rel}\n`);
          const data = load(read(root, rel));
          assert.deepEqual([data.apiVersion, data.kind, data.id, data.status, data.reviewed], ['aims/v1', kind, id, 'draft', TODAY]);
          const structural = lintJson(root).filter(f => f.file === rel && ['yaml-syntax', 'unknown-key', 'invalid-type', 'invalid-enum', 'invalid-id', 'invalid-date', 'unknown-kind', 'duplicate-key'].includes(f.ruleId));
          assert.deepEqual(structural, []);
        });
      });
    }

    it('--title and --owner fill the record in', () => {
      const root = tempDir();
      const r = aims(['new', 'DataProvenance', 'loans-2025', '--title', 'Loans 2025', '--owner', 'Data Office'], root);
      assert.equal(r.code, 0, r.stderr);
      const data = load(read(root, 'aims/data/loans-2025.yaml'));
      assert.deepEqual([data.title, data.owner], ['Loans 2025', 'Data Office']);
    });

    const bad: [string, string[], RegExp][] = [
      ['an unknown kind', ['new', 'Dataset', 'x'], /unknown kind 'Dataset'; use one of ModelCard, DataProvenance, ImpactAssessment, Applicability/],
      ['an id in camelCase', ['new', 'ModelCard', 'creditRisk'], /id 'creditRisk' is not kebab-case/],
      ['an id with underscores', ['new', 'ModelCard', 'credit_risk'], /id 'credit_risk' is not kebab-case/],
      ['an id with a trailing hyphen', ['new', 'ModelCard', 'credit-'], /is not kebab-case/],
      ['no id', ['new', 'ModelCard'], /usage: aims new <kind> <id>/],
      ['no kind', ['new'], /usage: aims new <kind> <id>/],
      ['an extra argument', ['new', 'ModelCard', 'a', 'b'], /unexpected argument 'b' for 'aims new'/],
    ];
    for (const [name, args, msg] of bad) {
      it(`exit 2 for ${name}, nothing written`, () => {
        const root = tempDir();
        const r = aims(args, root);
        assert.equal(r.code, 2);
        assert.match(r.stderr, msg);
        assert.deepEqual(fs.readdirSync(root), []);
      });
    }

    it('exit 2 when the file exists already, which stays as it was', () => {
      const root = tempDir();
      assert.equal(aims(['new', 'ModelCard', 'scorer'], root).code, 0);
      fs.appendFileSync(path.join(root, 'aims/models/scorer.yaml'), '# mine\n');
      const before = read(root, 'aims/models/scorer.yaml');
      const r = aims(['new', 'model-card', 'scorer'], root);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'aims: aims/models/scorer.yaml exists already; nothing was written.\n');
      assert.equal(read(root, 'aims/models/scorer.yaml'), before);
    });
  });
});
