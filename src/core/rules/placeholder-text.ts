import { pathText, defineRule } from '../rule';
import { controlsOf } from '../schema';

export default defineRule({
  id: 'placeholder-text',
  scope: 'record',
  title: 'Placeholder text (TBD, TODO, N/A, [More Information Needed]) is not content',
  controls: ['A.5.3', 'A.6.2.7', 'A.7.5', 'A.8.2'],
  annexB: ['B.5.3', 'B.6.2.7', 'B.7.5', 'B.8.2'],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'A placeholder passes a "field present" check but documents nothing; model-card templates are full of "[More Information Needed]" that was never replaced. Auditors treat it as missing documented information.',
    howToFix: 'Replace the placeholder with the actual content. If the question truly does not apply, say why in a sentence ("The model takes no personal data as input, see data record x").',
    bad: 'intended_use: TBD',
    good: 'intended_use: Ranks incoming support tickets by urgency for the support team.',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if (i.type !== 'placeholder') continue;
      // a control's justification is soa-exclusion-justification's or soa-inclusion-justification's, which name the control
      if (ctx.kind === 'Applicability' && i.path[0] === 'controls' && i.path[2] === 'justification') {
        const entry = (ctx.data.controls as unknown[])[i.path[1] as number] as Record<string, unknown> | undefined;
        if (typeof entry?.applicable === 'boolean') continue;
      }
      ctx.report({
        path: i.path, controls: controlsOf(ctx.kind, i.field),
        message: `${i.field.label} (${pathText(i.path)}) holds the placeholder '${i.value.trim()}'. Replace it with the actual content: ${i.field.description}`,
      });
    }
  },
});
