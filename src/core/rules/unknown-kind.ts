import { KINDS } from '../model';
import { defineRule } from '../rule';
import { previewValue } from '../escape';
import { didYouMean } from '../text';

export default defineRule({
  id: 'unknown-kind',
  scope: 'file',
  title: 'A record must be a mapping with a known kind',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'fix',
  docs: {
    rationale: 'The kind decides which Annex A controls a record evidences and which content it must have; a record of unknown kind is not checked at all.',
    howToFix: `Set \`kind\` to one of ${KINDS.join(', ')}.`,
    bad: 'kind: ModelCards',
    good: 'kind: ModelCard',
  },
  check(ctx) {
    const data = ctx.parsed.data;
    if (data === undefined || data === null || ctx.parsed.problems.some(p => p.code === 'syntax')) return;
    if (typeof data !== 'object' || Array.isArray(data)) {
      ctx.report({ path: [], message: `A record must be a YAML mapping (key: value lines) with apiVersion, kind and id; this file holds a ${Array.isArray(data) ? 'list' : 'single value'}.` });
      return;
    }
    const kind = (data as Record<string, unknown>).kind;
    if (kind === undefined || kind === null || kind === '') {
      ctx.report({ path: [], message: `The record has no 'kind'. Add 'kind:' with one of ${KINDS.join(', ')}.` });
      return;
    }
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      const guess = typeof kind === 'string' ? didYouMean(kind, KINDS) : undefined;
      ctx.report({
        path: ['kind'],
        message: `Unknown kind '${previewValue(kind)}'${guess ? `; did you mean '${guess}'?` : '.'} Use one of ${KINDS.join(', ')}.`,
        fix: guess ? { title: `Change kind to '${guess}'`, ops: [{ op: 'set', path: ['kind'], value: guess }] } : undefined,
      });
    }
  },
});
