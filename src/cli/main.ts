// The `aims` command line. main() is testable in-process; index.ts wires it to the real process.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CONTROLS } from '../core/catalogue';
import { AIMS_DIR, ConfigError, DEFAULT_CONFIG } from '../core/config';
import { findRecordFiles } from '../core/discover';
import { fixEditsFor, fixFile } from '../core/fix';
import { computeCoverage } from '../core/coverage';
import { terminalText } from '../core/escape';
import type { Finding, Kind } from '../core/model';
import { KINDS } from '../core/model';
import { parallelAnalyzer } from '../core/pool';
import { openProject, type Project } from '../core/project';
import { RULES } from '../core/rules';
import { todayIso } from '../core/rule';
import { isIsoDate, KEBAB_ID, KIND_SPECS } from '../core/schema';
import { oneLine } from '../core/text';
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
  aims init              Create aims/ here (or in --root) with a config, a Statement of
                         Applicability and an example of each record kind
  aims new <kind> <id>   Create a record (kinds: ${KINDS.join(', ')})
  aims rules             List the rules
  aims inventory         Models and datasets in code and records (table | json | cyclonedx)
  aims import hf-model-card|hf-dataset-card <README.md> [--id ID]
                         A ModelCard / DataProvenance from a Hugging Face card

Options:
  --root DIR             Workspace root (default: nearest folder with aims/ from the current one;
                         init: the current folder)
  -f, --format NAME      lint: stylish | json | sarif | github | markdown
                         coverage: table | json | markdown | csv | html | soa-markdown
                         rules: table | json | markdown
                         inventory: table | json | cyclonedx
  -o, --output FILE      Write the report to FILE
  --max-warnings N       lint: exit 1 when there are more than N warnings
  --changed-since REF    lint: only records changed since the git revision REF, and records
                         whose findings changed through them (references, ids)
  --compare REF          coverage: the controls whose state changed since REF, before → after,
                         and the totals (formats table | json | markdown)
  --fix                  lint: apply safe fixes and write the files
  --quiet                lint: report errors only
  --force                init: overwrite the files it creates when they exist
  --no-color             No ANSI colors (also NO_COLOR=1)
  -h, --help             Help;  -v, --version  Version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error,
            or nothing to check (aims/ missing, a file or empty; no file matches the config;
            every rule off).
Docs: https://github.com/aims-tools/aims-lint#readme`;

