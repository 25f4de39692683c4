// The `aims` command line. main() is testable in-process; index.ts wires it to the real process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CONTROLS } from '../core/catalogue';
import { AIMS_DIR, ConfigError } from '../core/config';
import { computeCoverage } from '../core/coverage';
import type { Finding, Kind } from '../core/model';
import { KINDS } from '../core/model';
import { openProject, type Project } from '../core/project';
import { RULES } from '../core/rules';
import { todayIso } from '../core/rule';
import { KEBAB_ID, KIND_SPECS } from '../core/schema';
import type { Formatter, LintReport } from './formatters/types';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY?: boolean;
}

declare const AIMS_VERSION: string | undefined;
export const VERSION = typeof AIMS_VERSION === 'string' ? AIMS_VERSION : '0.0.0-dev';

class UsageError extends Error {}

const HELP = `aims — lint ISO/IEC 42001 AIMS records kept as code in aims/

Usage:
  aims lint [paths...]   Check records; exit 1 on errors
  aims coverage          Annex A control coverage
  aims init              Create aims/ with a config, a Statement of Applicability and examples
  aims new <kind> <id>   Create a record (kinds: ${KINDS.join(', ')})
  aims rules             List the rules

Options:
  --root DIR             Workspace root (default: nearest folder with aims/ from the current one)
  -f, --format NAME      lint: stylish | json | sarif | github | markdown
                         coverage: table | json | markdown;  rules: table | json | markdown
  -o, --output FILE      Write the report to FILE
  --max-warnings N       lint: exit 1 when there are more than N warnings
  --fix                  lint: apply safe fixes and write the files
  --quiet                lint: report errors only
  --no-color             No ANSI colors (also NO_COLOR=1)
  -h, --help             Help;  -v, --version  Version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.
Docs: https://github.com/aims-tools/aims-lint#readme`;

const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
const COVERAGE_FORMATS = ['table', 'json', 'markdown'] as const;

function loadFormatter(name: (typeof LINT_FORMATS)[number]): Formatter {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (name) {
    case 'stylish': return require('./formatters/stylish').default;
    case 'json': return require('./formatters/json').default;
    case 'sarif': return require('./formatters/sarif').default;
    case 'github': return require('./formatters/github').default;
    case 'markdown': return require('./formatters/markdown').default;
  }
}

/** The folder whose aims/ we lint: --root, or the nearest ancestor of cwd with an aims/ folder. */
export function findRoot(cwd: string, explicit?: string): string {
  if (explicit) return path.resolve(cwd, explicit);
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, AIMS_DIR))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(cwd);
    dir = up;
  }
}

