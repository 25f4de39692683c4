// Evidence profiles: for each of the 38 Annex A controls, what evidences it, at which scope, and what is
// checked. Data only (no logic): compute.ts evaluates it, scripts/gen-docs.ts turns it into
// docs/coverage.md, the README's Coverage section and the panel's tooltips. A new record kind joins by
// adding entries here: a `records` alternative naming the kind and the fields that must hold content
// (and, for a per-system control, the field of the new record that names the system).
//
// Scopes
//   organization  one healthy record of an accepted kind, or (where `documents` is true) one document
//                 cited in the Statement of Applicability, suffices;
//   system        every in-scope AI system (each ModelCard that is not retired) must carry it, on its own
//                 card or on a record that names it (`via`);
//   dataset       every DataProvenance record used by an in-scope system (its `datasets`) must carry it.
// "Healthy" (evidence.ts): approved, not retired, not past review_by, no error-level findings.
import type { Kind } from '../model';

export type EvidenceScope = 'organization' | 'system' | 'dataset';
export const EVIDENCE_SCOPES: readonly EvidenceScope[] = ['organization', 'system', 'dataset'];

/**
 * One field that must hold content. `path` is dotted: `evaluation.metrics`; a number selects a list item
 * (`lineage.0.event`), `*` any item (`impacts.*.scope`). Without `equals` the value must be non-empty
 * (a boolean counts as content); with it, the value (or, under `*`, some item's value) must equal it.
 */
export interface FieldCheck {
  path: string;
  equals?: string;
}

/** One way records evidence a control: a record of `kind` whose `fields` all hold content. */
export interface RecordEvidence {
  kind: Kind;
  fields: FieldCheck[];
  /**
   * Per-system profiles: how the record belongs to a system. Absent for the system's own ModelCard;
   * otherwise the field of this record that holds the system's id (a string or a list of ids), for
   * example `system` of an ImpactAssessment.
   */
  via?: string;
}

export interface EvidenceProfile {
  control: string;
  scope: EvidenceScope;
  /** Alternatives: any one suffices (for the organization, for each system, for each dataset). */
  records: RecordEvidence[];
  /**
   * Whether a document cited in the SoA's evidence counts (organization scope only): a non-empty
   * regular file inside the repository, or a URL (declared, not checked).
   */
  documents: boolean;
  /** A cited record of any kind counts (organization-defined controls). */
  anyRecord?: boolean;
  /** What counts, in our words (docs/coverage.md, panel tooltips). */
  what: string;
}

const f = (...paths: string[]): FieldCheck[] => paths.map(path => ({ path }));
const card = (...paths: string[]): RecordEvidence => ({ kind: 'ModelCard', fields: f(...paths) });
const assessment = (...paths: string[]): RecordEvidence => ({ kind: 'ImpactAssessment', via: 'system', fields: f(...paths) });
const dataset = (...fields: (string | FieldCheck)[]): RecordEvidence => ({ kind: 'DataProvenance', fields: fields.map(x => (typeof x === 'string' ? { path: x } : x)) });
const org = (control: string, what: string, records: RecordEvidence[] = []): EvidenceProfile => ({ control, scope: 'organization', records, documents: true, what });
const perSystem = (control: string, what: string, ...records: RecordEvidence[]): EvidenceProfile => ({ control, scope: 'system', records, documents: false, what });
const perDataset = (control: string, what: string, ...records: RecordEvidence[]): EvidenceProfile => ({ control, scope: 'dataset', records, documents: false, what });

