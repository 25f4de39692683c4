// Every lint format carries, for every finding, its file, line, column, rule id, control id(s) and
// message; GitHub workflow commands are escaped the way the Actions runner unescapes them.
import * as assert from 'node:assert/strict';
import { markdownText } from '../../src/core/escape';
import { RULES } from '../../src/core/rules';
import { aims, copyExamples, lintJson, useTempDirs, workspace, type JsonFinding } from './helpers';

/** Undoes the runner's escaping of workflow command data / properties (actions/toolkit command.ts). */
const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProp = (s: string): string => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

interface Annotation { command: string; props: Record<string, string>; message: string }

/** Parses `::error file=...,line=...::message` lines as the Actions runner does. */
function parseAnnotations(out: string): Annotation[] {
  return out.split('\n').filter(Boolean).map(line => {
    const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
    assert.ok(m, `not a workflow command: ${line}`);
    const props: Record<string, string> = {};
    for (const kv of m[2].split(',')) {
      const i = kv.indexOf('=');
      assert.ok(i > 0, `property without '=': ${kv} in ${line}`);
      props[kv.slice(0, i)] = unescapeProp(kv.slice(i + 1));
    }
    return { command: m[1], props, message: unescapeData(m[3]) };
  });
}

const controlsText = (f: JsonFinding): string => (f.controls.length ? ` [${f.controls.join(', ')}]` : '');

