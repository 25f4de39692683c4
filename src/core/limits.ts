// The engine's limits on untrusted input (a record arrives in a pull request from anyone): they hold
// wherever the engine runs (CLI, extension host, worker threads, record form). Each limit that cuts
// something short says so in an `input-limit` finding. docs/security.md explains them; the `limits`
// section of aims/aims.config.yaml changes them.

export interface Limits {
  /** Files larger than this many bytes are not parsed (default 1 MiB). */
  maxFileBytes: number;
  /** Findings shown per file; the rest is summed up in one finding (default 200). */
  maxFindingsPerFile: number;
  /** Nodes a document may expand to through YAML aliases (default 100,000). */
  maxAliasNodes: number;
  /** Time for one file on a worker thread before it is given up (default 10,000 ms). */
  fileTimeoutMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 1024 * 1024,
  maxFindingsPerFile: 200,
  maxAliasNodes: 100_000,
  fileTimeoutMs: 10_000,
});

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

export const LIMIT_DESCRIPTIONS: Record<keyof Limits, string> = {
  maxFileBytes: 'Record files larger than this many bytes are reported, not parsed.',
  maxFindingsPerFile: 'Findings shown per file; one more finding says how many were left out.',
  maxAliasNodes: 'Nodes a YAML document may expand to through aliases (*name) before it is reported, not checked.',
  fileTimeoutMs: 'Milliseconds one file may take on a worker thread (large workspaces) before it is reported, not checked.',
};

/**
 * Whether `value` expands to more than `max` nodes when every alias is followed (what
 * JSON.stringify, a schema walk or a form would visit). A string counts one node per 64 characters
 * begun, so that a long string repeated through aliases counts for its size. Linear in the distinct
 * nodes: shared subtrees (aliases) are measured once and added as often as they occur; a cycle is
 * over any limit.
 */
export function exceedsNodes(value: unknown, max: number): boolean {
  const size = new Map<object, number>();
  const onPath = new Set<object>();
  const measure = (v: unknown): number => {
    if (typeof v === 'string') return 1 + (v.length >> 6);
    if (v === null || typeof v !== 'object') return 1;
    const known = size.get(v);
    if (known !== undefined) return known;
    if (onPath.has(v)) return Infinity;
    onPath.add(v);
    let n = 1;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) {
      n += measure(c);
      if (n > max) break;
    }
    onPath.delete(v);
    size.set(v, n);
    return n;
  };
  return measure(value) > max;
}

/** Decodes UTF-8; `invalidAt` is the byte offset of the first byte that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt?: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidAt: firstInvalidUtf8(bytes) };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      // overlong, surrogate and > U+10FFFF forms
      if (k === 1 && ((c === 0xe0 && x < 0xa0) || (c === 0xed && x > 0x9f) || (c === 0xf0 && x < 0x90) || (c === 0xf4 && x > 0x8f))) return i;
    }
    i += n + 1;
  }
  return b.length;
}
