import { isControlId, repairControlId } from '../catalogue';
import { resolveEvidence, type EvidenceLookup } from '../coverage/evidence';
import type { Fix, Kind, RecordRef } from '../model';
import { defineRule, pathText, type IndexedRecord } from '../rule';
import { controlsOf, fieldAt, KEBAB_ID, KIND_SPECS } from '../schema';
import { recordPath, skeletonRecord } from '../skeleton';
import { editDistance, matchBudget } from '../text';

export const withArticle = (kind: Kind): string => `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** The controls a reference serves: its field's, or for SoA evidence the control of the entry. */
export function refControls(r: IndexedRecord, ref: RecordRef): string[] {
  if (ref.evidence) {
    const id = r.summary.soa?.find(e => e.index === ref.path[1])?.id ?? '';
    const c = isControlId(id) ? id : repairControlId(id);
    return c ? [c] : [];
  }
  // the nearest field on the path that names controls (a list item inherits its list's)
  for (let n = ref.path.length; n > 0; n--) {
    const f = fieldAt(r.summary.kind, ref.path.slice(0, n));
    if (f?.controls?.length) return f.controls;
  }
  return controlsOf(r.summary.kind, undefined);
}

/**
 * Distinct candidates (first occurrence order) with their lowercase forms and their indexes by the
 * length of the lowercase form, for many closeMatchesIn calls.
 */
export interface LoweredCandidates { ids: string[]; lower: string[]; byLength: Map<number, number[]> }

export function lowerCandidates(candidates: Iterable<string>): LoweredCandidates {
  const ids = [...(candidates instanceof Set ? candidates : new Set(candidates))];
  const lower = ids.map(c => c.toLowerCase());
  const byLength = new Map<number, number[]>();
  lower.forEach((l, i) => { const b = byLength.get(l.length); if (b) b.push(i); else byLength.set(l.length, [i]); });
  return { ids, lower, byLength };
}

/**
 * Every candidate that is a did-you-mean match for `word` on its own, over candidates lowercased
 * once: a dangling reference is compared with every id of the workspace, and lowercasing thousands of
 * ids per reference was most of the rule's time. The same decision as didYouMean(word, [c]) === c for
 * each candidate c: the bounded edit distance of the lowercase forms is at most matchBudget(word)
 * (editDistance answers more than that when their lengths differ by more, which is all that
 * didYouMean's length shortcut skips). Only candidates whose length is within that budget are
 * visited: thousands of dangling references against thousands of ids must not cost their product.
 */
export function closeMatchesIn(word: string, candidates: LoweredCandidates): string[] {
  const out: string[] = [];
  const lower = word.toLowerCase();
  const max = matchBudget(word);
  const { ids, lower: lows, byLength } = candidates;
  for (let len = Math.max(0, lower.length - max); len <= lower.length + max; len++) {
    for (const i of byLength.get(len) ?? []) {
      const c = ids[i], cl = lows[i];
      if (c === word) continue;
      if (cl === lower || editDistance(lower, cl, max) <= max) out.push(c);
    }
  }
  return out.sort();
}

export default defineRule({
  id: 'dangling-reference',
  scope: 'workspace',
  title: 'References to other records (datasets, impact assessment, system, SoA evidence) must resolve',
  controls: ['A.4.3', 'A.5.3', 'A.6.2.4'],
  annexB: ['B.4.3', 'B.5.3', 'B.6.2.4'],
  severity: 'error',
  kinds: ['ModelCard', 'ImpactAssessment', 'Applicability'],
  fixable: 'fix-and-suggestion',
  docs: {
    rationale: 'Traceability is the point of keeping records as code: a model card must lead to the provenance records of the data it was trained and evaluated on (A.4.3, A.6.2.4) and to its impact assessment (A.5.3), and every piece of evidence in the Statement of Applicability must lead somewhere. A reference to a record that does not exist, or to a record of the wrong kind, breaks that trail; an auditor following it finds nothing.',
    howToFix: 'Correct the id, or create the missing record. When exactly one existing record of the expected kind has a similar id, `aims lint --fix` corrects the reference; the editor also offers to create the missing record from a skeleton. SoA evidence may be a record id, the path of a non-empty file relative to the workspace root (a leading ./ and a #fragment are ignored; a folder, the root, an empty file or a path through a symlink that leaves the repository is reported) or an http(s) URL, which is declared, not checked.',
    bad: 'kind: ModelCard\ndatasets: [loan-aplications]   # typo\nimpact_assessment: credit-ia  # no such record',
    good: 'kind: ModelCard\ndatasets: [loan-applications]\nimpact_assessment: credit-risk-impact',
  },
  check(ctx) {
    // the ids of each kind (set), collected once per run, not once per dangling reference
    const idCache = new Map<string, LoweredCandidates>();
    const idsOf = (kinds: readonly Kind[] | undefined): LoweredCandidates => {
      const key = kinds ? kinds.join() : '*';
      let out = idCache.get(key);
      if (!out) {
        const ids = new Set<string>();
        for (const r of ctx.records) if (r.summary.id && (!kinds || kinds.includes(r.summary.kind))) ids.add(r.summary.id);
        out = lowerCandidates(ids);
        idCache.set(key, out);
      }
      return out;
    };
    let byFile: Map<string, IndexedRecord> | undefined;
    const hasFile = (file: string): boolean => (byFile ??= new Map(ctx.records.map(x => [x.file, x]))).has(file);
    const lookup: EvidenceLookup = {
      byId: ctx.byId,
      get byFile() { return (byFile ??= new Map(ctx.records.map(x => [x.file, x]))); },
      pathKind: p => ctx.pathKind(p),
    };
    for (const r of ctx.records) {
      for (const ref of r.summary.refs) {
        const value = ref.value;
        const targets = ctx.byId.get(value) ?? [];

        if (ref.evidence) {
          if (targets.length) continue;
          const resolved = resolveEvidence(value, lookup);
          if (resolved.type === 'record' || resolved.type === 'url' || resolved.type === 'document') continue;
          // (where and controls only for references that are reported: most resolve)
          const where = pathText(ref.path);
          const controls = refControls(r, ref);
          if (resolved.type === 'problem') {
            ctx.report(r.file, {
              path: ref.path, controls,
              message: `Evidence '${value}'${controls.length ? ` for ${controls[0]}` : ''} (${where}) is ${resolved.problem}, so it evidences nothing. Cite the document itself: a non-empty file inside the repository, a record id or an http(s) URL.`,
            });
            continue;
          }
          // a did-you-mean record id only for values that do not look like a path
          const matches = /[/\\]|\.[A-Za-z0-9]+$/.test(value) ? [] : closeMatchesIn(value, idsOf(undefined));
          const what = controls.length ? ` for ${controls[0]}` : '';
          ctx.report(r.file, {
            path: ref.path, controls,
            message: `Evidence '${value}'${what} (${where}) is neither a record id nor a file in the repository.${hint(matches)} Write the id of a record, the path of a non-empty file relative to the workspace root, or an http(s) URL.`,
            ...typoFixes(ref, matches),
          });
          continue;
        }

        if (targets.some(t => ref.kinds.includes(t.summary.kind))) continue;
        const where = pathText(ref.path);
        const controls = refControls(r, ref);
        const expected = ref.kinds.map(withArticle).join(' or ');
        const matches = closeMatchesIn(value, idsOf(ref.kinds));
        const fixes = typoFixes(ref, matches);
        if (targets.length) {
          const t = targets[0];
          ctx.report(r.file, {
            path: ref.path, controls,
            message: `'${value}' in ${where} is ${withArticle(t.summary.kind)} record (${t.file}), but ${where} must name ${expected} record.${hint(matches)} Change it to the id of ${expected} record.`,
            ...fixes,
          });
          continue;
        }
        const suggestions = fixes.suggestions ?? [];
        if (ref.kinds.length === 1 && KEBAB_ID.test(value)) {
          const kind = ref.kinds[0];
          const file = recordPath(kind, value);
          if (!ctx.pathExists(file) && !hasFile(file)) {
            let text = skeletonRecord(kind, value, { today: ctx.env.today });
            if (kind === 'ImpactAssessment' && r.summary.kind === 'ModelCard' && r.summary.id && KEBAB_ID.test(r.summary.id)) {
              text = text.replace(/^system: ""$/m, `system: ${r.summary.id}`);
            }
            suggestions.push({ title: `Create ${KIND_SPECS[kind].title.toLowerCase()} record '${value}' (${file})`, ops: [{ op: 'create-file', file, text }] });
          }
        }
        ctx.report(r.file, {
          path: ref.path, controls,
          message: `'${value}' in ${where} names no record: there is no ${ref.kinds.join(' or ')} with this id.${hint(matches)} Correct the id or create the ${ref.kinds.join(' or ')} record.`,
          fix: fixes.fix,
          suggestions,
        });
      }
    }
  },
});

function hint(matches: string[]): string {
  if (matches.length === 0) return '';
  return ` Did you mean ${matches.map(m => `'${m}'`).join(' or ')}?`;
}

/** One close match: a safe fix. Several: a suggestion each (the user picks). */
function typoFixes(ref: RecordRef, matches: string[]): { fix?: Fix; suggestions?: Fix[] } {
  const set = (m: string): Fix => ({ title: `Change to '${m}'`, ops: [{ op: 'set', path: ref.path, value: m }] });
  if (matches.length === 1) return { fix: set(matches[0]) };
  if (matches.length > 1) return { suggestions: matches.map(set) };
  return {};
}
