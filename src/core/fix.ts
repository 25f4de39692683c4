// The fix loop shared by `aims lint --fix` and the editor's "fix all": apply every non-overlapping
// safe fix, re-lint, repeat, so a fix never leaves a fixable finding behind. Never loses text: a fix
// that cannot be applied cleanly is skipped.
import { computeEdits, EditError, applyEdits, type TextEdit } from './edit';
import type { Finding } from './model';
import type { Linter } from './linter';

/** The text edits of one finding's fix against `text`, or undefined when it has none or cannot apply. */
export function fixEditsFor(finding: Finding, text: string): TextEdit[] | undefined {
  if (!finding.fix || finding.fix.ops.some(o => o.op === 'create-file')) return undefined;
  try {
    return computeEdits(text, finding.fix.ops).edits;
  } catch (e) {
    if (e instanceof EditError) return undefined;
    throw e;
  }
}

export function fixFile(linter: Linter, file: string, maxPasses = 10): { text: string; applied: number; passes: number } {
  let text = linter.text(file);
  if (text === undefined) return { text: '', applied: 0, passes: 0 };
  let applied = 0, passes = 0;
  const tried = new Set<string>();
  while (passes < maxPasses) {
    const findings = linter.findingsFor(file).filter(f => f.fix);
    const accepted: TextEdit[] = [];
    let n = 0;
    for (const f of findings) {
      const key = `${f.ruleId}\0${f.path.join('\0')}\0${f.fix!.title}`;
      if (tried.has(key)) continue; // a fix that did not remove its finding is not retried
      tried.add(key);
      const edits = fixEditsFor(f, text);
      if (!edits || edits.length === 0) continue;
      if (edits.some(e => accepted.some(a => overlaps(a, e)))) { tried.delete(key); continue; }
      accepted.push(...edits);
      n++;
    }
    if (n === 0) break;
    let next: string;
    try { next = applyEdits(text, accepted); } catch (e) { if (e instanceof EditError) break; throw e; }
    if (next === text) break;
    text = next;
    linter.setFile(file, text);
    applied += n;
    passes++;
  }
  return { text, applied, passes };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.offset < b.offset + Math.max(b.length, 1) && b.offset < a.offset + Math.max(a.length, 1);
}