const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
const COVERAGE_FORMATS = ['table', 'json', 'markdown', 'csv', 'html', 'soa-markdown'] as const;

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
  const ctx: { root?: string } = {};
  try {
    return await run(argv, io, ctx);
  } catch (e) {
    if (e instanceof ConfigError) {
      // name the file as the user can open it from where they ran the command
      const file = ctx.root ? shownPath(io.cwd, ctx.root, e.file) : e.file;
      io.stderr(`aims: ${terminalText(file)}:${e.line}:${e.column}: ${terminalText(e.detail)}\nFix ${file} (see the README's Configuration section), or delete it to use the defaults.\n`);
      return 2;
    }
    if (e instanceof UsageError) { io.stderr(`aims: ${e.message}\nRun 'aims --help' for usage.\n`); return 2; }
    if (e instanceof Error && e.name === 'GitBaseError') { io.stderr(`aims: ${e.message}\n`); return 2; }
    const err = e as NodeJS.ErrnoException;
    if (err && (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')) {
      io.stderr(`aims: ${err.message}\nRun 'aims --help' for usage.\n`);
      return 2;
    }
    io.stderr(`aims: internal error: ${err?.stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io, ctx: { root?: string }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      'changed-since': { type: 'string' },
      compare: { type: 'string' },
      fix: { type: 'boolean' },
      quiet: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      force: { type: 'boolean' },
      title: { type: 'string' },
      owner: { type: 'string' },
      id: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const [cmd, ...rest] = positionals;
  if (values.version) { io.stdout(`${VERSION}\n`); return 0; }
  if (values.help || cmd === 'help') { io.stdout(HELP + '\n'); return 0; }
  if (!cmd) { io.stderr(HELP + '\n'); return 2; }
  if (!COMMANDS.includes(cmd)) throw new UsageError(`unknown command '${cmd}'; use one of ${COMMANDS.join(', ')}.`);
  const maxArgs = cmd === 'lint' ? Infinity : cmd === 'new' || cmd === 'import' ? 2 : 0;
  if (rest.length > maxArgs) throw new UsageError(`unexpected argument '${rest[maxArgs]}' for 'aims ${cmd}'.`);

  const color = !values['no-color'] && !io.env.NO_COLOR && (values.color ?? !!io.isTTY);
  const today = values.today ?? (io.env.AIMS_TODAY || undefined) ?? todayIso();
  if (!isIsoDate(today)) throw new UsageError(`${values.today !== undefined ? '--today' : 'AIMS_TODAY'} must be a date as YYYY-MM-DD, not '${today}'.`);
  // init creates aims/ where it is run (or in --root); every other command finds the nearest aims/
  const root = cmd === 'init' ? path.resolve(io.cwd, values.root ?? '.') : findRoot(io.cwd, values.root);
  ctx.root = root;
  const emit = (text: string): void => {
    if (!values.output) { io.stdout(text); return; }
    const out = path.resolve(io.cwd, values.output);
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, text);
    } catch (e) {
      throw new UsageError(`cannot write --output ${values.output}: ${(e as Error).message}`);
    }
    // stdout stays empty (a pipe gets nothing); the person running it learns where the report went
    io.stderr(`aims: wrote ${shownFile(io.cwd, out)} (${Buffer.byteLength(text)} bytes)\n`);
  };

  switch (cmd) {
    case 'lint': {
      const format = (values.format ?? 'stylish') as (typeof LINT_FORMATS)[number];
      if (!LINT_FORMATS.includes(format)) throw new UsageError(`unknown lint format '${values.format}'; use one of ${LINT_FORMATS.join(', ')}.`);
      let maxWarnings = -1;
      if (values['max-warnings'] !== undefined) {
        maxWarnings = /^\s*\d+\s*$/.test(values['max-warnings']) ? Number(values['max-warnings']) : NaN;
        if (!Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings takes a whole number ≥ 0, not '${values['max-warnings']}'.`);
      }
      const filter = rest.map(p => relTo(root, path.resolve(io.cwd, p)));
      for (let i = 0; i < rest.length; i++) {
        const f = filter[i];
        if (f === '..' || f.startsWith('../') || path.isAbsolute(f)) throw new UsageError(`'${rest[i]}' is outside the workspace ${root}.`);
        if (!fs.existsSync(path.resolve(io.cwd, rest[i]))) throw new UsageError(`no such file or folder: '${rest[i]}'.`);
      }
      const project = open(root, today, io.env);
      nothingToCheck(project, filter);
      if (values.fix) applyFixes(project, filter, io);
      let only: Set<string> | undefined;
      if (values['changed-since'] !== undefined) {
        const ref = values['changed-since'];
        const { readBase } = require('../core/git-base') as typeof import('../core/git-base');
        const { changedFiles } = require('../core/review') as typeof import('../core/review');
        const { edited, affected } = changedFiles(project.linter, readBase(root, ref, today));
        only = new Set([...edited, ...affected]);
        io.stderr(`aims: ${plural(only.size, 'record file')} changed since ${oneLine(ref, 120)}: ${edited.length} edited or added, ${affected.length} with findings changed through other records.\n`);
      }
      const base = format === 'sarif' || format === 'github' ? repoTop(root) ?? displayBase(io.cwd, root) : displayBase(io.cwd, root);
      const report = buildReport(project, filter, !!values.quiet, base, only);
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
      const project = open(root, today, io.env);
      const cov = computeCoverage(project.linter);
      /* eslint-disable @typescript-eslint/no-require-imports */
      if (values.compare !== undefined) {
        if (format !== 'table' && format !== 'json' && format !== 'markdown') throw new UsageError(`--compare writes table, json or markdown, not '${format}'.`);
        const { readBase } = require('../core/git-base') as typeof import('../core/git-base');
        const { coverageDelta } = require('../core/review') as typeof import('../core/review');
        const d = require('./formatters/coverage-delta') as typeof import('./formatters/coverage-delta');
        const baseWs = readBase(root, values.compare, today);
        const delta = coverageDelta(computeCoverage(baseWs.linter), cov, values.compare, baseWs.commit);
        emit(format === 'json' ? d.deltaJson(delta) : format === 'markdown' ? d.deltaMarkdown(delta) : d.deltaTable(delta, color && !values.output));
        return 0;
      }
      const f = require('./formatters/coverage') as typeof import('./formatters/coverage');
      if (format === 'csv' || format === 'html' || format === 'soa-markdown') {
        // the Statement of Applicability for auditors: a spreadsheet, one self-contained HTML page, or
        // Markdown (the same files as the coverage panel's exports; CSV on stdout without a byte order mark)
        const x = require('../core/export') as typeof import('../core/export');
        const soaFormat = format === 'soa-markdown' ? 'markdown' : format;
        emit(format === 'csv' && !values.output ? x.soaCsv(cov) : x.soaFileText(cov, soaFormat, { rootName: path.basename(root), today }));
        return 0;
      }
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
      if (values.root === undefined && !fs.existsSync(path.join(root, AIMS_DIR))) {
        const above = findRoot(path.dirname(root));
        if (fs.existsSync(path.join(above, AIMS_DIR)) && above !== root) {
          io.stderr(`aims: ${path.join(above, AIMS_DIR)} already exists in a parent folder; nothing was written.\n`
            + `Run 'aims' from ${above} to use it, or 'aims init --root .' to create a separate aims/ here.\n`);
          return 2;
        }
      }
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
        io.stdout(`created ${shownPath(io.cwd, root, f.path)}\n`);
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
    case 'inventory': {
      const format = values.format ?? 'table';
      if (!['table', 'json', 'cyclonedx'].includes(format)) throw new UsageError(`unknown inventory format '${format}'; use table, json or cyclonedx.`);
      const project = open(root, today, io.env);
      const { buildInventory, inventoryTable } = require('../core/code/inventory') as typeof import('../core/code/inventory');
      const inv = buildInventory(project.linter);
      if (format === 'cyclonedx') {
        const { inventoryBom } = require('../core/code/cyclonedx') as typeof import('../core/code/cyclonedx');
        emit(inventoryBom(project.linter, inv, { name: path.basename(root), today, toolVersion: VERSION }));
      } else emit(format === 'json' ? JSON.stringify(inv, null, 2) + '\n' : inventoryTable(inv));
      return 0;
    }
    case 'import': {
      const { importCommand } = require('./import') as typeof import('./import');
      return importCommand(rest, { root, today, id: values.id, force: !!values.force, io, emit: values.output ? emit : undefined, usage: (m: string) => new UsageError(m) });
    }
    default:
      throw new UsageError(`unknown command '${cmd}'.`);
  }
}

