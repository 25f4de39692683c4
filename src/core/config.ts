// aims/aims.config.yaml: include/exclude globs, per-rule severities and the organization's AI roles.
// A bad config is a usage error: ConfigError names the file, line and what to do (the CLI exits 2).
import { normalizeRole, ROLES, type Role } from './catalogue';
import { DEFAULT_ORG_CONTROL_PREFIX } from './soa';
import type { SeveritySetting } from './model';
import { DEFAULT_LIMITS, LIMIT_KEYS, type Limits } from './limits';
import { didYouMean, LineMap } from './text';
import { DEFAULT_CODE_CONFIG, type CodeConfig } from './code/config';

export const CONFIG_FILE = 'aims/aims.config.yaml';
export const AIMS_DIR = 'aims';

export interface AimsConfig {
  /** minimatch globs relative to aims/ */
  include: string[];
  exclude: string[];
  rules: Record<string, SeveritySetting>;
  roles: Role[];
  /** Prefix of organization-defined control ids in the SoA (coverage lists them separately). */
  organization_control_prefix: string;
  /** Code files scanned for dataset and model loads (globs relative to the workspace root). */
  code: CodeConfig;
  /** Limits on untrusted input that differ from DEFAULT_LIMITS (limits.ts). */
  limits: Partial<Limits>;
}

export const DEFAULT_CONFIG: AimsConfig = { include: ['**/*.yaml', '**/*.yml'], exclude: [], rules: {}, roles: [], organization_control_prefix: DEFAULT_ORG_CONTROL_PREFIX, code: DEFAULT_CODE_CONFIG, limits: {} };

export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly detail: string) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const KEYS = ['include', 'exclude', 'rules', 'roles', 'organization_control_prefix', 'code', 'limits'];
const CODE_KEYS = ['include', 'exclude'];
/** Longest glob pattern accepted. */
const MAX_GLOB_LENGTH = 512;

