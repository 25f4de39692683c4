// SARIF 2.1.0 for GitHub code scanning: every rule with its docs URL and controls; results with
// file, region and a stable fingerprint. Paths are relative to report.base (the top of the git
// repository when there is one), which %SRCROOT% names, as code scanning expects.
import { createHash } from 'node:crypto';
import { getControl, groupOf } from '../../core/catalogue';
import { ruleDocsUrl } from '../../core/docs-url';
import { terminalText } from '../../core/escape';
import type { Finding, Severity } from '../../core/model';
import type * as Sarif from 'sarif';
import type { Formatter } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const IMPACT: Record<Severity, string> = { error: 'high', warning: 'medium', info: 'low' };
const pascal = (id: string): string => id.split('-').map(w => w[0].toUpperCase() + w.slice(1)).join('');

/** GitHub keeps at most 20 tags: the control ids, or their groups (A.4, A.7) when a rule serves more than 18 controls. */
function ruleTags(controls: readonly string[]): string[] {
  const tags = controls.length <= 18 ? controls : [...new Set(controls.map(groupOf))];
  return ['iso42001', 'aims', ...tags];
}

const sarif: Formatter = report => {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules = report.rules.map(r => {
    const controls = r.controls.map(c => `${c} ${getControl(c)?.title ?? ''}`.trim());
    const help = `${r.docs.howToFix}\n\nWhy: ${r.docs.rationale}`;
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: r.title },
      fullDescription: { text: r.docs.rationale },
      helpUri: ruleDocsUrl(r.id),
      help: { text: help, markdown: `${r.docs.howToFix}\n\n**Why:** ${r.docs.rationale}${controls.length ? `\n\n**ISO/IEC 42001 Annex A:** ${controls.join('; ')}` : ''}\n\n[Rule documentation](${ruleDocsUrl(r.id)})` },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: {
        tags: ruleTags(r.controls),
        controls: r.controls,
        annexB: r.annexB,
        precision: 'high',
        'problem.severity': r.severity === 'info' ? 'recommendation' : r.severity,
      },
    };
  });
  // The fingerprint identifies a finding across runs: rule, file and the data path it is about, not its
  // line (which moves as the file is edited) nor its message (which can name today's date); findings
  // with the same key are numbered in order.
  const seen = new Map<string, number>();
  const result = (file: string) => {
    const uri = report.display(file);
    const encoded = encodeUriPath(uri);
    return (f: Finding) => {
      const r = f.range!;
      const key = createHash('sha256').update(`${f.ruleId}\0${uri}\0${JSON.stringify(f.path)}\0${f.target}`).digest('hex').slice(0, 32);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return {
        ruleId: f.ruleId,
        ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: terminalText(f.message) + (f.controls.length ? ` [${f.controls.join(', ')}]` : '') },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: encoded, uriBaseId: '%SRCROOT%' },
            region: { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: Math.max(r.end.column, r.end.line === r.start.line ? r.start.column + 1 : 1) },
          },
        }],
        ...(f.related?.length ? {
          relatedLocations: f.related.map((rel, i) => ({
            id: i,
            message: { text: terminalText(rel.message) },
            physicalLocation: { artifactLocation: { uri: encodeUriPath(report.display(rel.file)), uriBaseId: '%SRCROOT%' }, ...(rel.range ? { region: { startLine: rel.range.start.line, startColumn: rel.range.start.column } } : {}) },
          })),
        } : {}),
        partialFingerprints: { 'aimsFinding/v1': `${key}:${n}` },
        properties: { controls: f.controls, impact: IMPACT[f.severity] },
        // accepted by an inline comment: code scanning shows it as dismissed, with the reason
        ...(f.suppressed ? { suppressions: [suppression(f.suppressed)] } : {}),
      };
    };
  };
  const results = [...report.files, ...report.suppressed].flatMap(({ file, findings }) => findings.map(result(file)));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'aims', informationUri: 'https://github.com/aims-tools/aims-lint', version: report.version, semanticVersion: report.version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(report.base) } },
      results,
      columnKind: 'utf16CodeUnits',
    }],
  }, null, 2) + '\n';
};

function suppression(s: NonNullable<Finding['suppressed']>): Sarif.Suppression {
  return {
    kind: 'inSource',
    status: 'accepted',
    justification: s.reason,
    properties: { directive: s.scope === 'file' ? 'aims-disable' : 'aims-disable-next-line', line: s.line },
  };
}

/** file:///abs/dir/ (with the trailing slash SARIF requires of a base URI), also for Windows paths. */
function pathToUri(p: string): string {
  const posix = p.replace(/\\/g, '/');
  const withSlash = posix.endsWith('/') ? posix : posix + '/';
  // a drive letter's colon stays as it is (file:///C:/...)
  return 'file://' + encodeUriPath(withSlash.startsWith('/') ? withSlash : '/' + withSlash).replace(/%3A/gi, ':');
}

/** A path as a URI reference: each segment percent-encoded (spaces, #, ?, %, :), slashes kept. */
function encodeUriPath(p: string): string {
  return p.split('/').map(seg => encodeURIComponent(seg)).join('/');
}

export default sarif;
