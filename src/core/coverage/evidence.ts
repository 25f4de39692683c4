// Evidence resolution: the one place that decides what a piece of evidence is (a record, a document in
// the repository, a URL, or nothing), whether a record is healthy enough to count, and which profile
// fields a record's content holds. The dangling-reference rule, coverage and the editor all use it.
//
//   record    an id of a record, or the repository path of a record file (the record then counts, with
//             its health, however it is cited)
//   document  a non-empty regular file inside the repository, not reached through a symlink that leaves it
//   url       an http(s) address: declared, not checked (nothing fetches it)
//   problem   a path that exists but cannot be evidence: a folder, the repository root, an empty file,
//             something outside the repository, a device or socket
//   unresolved  none of these
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RecordSummary } from '../model';
import type { IndexedRecord } from '../rule';
import { isEmptyValue, isPlaceholder } from '../validate';
import type { FieldCheck } from './profiles';

/** SoA evidence given as a web address. */
export const isUrl = (s: string): boolean => /^https?:\/\/\S+$/i.test(s.trim());

/** SoA evidence as a repository-relative path: no leading ./, no #fragment, no trailing slash, forward slashes. */
export function evidencePath(s: string): string {
  return s.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/#.*$/, '').replace(/\/+$/, '');
}

/** What a repository path is, for evidence. Only 'file' can be evidence. */
export type PathKind = 'file' | 'empty' | 'folder' | 'root' | 'outside' | 'special' | 'missing';

/** Why a path that is not a 'file' cannot be evidence, completing "'x' is …". */
export const PATH_PROBLEMS: Record<Exclude<PathKind, 'file' | 'missing'>, string> = {
  empty: 'an empty file',
  folder: 'a folder, not a document',
  root: 'the repository root, not a document',
  outside: 'outside the repository (or reached through a symlink that leaves it)',
  special: 'not a regular file',
};

/**
 * A cached PathKind lookup for repository-relative paths under `root`. A path counts as inside only when
 * its real path (symlinks resolved) is inside the real path of the root; only stat calls, never a read.
 */
export function makePathKind(rootIn: string): (rel: string) => PathKind {
  const root = path.resolve(rootIn);
  let realRoot: string | undefined;
  const cache = new Map<string, PathKind>();
  return rel => {
    let v = cache.get(rel);
    if (v === undefined) {
      v = statKind(root, (realRoot ??= safeRealpath(root) ?? root), rel);
      if (cache.size > 10_000) cache.clear();
      cache.set(rel, v);
    }
    return v;
  };
}

function safeRealpath(p: string): string | undefined {
  try { return fs.realpathSync.native(p); } catch { return undefined; }
}

const inside = (root: string, p: string): boolean => p === root || p.startsWith(root + path.sep);

function statKind(root: string, realRoot: string, rel: string): PathKind {
  if (!rel || rel.includes('\0') || path.isAbsolute(rel)) return rel ? 'outside' : 'root';
  const abs = path.resolve(root, rel);
  if (!inside(root, abs)) return 'outside';
  if (abs === root) return 'root';
  let st: fs.Stats;
  try { st = fs.lstatSync(abs); } catch { return 'missing'; }
  const real = safeRealpath(abs);
  if (real === undefined) return 'missing'; // a dangling symlink
  if (!inside(realRoot, real)) return 'outside';
  if (real === realRoot) return 'root';
  if (st.isSymbolicLink()) {
    try { st = fs.statSync(abs); } catch { return 'missing'; }
  }
  if (st.isDirectory()) return 'folder';
  if (!st.isFile()) return 'special';
  return st.size > 0 ? 'file' : 'empty';
}

/** What a piece of evidence resolves to. */
export type ResolvedEvidence =
  | { type: 'record'; record: IndexedRecord }
  | { type: 'document'; path: string }
  | { type: 'url' }
  | { type: 'problem'; path: string; problem: string }
  | { type: 'unresolved' };