export function parseConfig(text: string, file: string, knownRules: readonly string[]): AimsConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const lines = new LineMap(text);
  const fail = (offset: number, msg: string): never => {
    const p = lines.position(offset);
    throw new ConfigError(file, p.line, p.column, msg);
  };
  const doc = YAML.parseDocument(text, { uniqueKeys: true, schema: 'core' });
  if (doc.errors.length) fail(doc.errors[0].pos[0], `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const cfg: AimsConfig = { include: [...DEFAULT_CONFIG.include], exclude: [], rules: {}, roles: [], organization_control_prefix: DEFAULT_ORG_CONTROL_PREFIX, code: { include: [...DEFAULT_CODE_CONFIG.include], exclude: [...DEFAULT_CODE_CONFIG.exclude] }, limits: {} };
  const root = doc.contents;
  if (root === null || root === undefined) return cfg;
  const at = (n: unknown): number => ((n as { range?: number[] })?.range?.[0] ?? 0);
  if (!YAML.isMap(root)) return fail(at(root), 'the config must be a mapping with the keys include, exclude, rules, roles and organization_control_prefix.');
  for (const pair of root.items) {
    const key = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
    // `rules:` followed only by comments parses as a null scalar node
    const val = YAML.isScalar(pair.value) && pair.value.value === null ? null : pair.value;
    if (!KEYS.includes(key)) {
      const g = didYouMean(key, KEYS);
      fail(at(pair.key), `unknown key '${key}'${g ? `; did you mean '${g}'?` : ''} Allowed keys: ${KEYS.join(', ')}.`);
    }
    if (key === 'include' || key === 'exclude') {
      if (val === null) { cfg[key] = key === 'include' ? cfg.include : []; continue; }
      if (!YAML.isSeq(val)) fail(at(val ?? pair.key), `'${key}' must be a list of glob patterns relative to aims/, e.g. ["**/*.yaml"].`);
      cfg[key] = globList(val as import('yaml').YAMLSeq, key, fail, at);
    } else if (key === 'rules') {
      if (val === null) continue;
      if (!YAML.isMap(val)) fail(at(val ?? pair.key), `'rules' must map rule ids to one of ${SEVERITIES.join(', ')}.`);
      for (const rp of (val as import('yaml').YAMLMap).items) {
        const id = YAML.isScalar(rp.key) ? String(rp.key.value) : '';
        if (!knownRules.includes(id)) {
          const g = didYouMean(id, knownRules);
          fail(at(rp.key), `unknown rule '${id}'${g ? `; did you mean '${g}'?` : ''} Run 'aims rules' for the list.`);
        }
        const sev = YAML.isScalar(rp.value) ? String(rp.value.value) : '';
        if (!(SEVERITIES as readonly string[]).includes(sev)) fail(at(rp.value ?? rp.key), `rule '${id}': severity must be one of ${SEVERITIES.join(', ')}, not '${sev}'.`);
        cfg.rules[id] = sev as SeveritySetting;
      }
    } else if (key === 'organization_control_prefix') {
      if (val === null) continue;
      const v = YAML.isScalar(val) ? val.value : undefined;
      if (typeof v !== 'string' || !/^[A-Za-z][A-Za-z0-9]*[-_.]$/.test(v) || /^A[-_.]$/i.test(v)) {
        fail(at(val ?? pair.key), `'organization_control_prefix' must be letters and digits ending in -, _ or . (e.g. ORG-), and not "A.", so that it cannot be mistaken for an Annex A id.`);
      }
      cfg.organization_control_prefix = v as string;
    } else if (key === 'code') {
      if (val === null) continue;
      if (!YAML.isMap(val)) fail(at(val ?? pair.key), "'code' must be a mapping with 'include' and/or 'exclude' glob lists, relative to the workspace root.");
      for (const cp of (val as import('yaml').YAMLMap).items) {
        const ck = YAML.isScalar(cp.key) ? String(cp.key.value) : '';
        if (!CODE_KEYS.includes(ck)) {
          const g = didYouMean(ck, CODE_KEYS);
          fail(at(cp.key), `unknown key 'code.${ck}'${g ? `; did you mean '${g}'?` : ''} Allowed keys: ${CODE_KEYS.join(', ')}.`);
        }
        const cv = YAML.isScalar(cp.value) && cp.value.value === null ? null : cp.value;
        if (cv === null) { cfg.code[ck as 'include' | 'exclude'] = []; continue; }
        if (!YAML.isSeq(cv)) fail(at(cv ?? cp.key), `'code.${ck}' must be a list of glob patterns relative to the workspace root, e.g. ["src/**/*.py"].`);
        cfg.code[ck as 'include' | 'exclude'] = globList(cv as import('yaml').YAMLSeq, `code.${ck}`, fail, at);
      }
    } else if (key === 'limits') {
      if (val === null) continue;
      if (!YAML.isMap(val)) fail(at(val ?? pair.key), `'limits' must map limit names (${LIMIT_KEYS.join(', ')}) to whole numbers ≥ 1.`);
      for (const lp of (val as import('yaml').YAMLMap).items) {
        const name = YAML.isScalar(lp.key) ? String(lp.key.value) : '';
        if (!(LIMIT_KEYS as string[]).includes(name)) {
          const g = didYouMean(name, LIMIT_KEYS);
          fail(at(lp.key), `unknown limit '${name}'${g ? `; did you mean '${g}'?` : ''} Limits: ${LIMIT_KEYS.join(', ')}.`);
        }
        const n = YAML.isScalar(lp.value) ? lp.value.value : undefined;
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) fail(at(lp.value ?? lp.key), `limit '${name}' must be a whole number ≥ 1 (default ${DEFAULT_LIMITS[name as keyof Limits]}).`);
        cfg.limits[name as keyof Limits] = n as number;
      }
    } else if (key === 'roles') {
      if (val === null) continue;
      const items = YAML.isSeq(val) ? val.items : [val];
      for (const it of items) {
        const raw = YAML.isScalar(it) ? String(it.value) : '';
        const role = normalizeRole(raw);
        if (!role) fail(at(it), `unknown AI role '${raw}'. Use the ISO/IEC 22989 roles: ${ROLES.join(', ')}.`);
        if (!cfg.roles.includes(role!)) cfg.roles.push(role!);
      }
    }
  }
  return cfg;
}

/**
 * Why a glob cannot be used, or undefined. Globs are matched segment by segment without regular
 * expressions (discover.ts), so no pattern can make matching backtrack; these are the limits on the
 * pattern itself: its length, brace ranges such as {1..100000} (one pattern per number), and
 * extended globs such as +(a|b), which are not supported.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `longer than ${MAX_GLOB_LENGTH} characters.`;
  if (/\{[^{}]*\.\.[^{}]*\}/.test(glob)) return 'brace ranges such as {1..9} are not supported; list the alternatives, e.g. {a,b}.';
  if (/[@!?+*]\(/.test(glob.replace(/^!+/, ''))) return 'extended globs such as +(a|b) or !(x) are not supported; use braces {a,b} or an exclude pattern.';
  return undefined;
}

/** The glob patterns of a config list (`include`, `exclude`, `code.include`, `code.exclude`), each checked. */
function globList(seq: import('yaml').YAMLSeq, name: string, fail: (offset: number, msg: string) => never, at: (n: unknown) => number): string[] {
  const YAML = require('yaml') as typeof import('yaml'); // loaded lazily, as in parseConfig
  const list: string[] = [];
  for (const it of seq.items) {
    if (!YAML.isScalar(it) || typeof it.value !== 'string' || !it.value.trim()) fail(at(it), `each '${name}' entry must be a glob pattern string.`);
    const glob = String((it as import('yaml').Scalar).value);
    const bad = globProblem(glob);
    if (bad) fail(at(it), `'${name}' pattern '${glob.length > 80 ? glob.slice(0, 79) + '…' : glob}': ${bad}`);
    list.push(glob);
  }
  return list;
}
