import { defineRule } from '../rule';
import { INVALID_SUPPRESSION } from '../suppressions';

export default defineRule({
  id: INVALID_SUPPRESSION,
  scope: 'suppression',
  title: 'An inline suppression comment must name a rule and give the reason',
  controls: [],
  annexB: [],
  severity: 'warning',
  kinds: 'all',
  docs: {
    rationale: 'A finding may be accepted where it is justified with `# aims-disable-next-line <rule-id> -- <reason>` (the findings of that rule on the next line) or `# aims-disable <rule-id> -- <reason>` (in the whole file). An accepted finding is a decision an auditor will ask about, so the reason is part of the record. A comment that names no rule, an unknown rule or no reason, or a misspelt directive, suppresses nothing: it is reported instead of being silently ignored.',
    howToFix: 'Write the comment on a line of its own as `# aims-disable-next-line <rule-id> -- <reason>` or `# aims-disable <rule-id> -- <reason>`, with rule ids from `aims rules` (several separated by commas) and the reason after ` -- `.',
    bad: '- id: A.10.4\n  # aims-disable-next-line soa-expected-control-excluded\n  applicable: false',
    good: '- id: A.10.4\n  # aims-disable-next-line soa-expected-control-excluded -- we supply no AI system to customers; AIMS board, 2026-11-20\n  applicable: false',
  },
});
