import { defineRule } from '../rule';

export default defineRule({
  id: 'empty-file',
  scope: 'file',
  title: 'A record file must not be empty',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'An empty file under aims/ looks like a record in reviews and file listings but documents nothing.',
    howToFix: 'Write the record (run `aims new <kind> <id>` or use the snippets), or delete the file.',
  },
  check(ctx) {
    const { parsed } = ctx;
    if (parsed.problems.length === 0 && (parsed.data === undefined || parsed.data === null)) {
      ctx.report({ path: [], message: 'The file is empty. Write a record here (for example with `aims new <kind> <id>`) or delete the file.' });
    }
  },
});
