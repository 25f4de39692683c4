// `aims lint --format sarif`: valid SARIF 2.1.0 (checked offline against the OASIS JSON Schema that
// @microsoft/jest-sarif ships), with what GitHub code scanning reads: the tool and its rules (id,
// descriptions, help URI, tags with the control ids), results with rule, level, message, a
// repository-relative location with line and column, and stable fingerprints.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupOf } from '../../src/core/catalogue';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../src/core/rules';
import { aims, cleanExamples, copyExamples, lintJson, read, REPO, tempDir, useTempDirs, workspace, write } from './helpers';

interface Region { startLine: number; startColumn: number; endLine?: number; endColumn?: number }
interface PhysicalLocation { artifactLocation: { uri: string; uriBaseId?: string }; region?: Region }
interface SarifResult {
  ruleId: string; ruleIndex?: number; level: string; message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: PhysicalLocation }[];
  partialFingerprints: Record<string, string>;
  properties: { controls: string[] };
  suppressions?: { kind: string; status?: string; justification?: string }[];
}
interface SarifRule {
  id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string;
  help: { text: string; markdown: string }; defaultConfiguration: { level: string };
  properties: { tags: string[]; controls: string[]; precision: string; 'problem.severity': string };
}
interface SarifLog {
  $schema: string; version: string;
  runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[]; columnKind: string }[];
}