export function parseKind(raw: string): Kind | undefined {
  const k = raw.toLowerCase().replace(/[-_\s]/g, '');
  if (k === 'soa' || k === 'statementofapplicability') return 'Applicability';
  return KINDS.find(x => x.toLowerCase() === k);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof ConfigError) { io.stderr(`aims: ${e.message}\nFix aims/aims.config.yaml (see the README's Configuration section).\n`); return 2; }
    if (e instanceof UsageError) { io.stderr(`aims: ${e.message}\nRun 'aims --help' for usage.\n`); return 2; }
    const err = e as NodeJS.ErrnoException;
    if (err && (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')) {
      io.stderr(`aims: ${err.message}\nRun 'aims --help' for usage.\n`);
      return 2;
    }
    io.stderr(`aims: internal error: ${err?.stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean' },
      quiet: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      force: { type: 'boolean' },
      title: { type: 'string' },
      owner: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const [cmd, ...rest] = positionals;
  if (values.version) { io.stdout(`${VERSION}\n`); return 0; }
  if (values.help || !cmd || cmd === 'help') { io.stdout(HELP + '\n'); return cmd || values.help ? 0 : 2; }

  const color = !values['no-color'] && !io.env.NO_COLOR && (values.color ?? !!io.isTTY);
  const today = values.today ?? io.env.AIMS_TODAY ?? todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(`--today must be YYYY-MM-DD, not '${today}'.`);
  const root = findRoot(io.cwd, values.root);
  const emit = (text: string): void => {
    if (values.output) fs.writeFileSync(path.resolve(io.cwd, values.output), text);
    else io.stdout(text);
  };

  switch (cmd) {
    case 'lint': {
      const format = (values.format ?? 'stylish') as (typeof LINT_FORMATS)[number];
      if (!LINT_FORMATS.includes(format)) throw new UsageError(`unknown lint format '${values.format}'; use one of ${LINT_FORMATS.join(', ')}.`);
      let maxWarnings = -1;
      if (values['max-warnings'] !== undefined) {
        maxWarnings = Number(values['max-warnings']);
        if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number ≥ 0, not '${values['max-warnings']}'.`);
      }
      const project = open(root, today);
      const filter = rest.map(p => relTo(root, path.resolve(io.cwd, p)));
      for (const f of filter) {
        if (f.startsWith('..')) throw new UsageError(`'${f}' is outside the workspace ${root}.`);
      }
      if (values.fix) applyFixes(project, filter, io);
      const report = buildReport(project, filter, !!values.quiet);
      emit(loadFormatter(format)(report, { color: color && !values.output }));
      const { error, warning } = report.counts;
      if (error > 0) return 1;
      if (maxWarnings >= 0 && warning > maxWarnings) {
        io.stderr(`aims: ${warning} warnings exceed --max-warnings ${maxWarnings}.\n`);
        return 1;
      }
      return 0;
    }
    case 'coverage': {
      const format = (values.format ?? 'table') as (typeof COVERAGE_FORMATS)[number];
      if (!COVERAGE_FORMATS.includes(format)) throw new UsageError(`unknown coverage format '${values.format}'; use one of ${COVERAGE_FORMATS.join(', ')}.`);
      const project = open(root, today);
      const cov = computeCoverage(project.linter);
      /* eslint-disable @typescript-eslint/no-require-imports */
      const f = require('./formatters/coverage') as typeof import('./formatters/coverage');
      emit(format === 'json' ? JSON.stringify(cov, null, 2) + '\n' : format === 'markdown' ? f.coverageMarkdown(cov) : f.coverageTable(cov, color && !values.output));
      return 0;
    }
    case 'rules': {
      const format = values.format ?? 'table';
      if (format === 'json') emit(JSON.stringify(RULES.map(r => ({ id: r.id, title: r.title, severity: r.severity, kinds: r.kinds, controls: r.controls, annexB: r.annexB, fixable: r.fixable ?? null })), null, 2) + '\n');
      else if (format === 'markdown') emit((require('../core/docs') as typeof import('../core/docs')).rulesTable(RULES) + '\n');
      else if (format === 'table') {
        const w = Math.max(...RULES.map(r => r.id.length));
        emit(RULES.map(r => `${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${(r.fixable ? (r.fixable === 'suggestion' ? 'quick-fix' : 'fix') : '').padEnd(9)}  ${r.title}${r.controls.length ? ` [${r.controls.join(', ')}]` : ''}`).join('\n') + `\n\n${RULES.length} rules over ${CONTROLS.length} Annex A controls.\n`);
      } else throw new UsageError(`unknown rules format '${format}'; use table, json or markdown.`);
      return 0;
    }
    case 'init': {
      const { initFiles } = require('../core/skeleton') as typeof import('../core/skeleton');
      const files = initFiles({ today });
      const existing = files.filter(f => fs.existsSync(path.join(root, f.path)));
      if (existing.length && !values.force) {
        io.stderr(`aims: ${existing.map(f => f.path).join(', ')} ${existing.length === 1 ? 'exists' : 'exist'} already; nothing was written. Use --force to overwrite.\n`);
        return 2;
      }
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
        fs.writeFileSync(path.join(root, f.path), f.text);
        io.stdout(`created ${f.path}\n`);
      }
      io.stdout(`\nNext: fill in the Statement of Applicability (${files.find(f => f.path.includes('applicability'))?.path}) and run 'aims lint'.\n`);
      return 0;
    }
    case 'new': {
      const [kindRaw, id] = rest;
      if (!kindRaw || !id) throw new UsageError(`usage: aims new <kind> <id>   (kinds: ${KINDS.join(', ')})`);
      const kind = parseKind(kindRaw);
      if (!kind) throw new UsageError(`unknown kind '${kindRaw}'; use one of ${KINDS.join(', ')} (or model-card, data-provenance, impact-assessment, soa).`);
      if (!KEBAB_ID.test(id)) throw new UsageError(`id '${id}' is not kebab-case (lowercase letters and digits joined by hyphens, e.g. loan-applications-2024).`);
      const { skeletonRecord } = require('../core/skeleton') as typeof import('../core/skeleton');
      const folder = KIND_SPECS[kind].folder;
      const rel = `${AIMS_DIR}/${folder === '.' ? '' : folder + '/'}${id}.yaml`;
      const abs = path.join(root, rel);
      if (fs.existsSync(abs)) { io.stderr(`aims: ${rel} exists already; nothing was written.\n`); return 2; }
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, skeletonRecord(kind, id, { today, title: values.title, owner: values.owner, comments: true }));
      io.stdout(`created ${rel}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command '${cmd}'.`);
  }
}

function open(root: string, today: string): Project {
  if (!fs.existsSync(path.join(root, AIMS_DIR))) throw new UsageError(`no ${AIMS_DIR}/ folder in ${root}; run 'aims init' to create one, or pass --root.`);
  return openProject(root, { today });
}

function relTo(root: string, abs: string): string {
  const r = path.relative(root, abs).split(path.sep).join('/');
  return r === '' ? '.' : r;
}

const inFilter = (file: string, filter: string[]): boolean =>
  filter.length === 0 || filter.some(f => f === '.' || f === file || file.startsWith(f.replace(/\/$/, '') + '/'));

function applyFixes(project: Project, filter: string[], io: Io): void {
  const { fixFile } = require('../core/fix') as typeof import('../core/fix');
  let files = 0, fixes = 0;
  for (const file of project.files) {
    if (!inFilter(file, filter)) continue;
    const before = project.linter.text(file);
    if (before === undefined || !project.linter.findingsFor(file).some(f => f.fix)) continue;
    const { text, applied } = fixFile(project.linter, file);
    if (applied > 0 && text !== before) {
      fs.writeFileSync(path.join(project.root, file), text);
      files++; fixes += applied;
    }
  }
  if (fixes) io.stderr(`aims: applied ${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}.\n`);
}

function buildReport(project: Project, filter: string[], quiet: boolean): LintReport {
  const files: { file: string; findings: Finding[] }[] = [];
  const counts = { error: 0, warning: 0, info: 0, fixable: 0 };
  for (const [file, all] of project.linter.allFindings()) {
    if (!inFilter(file, filter)) continue;
    const findings = quiet ? all.filter(f => f.severity === 'error') : all;
    if (!findings.length) continue;
    files.push({ file, findings });
    for (const f of findings) { counts[f.severity]++; if (f.fix) counts.fixable++; }
  }
  const linted = filter.length ? project.files.filter(f => inFilter(f, filter)).length : project.files.length;
  return { root: project.root, files, counts, linted, rules: RULES, version: VERSION };
}