export interface EvidenceLookup {
  byId: ReadonlyMap<string, readonly IndexedRecord[]>;
  byFile: ReadonlyMap<string, IndexedRecord>;
  pathKind(rel: string): PathKind;
}

/** Resolves one evidence string (a record id, a repository path or a URL). */
export function resolveEvidence(value: string, lookup: EvidenceLookup): ResolvedEvidence {
  const v = value.trim();
  const target = lookup.byId.get(v)?.[0];
  if (target) return { type: 'record', record: target };
  if (isUrl(v)) return { type: 'url' };
  const p = evidencePath(v);
  const rec = lookup.byFile.get(p);
  if (rec) return { type: 'record', record: rec };
  const kind = p ? lookup.pathKind(p) : (v ? 'root' : 'missing');
  if (kind === 'file') return { type: 'document', path: p };
  if (kind === 'missing') return { type: 'unresolved' };
  return { type: 'problem', path: p || v, problem: PATH_PROBLEMS[kind] };
}

/**
 * Why a record cannot count as evidence today, each a predicate ("is draft, not approved", "is retired",
 * "is past its review date (2026-09-30)", "has 2 errors"). Empty when the record is healthy.
 */
export function healthProblems(r: IndexedRecord, today: string, errorRules: readonly string[] = []): string[] {
  const s = r.summary, out: string[] = [];
  if (s.status === 'retired') out.push('is retired');
  else if (s.status !== 'approved') out.push(s.status ? `is ${s.status}, not approved` : 'is not approved (no status)');
  if (s.review_by && s.review_by < today) out.push(`is past its review date (${s.review_by})`);
  if (r.errors > 0) out.push(`has ${r.errors} error${r.errors === 1 ? '' : 's'}${errorRules.length ? ` (${[...new Set(errorRules)].join(', ')})` : ''}`);
  return out;
}

/** The key of a field check, as RecordSummary.holds lists it: `path` or `path=value`. */
export function checkKey(c: FieldCheck): string {
  return c.equals === undefined ? c.path : `${c.path}=${c.equals}`;
}

/** How a field check reads in a gap: "evaluation.metrics", "lineage.0.event = created". */
export function checkText(c: FieldCheck): string {
  return c.equals === undefined ? c.path : `${c.path} = ${c.equals}`;
}

/** Whether the record's data passes a field check (content: not empty, not a placeholder). */
export function passes(data: unknown, c: FieldCheck): boolean {
  return holdsAt(data, c.path.split('.'), 0, c.equals);
}

function holdsAt(v: unknown, segs: string[], i: number, equals: string | undefined): boolean {
  if (i === segs.length) return equals === undefined ? hasContent(v) : (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === equals;
  const s = segs[i];
  if (s === '*') return Array.isArray(v) && v.some(x => holdsAt(x, segs, i + 1, equals));
  if (/^\d+$/.test(s)) return Array.isArray(v) && holdsAt(v[Number(s)], segs, i + 1, equals);
  if (!v || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s)) return false;
  return holdsAt((v as Record<string, unknown>)[s], segs, i + 1, equals);
}

function hasContent(v: unknown): boolean {
  if (typeof v === 'boolean' || typeof v === 'number') return true;
  if (typeof v === 'string') return !isEmptyValue(v) && !isPlaceholder(v);
  if (Array.isArray(v)) return v.some(hasContent);
  if (v && typeof v === 'object') return Object.values(v).some(hasContent);
  return false;
}

/** The string values of a field (a string or a list of strings): how a record names a system (`via`). */
export function linkValues(data: Record<string, unknown>, field: string): string[] {
  const v = data[field];
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && !!x.trim()).map(x => x.trim());
  return [];
}

/** The field checks of an alternative that a record (by its summary) does not pass. */
export function missingChecks(s: RecordSummary, checks: readonly FieldCheck[]): FieldCheck[] {
  let held = heldCache.get(s);
  if (!held) heldCache.set(s, (held = new Set(s.holds ?? [])));
  return checks.filter(c => !held!.has(checkKey(c)));
}
const heldCache = new WeakMap<RecordSummary, Set<string>>();