const SCHEMA_FILE = path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  // the schema's language-tag pattern is not valid in unicode mode, hence unicodeRegExp: false
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return data => (validate(data) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`));
}

function sarif(root: string, args: string[] = [], cwd = root): SarifLog {
  const r = aims(['lint', '--format', 'sarif', ...args], cwd);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as SarifLog;
}

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('aims lint --format sarif (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();
  const validate = sarifValidator();
  let root: string;
  let log: SarifLog;
  before(() => {
    root = copyExamples();
    log = sarif(root);
  });

  it('is valid SARIF 2.1.0 (OASIS JSON Schema, offline)', () => {
    assert.deepEqual(validate(log), []);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('is valid with no results, and with related locations (a duplicate id)', () => {
    const clean = sarif(cleanExamples());
    assert.deepEqual(validate(clean), []);
    assert.deepEqual(clean.runs[0].results, []);
    const dup = copyExamples();
    write(dup, 'aims/data/copy.yaml', read(dup, 'aims/data/loan-applications-2024.yaml'));
    const withRelated = sarif(dup);
    assert.deepEqual(validate(withRelated), []);
    const r = withRelated.runs[0].results.find(x => x.ruleId === 'duplicate-id' && x.relatedLocations?.length);
    assert.ok(r, 'a duplicate-id result with related locations');
    for (const rel of r.relatedLocations!) {
      assert.ok(rel.message.text);
      assert.match(rel.physicalLocation.artifactLocation.uri, /^aims\/data\/.+\.yaml$/);
    }
  });

  it('the tool: name, version, information URI and every rule', () => {
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'aims');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map(r => r.id), RULES.map(r => r.id));
  });

  it('each rule: id, name, short and full description, help URI and text, level, tags with the control ids', () => {
    for (const rule of log.runs[0].tool.driver.rules) {
      const meta = RULES.find(r => r.id === rule.id)!;
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/);
      assert.equal(rule.shortDescription.text, meta.title);
      assert.ok(rule.fullDescription.text.length > 20);
      assert.equal(rule.helpUri, `https://github.com/aims-tools/aims-lint/blob/main/docs/rules/${rule.id}.md`);
      assert.ok(fs.existsSync(path.join(REPO, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
      assert.ok(rule.help.text && rule.help.markdown.includes(rule.helpUri));
      assert.equal(rule.defaultConfiguration.level, meta.severity === 'info' ? 'note' : meta.severity);
      assert.deepEqual(rule.properties.controls, meta.controls);
      for (const c of meta.controls) assert.ok(rule.properties.tags.includes(c) || (meta.controls.length > 18 && rule.properties.tags.includes(groupOf(c))), `${rule.id}: tag ${c}`);
      assert.ok(rule.properties.tags.length <= 20, 'GitHub keeps at most 20 tags');
      assert.ok(['error', 'warning', 'recommendation'].includes(rule.properties['problem.severity']));
    }
  });

  it('each result: rule id and index, level, message, relative uri with %SRCROOT%, region, fingerprint, controls', () => {
    const run = log.runs[0];
    const findings = lintJson(root);
    assert.equal(run.results.length, findings.length);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/$/);
    const prints = new Set<string>();
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex!].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(res.message.text.length > 10);
      assert.equal(res.locations.length, 1);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.match(loc.artifactLocation.uri, /^(aims\/[^:]+\.yaml|src\/[^:]+\.py|notebooks\/[^:]+\.ipynb)$/, 'relative, forward slashes, no scheme');
      const g = loc.region!;
      assert.ok(g.startLine >= 1 && g.startColumn >= 1);
      assert.ok(g.endLine! > g.startLine || (g.endLine === g.startLine && g.endColumn! > g.startColumn), JSON.stringify(g));
      for (const c of res.properties.controls) assert.ok(res.message.text.includes(c));
      const fp = res.partialFingerprints['aimsFinding/v1'];
      assert.match(fp, /^[0-9a-f]{32}:\d+$/);
      assert.ok(!prints.has(fp), `unique fingerprint ${fp}`);
      prints.add(fp);
    }
  });

  it('a finding accepted by an inline comment is a result with an in-source suppression and its reason', () => {
    const ws = copyExamples();
    const soa = 'aims/statement-of-applicability.yaml';
    const reason = 'A.9.2 does not apply: we only develop, others use; decided by the AIMS board on 2026-11-20';
    write(ws, soa, read(ws, soa).replace('    justification: N/A\n', `    # aims-disable-next-line soa-exclusion-justification -- ${reason}\n    justification: N/A\n`));
    const before = log.runs[0].results.filter(r => r.ruleId === 'soa-exclusion-justification');
    assert.equal(before.length, 1);
    assert.equal(before[0].suppressions, undefined, 'without the comment: not suppressed');
    const after = sarif(ws);
    assert.deepEqual(validate(after), []);
    const hit = after.runs[0].results.filter(r => r.ruleId === 'soa-exclusion-justification');
    assert.equal(hit.length, 1);
    assert.deepEqual(hit[0].suppressions, [{ kind: 'inSource', status: 'accepted', justification: reason, properties: { directive: 'aims-disable-next-line', line: hit[0].locations[0].physicalLocation.region!.startLine - 1 } }]);
    // the same alert as before (GitHub shows it dismissed): same fingerprint, one line further down
    assert.deepEqual(hit[0].partialFingerprints, before[0].partialFingerprints);
    assert.equal(after.runs[0].results.length, log.runs[0].results.length);
    assert.equal(after.runs[0].results.filter(r => !r.suppressions).length, log.runs[0].results.length - 1);
  });

  it('fingerprints stay the same when lines move and when the date changes', () => {
    const d = copyExamples();
    const first = sarif(d).runs[0].results;
    for (const f of ['aims/models/credit-risk-scorer.yaml', 'aims/data/credit-bureau-attributes-2024.yaml']) write(d, f, `# moved down by two lines\n\n${read(d, f)}`);
    const later = aims(['lint', '--format', 'sarif'], d, { AIMS_TODAY: '2026-12-15' });
    const second = (JSON.parse(later.stdout) as SarifLog).runs[0].results;
    const key = (r: SarifResult): string => r.partialFingerprints['aimsFinding/v1'];
    assert.deepEqual(second.map(key).sort(), first.map(key).sort());
    const moved = (rs: SarifResult[]): SarifResult => rs.find(r => r.ruleId === 'dangling-reference')!;
    assert.equal(moved(second).locations[0].physicalLocation.region!.startLine, moved(first).locations[0].physicalLocation.region!.startLine + 2);
    const overdue = (rs: SarifResult[]): SarifResult => rs.find(r => r.ruleId === 'review-overdue')!;
    assert.notEqual(overdue(second).message.text, overdue(first).message.text, 'the message names the days overdue');
    assert.equal(key(overdue(second)), key(overdue(first)));
  });

  it('uris are percent-encoded relative references', () => {
    const ws = workspace({ 'aims/data/my data#1.yaml': 'apiVersion: aims/v1\nkind: DataProvenance\nid: x\n' });
    const out = sarif(ws);
    assert.deepEqual(validate(out), []);
    assert.ok(out.runs[0].results.every(r => r.locations[0].physicalLocation.artifactLocation.uri === 'aims/data/my%20data%231.yaml'));
  });

  (hasGit ? it : it.skip)('uris are relative to the git repository, wherever aims runs from (as code scanning needs)', () => {
    const repo = tempDir('aims-repo-');
    assert.equal(spawnSync('git', ['init', '-q', repo]).status, 0);
    const ws = path.join(repo, 'compliance');
    fs.cpSync(copyExamples(), ws, { recursive: true });
    const expected = lintJson(ws).map(f => `compliance/${f.file}`);
    for (const [args, cwd] of [[['--root', 'compliance'], repo], [[], ws], [[], path.join(ws, 'aims/models')]] as [string[], string][]) {
      const out = sarif(ws, args, cwd);
      assert.deepEqual(validate(out), []);
      assert.equal(out.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${encodeURI(repo)}/`);
      assert.deepEqual(out.runs[0].results.map(r => r.locations[0].physicalLocation.artifactLocation.uri), expected, `from ${cwd}`);
      for (const u of expected) assert.ok(fs.existsSync(path.join(repo, u)));
      // GitHub annotations name the same repository paths
      const gh = aims(['lint', '--format', 'github', ...args], cwd);
      const files = gh.stdout.split('\n').filter(Boolean).map(l => /file=([^,]+),/.exec(l)![1]);
      assert.deepEqual(files, expected);
    }
  });
});