const COMMANDS = ['lint', 'coverage', 'init', 'new', 'rules', 'inventory', 'import'];

const toPosix = (p: string): string => p.split(path.sep).join('/');
const inside = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
function real(p: string): string {
  try { return fs.realpathSync(p); } catch { return path.resolve(p); }
}

/**
 * The folder report paths are relative to: the current folder when the workspace lies within it
 * (`aims lint --root examples` shows examples/aims/...), else the workspace root.
 */
export function displayBase(cwd: string, root: string): string {
  const c = real(cwd), r = real(root);
  return inside(c, r) ? c : r;
}

/** The top of the git work tree holding root: SARIF and GitHub annotations need repository-relative paths. */
export function repoTop(root: string): string | undefined {
  try {
    const r = spawnSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    const top = r.status === 0 ? r.stdout.trim() : '';
    if (!top) return undefined;
    const t = real(top);
    return inside(t, real(root)) ? t : undefined;
  } catch {
    return undefined;
  }
}

/** A workspace-relative file as the user can open it from cwd: relative when within cwd, else absolute. */
function shownPath(cwd: string, root: string, file: string): string {
  return shownFile(cwd, path.join(real(root), file));
}

/** An absolute path as the user can open it from cwd: relative when within cwd, else absolute. */
function shownFile(cwd: string, abs: string): string {
  const c = real(cwd), a = path.join(real(path.dirname(abs)), path.basename(abs));
  return inside(c, a) ? toPosix(path.relative(c, a)) : a;
}

