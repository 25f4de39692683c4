import { CONTROL_ID_SYNTAX, CONTROL_IDS, controlsOfGroup, repairControlId } from '../catalogue';
import { pathText, defineRule } from '../rule';
import { DEFAULT_ORG_CONTROL_PREFIX, isOrgControlId } from '../soa';

export default defineRule({
  id: 'unknown-control',
  scope: 'record',
  title: 'Control ids must be one of the 38 Annex A controls of ISO/IEC 42001:2023, or organization-defined',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'fix',
  docs: {
    rationale: 'Public control lists for ISO/IEC 42001 are often wrong: they invent controls, number the groups A.5 to A.11 or use ISO/IEC 27001 numbers. A record that cites a control that does not exist evidences nothing. Annex A has 38 controls in groups A.2 to A.10; A.6 is split into A.6.1 (A.6.1.2–A.6.1.3) and A.6.2 (A.6.2.2–A.6.2.8).',
    howToFix: 'Use an id from the catalogue (`aims coverage` lists them all). Misspellings of a real id such as `a.7.5`, `A 7.5` or `7.5` are fixed automatically. A control your organization defines itself takes the prefix of the config key `organization_control_prefix` (default `ORG-`, e.g. `ORG-model-registry`): it is accepted and coverage lists it separately.',
    bad: 'controls: [A.11.2, A.6.3, a.7.5]',
    good: 'controls: [A.7.5]',
  },
  check(ctx) {
    const prefix = ctx.env.orgControlPrefix ?? DEFAULT_ORG_CONTROL_PREFIX;
    for (const i of ctx.issues()) {
      if (i.type !== 'control-id') continue;
      const v = i.value;
      if (isOrgControlId(v, prefix)) continue; // organization-defined (config organization_control_prefix)
      const repaired = repairControlId(v);
      const where = pathText(i.path);
      if (repaired) {
        ctx.report({ path: i.path, message: `Malformed control id '${v}' in ${where}; write it as '${repaired}'.`, fix: { title: `Change to ${repaired}`, ops: [{ op: 'set', path: i.path, value: repaired }] } });
      } else if (CONTROL_ID_SYNTAX.test(v.trim())) {
        const group = v.trim().split('.').slice(0, 2).join('.');
        const inGroup = controlsOfGroup(group).map(c => c.id);
        const hint = inGroup.length
          ? ` Group ${group} has ${inGroup.join(', ')}.`
          : ` Annex A groups run from A.2 to A.10 (${CONTROL_IDS.length} controls); lists numbered A.5–A.11 come from wrong catalogues.`;
        ctx.report({ path: i.path, message: `'${v}' in ${where} is not an ISO/IEC 42001:2023 Annex A control.${hint} Use the id of an Annex A control.` });
      } else {
        ctx.report({ path: i.path, message: `Malformed control id '${v}' in ${where}: expected an Annex A id such as A.7.5 or A.6.2.4.` });
      }
    }
  },
});
