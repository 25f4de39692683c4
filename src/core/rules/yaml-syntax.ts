import { reportProblems } from '../parse';
import { defineRule } from '../rule';

export default defineRule({
  id: 'yaml-syntax',
  scope: 'file',
  title: 'The file must be valid YAML',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'A record that does not parse cannot evidence anything: no tool and no auditor can read it reliably. Documented information must be usable where and when it is needed (clause 7.5.3).',
    howToFix: 'Correct the YAML at the reported position: usually an indentation mistake, a missing `:` after a key, an unclosed quote or bracket, or a tab used for indentation.',
    bad: 'title: "Credit risk model\nowner: risk-team',
    good: 'title: "Credit risk model"\nowner: risk-team',
  },
  check(ctx) {
    reportProblems(ctx, 'syntax', p => `YAML syntax error: ${p.message.replace(/\.$/, '')}. Correct the YAML here; the record is not checked until it parses.`);
  },
});
