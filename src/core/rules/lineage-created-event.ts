import { defineRule } from '../rule';

export default defineRule({
  id: 'lineage-created-event',
  scope: 'record',
  title: 'Lineage must start with the creation of the data',
  controls: ['A.7.5'],
  annexB: ['B.7.5'],
  severity: 'error',
  kinds: ['DataProvenance'],
  docs: {
    rationale: 'A provenance record follows the data from its creation through updates, transcription, abstraction, validation and transfers of control. Without the creation event nobody can tell where the chain starts, so the provenance cannot be verified.',
    howToFix: 'Add a lineage item with `event: created`, the date the data was created (or first collected) and who created it.',
    bad: 'lineage:\n  - event: updated\n    date: 2025-03-01\n    by: data-platform',
    good: 'lineage:\n  - event: created\n    date: 2024-01-15\n    by: loan-origination-system\n  - event: updated\n    date: 2025-03-01\n    by: data-platform',
  },
  check(ctx) {
    const lineage = ctx.data.lineage;
    if (!Array.isArray(lineage) || lineage.length === 0) return;
    if (lineage.some(e => e && typeof e === 'object' && (e as Record<string, unknown>).event === 'created')) return;
    ctx.report({ path: ['lineage'], target: 'key', message: 'The lineage has no `created` event. Add one with the date the data was created or first collected and who created it.' });
  },
});
