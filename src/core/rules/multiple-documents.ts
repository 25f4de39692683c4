import { defineRule } from '../rule';

export default defineRule({
  id: 'multiple-documents',
  scope: 'file',
  title: 'One record per file',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'Every record is reviewed, versioned and referenced on its own; tools read only the first document of a file, so later ones are silently ignored.',
    howToFix: 'Move every record after the first `---` into a file of its own.',
  },
  check(ctx) {
    if (ctx.parsed.multiDocument) {
      ctx.report({ path: [], message: 'This file holds more than one YAML document; only the first is read. Move each record into a file of its own.' });
    }
  },
});