describe('aims lint --format (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();
  let root: string;
  let findings: JsonFinding[];
  before(() => {
    root = copyExamples();
    findings = lintJson(root);
  });

  it('json: one object per finding with file, line, column, end, rule, severity, controls, message', () => {
    assert.ok(findings.length >= 6);
    for (const f of findings) {
      assert.match(f.file, /^(aims\/.+\.yaml|src\/.+\.py|notebooks\/.+\.ipynb)$/);
      assert.ok(Number.isInteger(f.line) && f.line >= 1 && Number.isInteger(f.column) && f.column >= 1, JSON.stringify(f));
      assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), JSON.stringify(f));
      assert.match(f.ruleId, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(Array.isArray(f.controls) && f.controls.every(c => /^A\.\d+\.\d+(\.\d+)?$/.test(c)));
      assert.ok(f.message.length > 10);
    }
    assert.ok(findings.some(f => f.controls.length > 0));
    const dangling = findings.find(f => f.ruleId === 'dangling-reference')!;
    assert.deepEqual([dangling.file, dangling.line, dangling.column, dangling.fixable], ['aims/models/credit-risk-scorer.yaml', 37, 5, true]);
  });

  it('stylish: a header per file and a line per finding with line:column, severity, message, rule and controls', () => {
    const r = aims(['lint', '--format', 'stylish'], root);
    assert.equal(r.code, 1);
    const blocks = new Map<string, string[]>();
    let current = '';
    for (const line of r.stdout.split('\n')) {
      if (/^(aims|src|notebooks)\//.test(line)) { current = line; blocks.set(line, []); } else if (current && line.startsWith('  ')) blocks.get(current)!.push(line);
    }
    for (const f of findings) {
      const lines = blocks.get(f.file);
      assert.ok(lines, `header for ${f.file}`);
      const want = new RegExp(`^  ${f.line}:${f.column}\\s+${f.severity}\\s+${esc(f.message)}  ${esc(f.ruleId + controlsText(f))}$`);
      assert.ok(lines.some(l => want.test(l)), `${f.file}: no line like ${want}\n${lines.join('\n')}`);
    }
    const errors = findings.filter(f => f.severity === 'error').length;
    assert.match(r.stdout, new RegExp(`✖ ${findings.length} problems \\(${errors} errors, `));
  });

  it('github: a workflow command per finding with file, line, col, title (rule id) and message with controls', () => {
    const r = aims(['lint', '--format', 'github'], root);
    assert.equal(r.code, 1);
    const ann = parseAnnotations(r.stdout);
    assert.equal(ann.length, findings.length);
    findings.forEach((f, i) => {
      const a = ann[i];
      assert.equal(a.command, f.severity === 'info' ? 'notice' : f.severity);
      assert.equal(a.props.file, f.file);
      assert.equal(a.props.line, String(f.line));
      assert.equal(a.props.col, String(f.column));
      assert.equal(a.props.endLine, String(f.endLine));
      assert.equal(a.props.endColumn, String(f.endColumn));
      assert.equal(a.props.title, `aims(${f.ruleId})`);
      assert.equal(a.message, f.message + controlsText(f));
    });
  });

  it('github: escapes % and shows CR, LF as inert \\r \\n in messages, and also : and , in properties', () => {
    // a file name with ',' ':' '%' and a value with '%', ',' and a line break end up in the annotation
    const ws = workspace({
      'aims/data/odd,name:50%.yaml': [
        'apiVersion: aims/v1', 'kind: DataProvenance', 'id: odd-name', 'title: Odd', 'owner: Someone',
        'status: "50%, done\\r\\nreally"', 'reviewed: 2026-01-10', 'review_by: 2027-01-10', '',
      ].join('\n'),
    });
    const r = aims(['lint', '--format', 'github', 'aims/data'], ws);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter(Boolean);
    const status = lines.find(l => l.includes('invalid-enum'))!;
    assert.ok(status, r.stdout);
    assert.ok(status.includes('file=aims/data/odd%2Cname%3A50%25.yaml,line=6,col=9,'), status);
    assert.ok(status.includes('50%25, done\\r\\nreally'), status);
    assert.ok(!/[\r]/.test(r.stdout), 'no raw CR');
    const [a] = parseAnnotations(status);
    assert.equal(a.props.file, 'aims/data/odd,name:50%.yaml');
    assert.ok(a.message.includes('50%, done\\r\\nreally'), a.message);
    assert.equal(parseAnnotations(r.stdout).length, lines.length, 'one line per annotation');
  });

  it('markdown: a table row per finding with file, line, column, severity, rule (linked), controls and message', () => {
    const r = aims(['lint', '--format', 'markdown'], root);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^## AIMS findings\n/);
    assert.ok(r.stdout.includes('| File | Line | Col | Severity | Rule | Controls | Message |'));
    const rows = r.stdout.split('\n').filter(l => l.startsWith('| `'));
    assert.equal(rows.length, findings.length);
    findings.forEach((f, i) => {
      const cells = rows[i].slice(2, -2).split(/ (?<!\\)\| /);
      assert.equal(cells[0], `\`${f.file}\``);
      assert.equal(cells[1], String(f.line));
      assert.equal(cells[2], String(f.column));
      assert.match(cells[3], new RegExp(f.severity));
      assert.equal(cells[4], `[\`${f.ruleId}\`](https://github.com/aims-tools/aims-lint/blob/main/docs/rules/${f.ruleId}.md)`);
      assert.equal(cells[5], f.controls.join(', '));
      assert.equal(cells[6], markdownText(f.message));
    });
  });

  it('markdown on a clean workspace says so', () => {
    // only the syntax rule on: a minimal record is clean (an empty aims/ is a usage error, exit 2)
    const off = RULES.filter(x => x.id !== 'yaml-syntax').map(x => `  ${x.id}: off`).join('\n');
    const ws = workspace({ 'aims/ok.yaml': 'apiVersion: aims/v1\nkind: ModelCard\nid: ok\n', 'aims/aims.config.yaml': `rules:\n${off}\n` });
    const r = aims(['lint', '--format', 'markdown'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✅ 1 record files checked, no problems/);
  });

  it('sarif: a result per finding with uri, region, ruleId, level and the controls', () => {
    const r = aims(['lint', '--format', 'sarif'], root);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; message: { text: string }; properties: { controls: string[] }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const results = log.runs[0].results;
    assert.equal(results.length, findings.length);
    findings.forEach((f, i) => {
      const res = results[i];
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, f.file);
      assert.equal(loc.region.startLine, f.line);
      assert.equal(loc.region.startColumn, f.column);
      assert.equal(res.ruleId, f.ruleId);
      assert.equal(res.level, f.severity === 'info' ? 'note' : f.severity);
      assert.deepEqual(res.properties.controls, f.controls);
      assert.equal(res.message.text, f.message + controlsText(f));
    });
  });

  it('the same findings in every format, and the same exit code', () => {
    for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
      const r = aims(['lint', '-f', format], root);
      assert.equal(r.code, 1, format);
      assert.equal(r.stderr, '', format);
      for (const f of findings) assert.ok(r.stdout.includes(f.ruleId), `${format}: ${f.ruleId}`);
    }
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
