import { defineRule } from '../rule';
import { UNUSED_SUPPRESSION } from '../suppressions';

export default defineRule({
  id: UNUSED_SUPPRESSION,
  scope: 'suppression',
  title: 'An inline suppression must still match a finding',
  controls: [],
  annexB: [],
  severity: 'warning',
  kinds: 'all',
  docs: {
    rationale: 'A suppression comment outlives the finding it accepted: once the record is corrected, or the line below it changes, it accepts nothing and would silently accept a new, unrelated finding of the same rule later. Stale suppressions are reported so that the accepted exceptions stay the ones that were decided. A suppression of a rule turned off in aims.config.yaml is not reported.',
    howToFix: 'Remove the comment (or the rule id from it) when the finding is gone; move it above the line of the finding when the record was rearranged. In VS Code the quick fix "Remove the unused suppression" does it.',
    bad: '# aims-disable-next-line unknown-key -- legacy field kept for the export\ntitle: Credit risk scoring',
    good: 'title: Credit risk scoring',
  },
});
