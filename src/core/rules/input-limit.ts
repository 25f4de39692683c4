import { reportProblems } from '../parse';
import { defineRule } from '../rule';

export default defineRule({
  id: 'input-limit',
  scope: 'file',
  title: 'A record file must be readable, valid UTF-8 and within the engine\'s limits',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'Records arrive in pull requests from anyone, so the linter bounds the time and memory one file may take (see docs/security.md). A file it could not read, or checked only in part, must not pass silently: what was skipped is reported here.',
    howToFix: 'Read the message: make the file readable; save it as UTF-8; split a file that is too large; use fewer YAML aliases; fix the first findings of a file that has too many. Limits can be changed in the `limits` section of aims/aims.config.yaml.',
    bad: 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n# … eight more levels\nkind: *a8',
    good: 'kind: ModelCard',
  },
  check(ctx) {
    reportProblems(ctx, 'limit', p => p.message);
  },
});