function open(root: string, today: string, env: Io['env']): Project {
  const dir = path.join(root, AIMS_DIR);
  if (!fs.existsSync(dir)) throw new UsageError(`no ${AIMS_DIR}/ folder in ${root}; run 'aims init' to create one, or pass --root.`);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file, not a folder: AIMS records live in the folder ${AIMS_DIR}/. Move the file away and run 'aims init'.`);
  // Large workspaces are read and analyzed on worker threads as well (src/core/pool.ts).
  // AIMS_WORKERS=0 turns that off; AIMS_WORKERS=n uses n workers whatever the workspace's size.
  const w = env.AIMS_WORKERS;
  const workers = w !== undefined && /^\d+$/.test(w.trim()) ? Number(w) : undefined;
  if (workers === 0) return openProject(root, { today });
  return openProject(root, { today, analyze: parallelAnalyzer(workers === undefined ? {} : { workers, minFilesPerWorker: 1 }) });
}

function relTo(root: string, abs: string): string {
  const r = path.relative(root, abs).split(path.sep).join('/');
  return r === '' ? '.' : r;
}

/**
 * No silent pass: a lint that would check nothing is a usage error (exit 2) that says why: aims/ has
 * no YAML files, the config's include/exclude patterns match none of them, the paths given hold no
 * record, or every rule is off.
 */
function nothingToCheck(project: Project, filter: string[]): void {
  const rules = project.linter.ruleSet;
  if (rules.file.length + rules.record.length + rules.workspace.length === 0) {
    throw new UsageError(`every rule is turned off in ${AIMS_DIR}/aims.config.yaml, so nothing would be reported. Set at least one rule to error, warning or info.`);
  }
  if (project.files.length === 0) {
    const yaml = findRecordFiles(project.root, DEFAULT_CONFIG).length;
    if (yaml === 0) throw new UsageError(`${AIMS_DIR}/ holds no record files (*.yaml, *.yml), so nothing was checked. Create one with 'aims new <kind> <id>' or 'aims init'.`);
    throw new UsageError(`the include/exclude patterns of ${AIMS_DIR}/aims.config.yaml match none of the ${yaml} YAML file${yaml === 1 ? '' : 's'} under ${AIMS_DIR}/, so nothing was checked. Fix the patterns (see the README's Configuration section).`);
  }
  if (filter.length && !project.files.some(f => inFilter(f, filter))) {
    throw new UsageError(`no record file under ${filter.map(f => `'${terminalText(f)}'`).join(', ')}, so nothing was checked.`);
  }
}

const inFilter = (file: string, filter: string[]): boolean =>
  filter.length === 0 || filter.some(f => f === '.' || f === file || file.startsWith(f.replace(/\/$/, '') + '/'));

function applyFixes(project: Project, filter: string[], io: Io): void {
  let files = 0, fixes = 0;
  for (const file of project.files) {
    if (!inFilter(file, filter)) continue;
    const before = project.linter.text(file);
    // a file that is not valid UTF-8 (or not read in full) is never written: its input-limit finding says so
    if (before === undefined || project.linter.analysis(file)?.readOnly || !project.linter.findingsFor(file).some(f => f.fix)) continue;
    const { text, applied } = fixFile(project.linter, file);
    if (applied > 0 && text !== before) {
      fs.writeFileSync(path.join(project.root, file), text);
      files++; fixes += applied;
    }
  }
  if (fixes) io.stderr(`aims: applied ${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}.\n`);
}

/** Rules whose findings mean the file did not parse cleanly. */
const PARSE_RULES = new Set(['yaml-syntax', 'duplicate-key', 'input-limit', 'multiple-documents']);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function buildReport(project: Project, filter: string[], quiet: boolean, base: string, only?: ReadonlySet<string>): LintReport {
  const files: { file: string; findings: Finding[] }[] = [];
  const counts = { error: 0, warning: 0, info: 0, fixable: 0 };
  const wanted = (file: string): boolean => inFilter(file, filter) && (!only || only.has(file));
  for (const [file, all] of project.linter.allFindings()) {
    if (!wanted(file)) continue;
    const kept = quiet ? all.filter(f => f.severity === 'error') : all;
    if (!kept.length) continue;
    // a finding counts as fixable only when --fix would apply its fix: the file may be written and,
    // when it does not parse cleanly (where edits can fail), the fix computes edits on its text
    const text = project.linter.text(file) ?? '';
    const writable = !project.linter.analysis(file)?.readOnly;
    const broken = all.some(f => PARSE_RULES.has(f.ruleId));
    const findings = kept.map(f => {
      if (!f.fix || (writable && (!broken || fixEditsFor(f, text)?.length))) return f;
      const rest: Finding = { ...f };
      delete rest.fix;
      return rest;
    });
    files.push({ file, findings });
    for (const f of findings) { counts[f.severity]++; if (f.fix) counts.fixable++; }
  }
  const suppressed: LintReport['suppressed'] = [];
  for (const [file, findings] of project.linter.allSuppressed()) {
    const shown = quiet ? findings.filter(f => f.severity === 'error') : findings;
    if (wanted(file) && shown.length) suppressed.push({ file, findings: shown });
  }
  const linted = project.files.filter(wanted).length;
  const root = real(project.root);
  const display = (file: string): string => toPosix(path.relative(base, path.join(root, file))) || file;
  return { root: project.root, base, display, files, suppressed, counts, linted, rules: RULES, version: VERSION };
}
