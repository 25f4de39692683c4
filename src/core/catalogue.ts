// The Annex A catalogue: 38 controls in 9 groups (A.6 split into A.6.1 / A.6.2).
// Data lives in catalogue.data.ts (generated from the verified reference); this module adds lookups.
import { CONTROLS, GROUPS } from './catalogue.data';

export interface ControlGroup {
  id: string;
  title: string;
  objective?: string;
  controls?: string[];
  subgroups?: { id: string; title: string; objective: string; controls: string[] }[];
}

export interface ControlInfo {
  id: string;
  title: string;
  group: string;
  subgroup?: string;
  /** Matching Annex B implementation-guidance clause, e.g. B.7.5. */
  annexB: string;
  /** Our paraphrase of the control and its Annex B guidance. */
  summary: string;
  documentedInformation: string[];
  evidenceFields: string[];
  titleVariants?: string[];
}

export { CONTROLS, GROUPS };

const byId = new Map(CONTROLS.map(c => [c.id, c]));

export const CONTROL_IDS: readonly string[] = CONTROLS.map(c => c.id);

export function getControl(id: string): ControlInfo | undefined {
  return byId.get(id);
}

export function isControlId(id: string): boolean {
  return byId.has(id);
}

/** Well-formed Annex A id syntax: A.<n>.<n>[.<n>] (says nothing about whether it exists). */
export const CONTROL_ID_SYNTAX = /^A\.\d{1,2}(\.\d{1,2}){1,2}$/;

/**
 * Normalizes common misspellings of a control id ("a.6.2.2", "A 6.2.2", "A6.2.2", "A.6.2.2.")
 * to the canonical form; returns undefined when the input does not look like a control id at all.
 */
export function normalizeControlId(raw: string): string | undefined {
  const m = /^\s*(?:annex\s*)?a[\s._-]*(\d{1,2})[\s._-]+(\d{1,2})(?:[\s._-]+(\d{1,2}))?[\s.]*$/i.exec(raw);
  if (!m) return undefined;
  return ['A', m[1], m[2], m[3]].filter(Boolean).join('.');
}

/** The canonical control id a malformed one clearly means ("a.7.5", "A 7.5", "7.5"), if any. */
export function repairControlId(v: string): string | undefined {
  const n = normalizeControlId(v) ?? (/^\s*\d{1,2}\.\d{1,2}(\.\d{1,2})?\s*$/.test(v) ? `A.${v.trim()}` : undefined);
  return n && isControlId(n) ? n : undefined;
}

/** The group (A.2 … A.10) a control id belongs to. */
export function groupOf(id: string): string {
  return byId.get(id)?.group ?? id.split('.').slice(0, 2).join('.');
}

/** Controls of one group in catalogue order, subgroups flattened. */
export function controlsOfGroup(groupId: string): ControlInfo[] {
  return CONTROLS.filter(c => c.group === groupId);
}

// ---------------------------------------------------------------------------------------------
// AI roles (ISO/IEC 22989 5.19) and the controls each makes expected.
// Clause 4.1 asks the organization to determine its roles; the roles change which Annex A controls
// an auditor will expect to see applied. This mapping is our own reading of Annex B, documented in
// docs/configuration.md: a control listed for one of the organization's roles should not be excluded
// without a strong justification (rule soa-expected-control-excluded).
// ---------------------------------------------------------------------------------------------

export const ROLES = ['ai_provider', 'ai_producer', 'ai_customer', 'ai_partner', 'ai_subject', 'relevant_authorities'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TITLES: Record<Role, string> = {
  ai_provider: 'AI provider',
  ai_producer: 'AI producer',
  ai_customer: 'AI customer',
  ai_partner: 'AI partner',
  ai_subject: 'AI subject',
  relevant_authorities: 'Relevant authorities',
};

/** Accepted aliases, so that `provider` or `AI producer` in the config mean the 22989 role. */
export function normalizeRole(raw: string): Role | undefined {
  const k = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const withPrefix = k.startsWith('ai_') || k === 'relevant_authorities' ? k : `ai_${k}`;
  return (ROLES as readonly string[]).includes(withPrefix) ? (withPrefix as Role) : undefined;
}

const MANAGEMENT = ['A.2.2', 'A.2.3', 'A.2.4', 'A.3.2', 'A.3.3', 'A.4.2', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5', 'A.10.2'];

const ROLE_CONTROLS: Record<Role, string[]> = {
  // designs, develops, tests and deploys AI systems: the development life cycle and its data
  ai_producer: [...MANAGEMENT, 'A.4.3', 'A.4.4', 'A.4.5', 'A.4.6', 'A.6.1.2', 'A.6.1.3', 'A.6.2.2', 'A.6.2.3', 'A.6.2.4',
    'A.6.2.5', 'A.6.2.6', 'A.6.2.7', 'A.6.2.8', 'A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6'],
  // offers products or services that use AI: deployment, operation, information for users and customers
  ai_provider: [...MANAGEMENT, 'A.4.3', 'A.4.5', 'A.6.2.5', 'A.6.2.6', 'A.6.2.7', 'A.6.2.8', 'A.8.2', 'A.8.3', 'A.8.4', 'A.8.5',
    'A.10.3', 'A.10.4'],
  // uses AI products or services: responsible use and suppliers
  ai_customer: [...MANAGEMENT, 'A.9.2', 'A.9.3', 'A.9.4', 'A.10.3', 'A.8.3'],
  // integrates, supplies data, audits or evaluates: data and responsibilities between parties
  ai_partner: [...MANAGEMENT, 'A.4.3', 'A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6', 'A.10.3'],
  ai_subject: [...MANAGEMENT],
  relevant_authorities: [...MANAGEMENT],
};

/** Controls expected to be applicable for an organization holding the given roles. */
export function expectedControls(roles: readonly Role[]): Set<string> {
  const out = new Set<string>();
  for (const r of roles) for (const c of ROLE_CONTROLS[r]) out.add(c);
  return out;
}
