// The entries of a Statement of Applicability and the checks every SoA rule and coverage share: the
// canonical control id of an entry, whether an id is organization-defined, and whether a justification
// explains a decision (clause 6.1.3 asks for one for every inclusion and every exclusion).
import { isControlId, repairControlId } from './catalogue';
import type { SoaEntry } from './model';
import { summarize } from './summary';
import { isPlaceholder } from './validate';

export interface SoaItem extends SoaEntry {
  /** The canonical Annex A id of the entry (a misspelled id that unknown-control fixes counts as that id). */
  control?: string;
}

/** The entries of a Statement of Applicability, with their canonical control ids. */
export function soaItems(data: Record<string, unknown>): SoaItem[] {
  return (summarize('Applicability', data).soa ?? []).map(e => withControl(e));
}

export function withControl(e: SoaEntry): SoaItem {
  return { ...e, control: isControlId(e.id) ? e.id : repairControlId(e.id) };
}

/** The default prefix of organization-defined control ids (config `organization_control_prefix`). */
export const DEFAULT_ORG_CONTROL_PREFIX = 'ORG-';

/** An organization-defined control id: the prefix followed by at least one letter or digit. */
export function isOrgControlId(id: string, prefix: string): boolean {
  return !!prefix && id.length > prefix.length && id.startsWith(prefix) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id.slice(prefix.length));
}

/** A justification shorter than this is not an explanation. */
export const MIN_JUSTIFICATION_WORDS = 5;
export const MIN_JUSTIFICATION_CHARS = 30;

/** What is wrong with a justification ("without a justification", ...), or undefined when it explains. */
export function justificationProblem(justification: string | undefined): string | undefined {
  const j = (justification ?? '').trim();
  const words = j.split(/\s+/).filter(Boolean).length;
  if (!j) return 'without a justification';
  if (isPlaceholder(j)) return `with the placeholder '${j}' as justification`;
  if (words < MIN_JUSTIFICATION_WORDS || j.length < MIN_JUSTIFICATION_CHARS) return `with a justification too short to explain the decision ('${j}')`;
  return undefined;
}