export const EVIDENCE_PROFILES: readonly EvidenceProfile[] = [
  // A.2 Policies related to AI
  org('A.2.2', 'The AI policy, approved by top management: a policy document cited in the SoA.'),
  org('A.2.3', 'A document that shows how the AI policy relates to the other policies it touches (a section of the AI policy or a policy map).'),
  org('A.2.4', 'A document that sets when and by whom the AI policy is reviewed (a review procedure or the review section of the policy).'),
  // A.3 Internal organization
  org('A.3.2', 'A document that assigns the AI roles and their responsibilities and authorities.'),
  org('A.3.3', 'A document that describes how anyone can raise a concern about an AI system, confidentially, and how it is handled.'),
  // A.4 Resources for AI systems
  perSystem('A.4.2', 'Each system\'s card lists the resources it depends on: its datasets, tooling and compute.', card('datasets', 'tooling', 'compute')),
  perDataset('A.4.3', 'Each dataset a system uses is described: its source, its data categories and its retention rule.',
    dataset('source', 'categories', 'retention')),
  perSystem('A.4.4', 'Each system\'s card lists the tooling used to build and evaluate it.', card('tooling')),
  perSystem('A.4.5', 'Each system\'s card describes the compute it trains and runs on.', card('compute')),
  org('A.4.6', 'A document that records the people and competences the AI systems need (a competence matrix).'),
  // A.5 Assessing impacts of AI systems
  org('A.5.2', 'A document that describes the impact assessment process: when an assessment is due, its steps and who performs it.'),
  perSystem('A.5.3', 'Each system has a healthy ImpactAssessment naming it, with intended use, foreseeable misuse, impacts, predictable failures, human oversight and a retention period.',
    assessment('intended_use', 'foreseeable_misuse', 'impacts', 'predictable_failures', 'human_oversight', 'retention_period')),
  perSystem('A.5.4', 'Each system\'s ImpactAssessment names the affected groups and assesses the impacts on them.', assessment('affected_groups', 'impacts')),
  perSystem('A.5.5', 'Each system\'s ImpactAssessment assesses at least one impact at society scope.', { kind: 'ImpactAssessment', via: 'system', fields: [{ path: 'impacts.*.scope', equals: 'society' }] }),
  // A.6.1 Management guidance for AI system development
  org('A.6.1.2', 'A document that sets the objectives for responsible development of AI systems.'),
  org('A.6.1.3', 'A document that describes the development process: stages, tests, approvals and change control.'),
  // A.6.2 AI system life cycle
  perSystem('A.6.2.2', 'Each system\'s card states its intended use and why it is built.', card('intended_use', 'rationale')),
  perSystem('A.6.2.3', 'Each system\'s card records its design choices: model type, ML approach and the security threats considered.', card('model_type', 'ml_approach', 'security_threats')),
  perSystem('A.6.2.4', 'Each system\'s card records its evaluation: measured metrics and release criteria.', card('evaluation.metrics', 'evaluation.release_criteria')),
  perSystem('A.6.2.5', 'Each system\'s card records its deployment: environment, who approved the release and when.', card('deployment.environment', 'deployment.approved_by', 'deployment.approved_on')),
  perSystem('A.6.2.6', 'Each system\'s card says what is monitored in operation.', card('monitoring.metrics')),
  perSystem('A.6.2.7', 'Each system\'s card documents intended use, out-of-scope uses and limitations.', card('intended_use', 'out_of_scope_uses', 'limitations')),
  perSystem('A.6.2.8', 'Each system\'s card says which events are logged and how long logs are kept.', card('logging.events', 'logging.retention')),
  // A.7 Data for AI systems
  org('A.7.2', 'A document that describes the data management process for AI development.'),
  perDataset('A.7.3', 'Each dataset a system uses records its source, supplier, licence, how and when it was acquired, and whether it holds personal data.',
    dataset('source.name', 'source.supplier', 'license', 'acquisition.method', 'acquisition.date', 'contains_personal_data')),
  perDataset('A.7.4', 'Each dataset a system uses states its quality requirements and measured results.', dataset('quality.requirements', 'quality.results')),
  perDataset('A.7.5', 'Each dataset a system uses has a lineage that starts with its creation.', dataset({ path: 'lineage.0.event', equals: 'created' })),
  perDataset('A.7.6', 'Each dataset a system uses lists its preparation steps.', dataset('preparation')),
  // A.8 Information for interested parties of AI systems
  perSystem('A.8.2', 'Each system\'s card points to its user documentation and states its limitations.', card('user_information.documentation', 'limitations')),
  perSystem('A.8.3', 'Each system\'s card names the channel through which adverse impacts are reported.', card('external_reporting')),
  org('A.8.4', 'A document that plans how incidents are communicated to users and authorities.'),
  org('A.8.5', 'A document that sets what is reported to interested parties, to whom and when.'),
  // A.9 Use of AI systems
  org('A.9.2', 'A document that describes how AI systems are used responsibly: approvals, sourcing, legal requirements.'),
  org('A.9.3', 'A document that sets the objectives for responsible use and the oversight that meets them.'),
  perSystem('A.9.4', 'Each system\'s card states its intended use, the uses it must not be put to, and its human oversight.', card('intended_use', 'out_of_scope_uses', 'human_oversight')),
  // A.10 Third-party and customer relationships
  org('A.10.2', 'A document that allocates responsibilities between the organization and its suppliers, partners and customers.'),
  org('A.10.3', 'A document that describes how suppliers are selected and monitored (a supplier register or procedure).'),
  org('A.10.4', 'A document that shows how customer needs and the split of responsibilities are taken into account.'),
];

/** The profile of an organization-defined control (config organization_control_prefix): any healthy record or document. */
export const ORG_CONTROL_PROFILE: Omit<EvidenceProfile, 'control'> = {
  scope: 'organization', records: [], documents: true, anyRecord: true,
  what: 'Any healthy record or document cited in the Statement of Applicability (organization-defined control).',
};

/** Every field check of the profiles on records of `kind` (distinct by path and value), computed once per kind. */
export function checksOfKind(kind: Kind): readonly FieldCheck[] {
  let list = checksCache.get(kind);
  if (!list) {
    const seen = new Map<string, FieldCheck>();
    for (const p of EVIDENCE_PROFILES) for (const r of p.records) if (r.kind === kind) for (const c of r.fields) seen.set(`${c.path}=${c.equals ?? ''}`, c);
    checksCache.set(kind, (list = [...seen.values()]));
  }
  return list;
}
const checksCache = new Map<Kind, readonly FieldCheck[]>();

/** The fields through which records of `kind` name a system (`via`). */
export function viaFieldsOfKind(kind: Kind): readonly string[] {
  return [...new Set(EVIDENCE_PROFILES.flatMap(p => p.records.filter(r => r.kind === kind && r.via).map(r => r.via!)))];
}

const byControl = new Map(EVIDENCE_PROFILES.map(p => [p.control, p]));

export function profileOf(control: string): EvidenceProfile | undefined {
  return byControl.get(control);
}
