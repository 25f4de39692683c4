// The record format: one declarative definition per kind. It is the single source of truth for the
// linter's content rules, the published JSON Schemas, `aims new` skeletons, the record-format docs
// and the form editor. Every key is documented here (label + description) and mapped to the Annex A
// control(s) it evidences.
import { CONTROL_IDS as CONTROL_ORDER } from './catalogue';
import { API_VERSION, KINDS, type Kind } from './model';

interface FieldBase {
  /** Short label for forms and docs. */
  label: string;
  /** What to write there (our paraphrase of the Annex B expectation). */
  description: string;
  /** Annex A requires it: missing or empty → `required-field` (error). */
  required?: boolean;
  /** Annex B guidance suggests it: missing → `recommended-field` (info). */
  recommended?: boolean;
  /** Annex A controls this field evidences; defaults to the kind's controls. */
  controls?: string[];
  /** Example value for skeletons and docs. */
  example?: unknown;
}

export type Field = FieldBase &
  (
    | { type: 'string'; format?: 'uri' | 'kebab-id' }
    | { type: 'text' }
    | { type: 'date' }
    | { type: 'boolean' }
    | { type: 'number' }
    | { type: 'scalar' }
    | { type: 'enum'; values: readonly string[] }
    | { type: 'ref'; kinds: Kind[] }
    | { type: 'control-id' }
    | { type: 'list'; items: Field; allowSingle?: boolean }
    | { type: 'object'; fields: Record<string, Field> }
  );

export type FieldType = Field['type'];

export interface KindSpec {
  kind: Kind;
  title: string;
  description: string;
  /** Controls a record of this kind evidences as a whole (used where a field names none). */
  controls: string[];
  /** Folder `aims init` / `aims new` put records of this kind in. */
  folder: string;
  fields: Record<string, Field>;
}

export const STATUS_VALUES = ['draft', 'in-review', 'approved', 'retired'] as const;
export const SOA_STATUS_VALUES = ['not-started', 'planned', 'partial', 'implemented'] as const;
export const LINEAGE_EVENTS = ['created', 'updated', 'transcribed', 'abstracted', 'validated', 'transferred'] as const;
export const ML_USES = ['training', 'validation', 'test', 'production'] as const;
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** A real calendar date in ISO form (2026-02-30 and 2025-13-01 match ISO_DATE but are not dates). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  // by arithmetic (as Date.parse and toISOString would decide, ~6× faster: records are full of dates)
  const y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1]);
}

const text = (label: string, description: string, more: Partial<FieldBase> = {}): Field => ({ type: 'text', label, description, ...more });
const str = (label: string, description: string, more: Partial<FieldBase> = {}): Field => ({ type: 'string', label, description, ...more });
const strList = (label: string, description: string, more: Partial<FieldBase> & { allowSingle?: boolean } = {}): Field => ({
  type: 'list', label, description, items: { type: 'string', label: 'item', description }, ...more,
});

function common(kind: Kind): Record<string, Field> {
  const fields: Record<string, Field> = {
    apiVersion: { type: 'enum', values: [API_VERSION], label: 'API version', description: `Always \`${API_VERSION}\`.`, required: true, controls: [], example: API_VERSION },
    kind: { type: 'enum', values: KINDS, label: 'Kind', description: 'The record kind.', required: true, controls: [], example: kind },
    id: { type: 'string', format: 'kebab-id', label: 'Id', description: 'Unique id of the record, in kebab-case; other records refer to it by this id.', required: true, controls: [], example: 'my-record' },
    title: str('Title', 'Human-readable name of the record.', { required: true, controls: [] }),
    // the record's owner is control of documented information (clause 7.5), not the AI roles of A.3.2
    owner: str('Owner', 'Person or role accountable for the record and what it describes.', { required: true, controls: [] }),
    status: { type: 'enum', values: STATUS_VALUES, label: 'Status', description: 'Life-cycle state of the record: draft, in-review, approved or retired.', required: true, controls: [], example: 'draft' },
    reviewed: { type: 'date', label: 'Last reviewed', description: 'Date (YYYY-MM-DD) the content was last reviewed; must not be older than the record\'s last change.', required: true },
    review_by: { type: 'date', label: 'Review by', description: 'Date (YYYY-MM-DD) by which the record must be reviewed again.', required: true },
  };
  if (kind !== 'Applicability') {
    fields.controls = { type: 'list', label: 'Further controls', description: 'Further Annex A control ids this record evidences, beyond those of its kind.', items: { type: 'control-id', label: 'control', description: 'Annex A control id such as A.7.5.' } };
  }
  return fields;
}

const MODEL_CARD: KindSpec = {
  kind: 'ModelCard',
  title: 'Model card',
  description: 'Describes one AI system or model: what it is for, what it was trained and evaluated on, how it is deployed, monitored, logged and overseen.',
  controls: ['A.6.2.3', 'A.6.2.7', 'A.8.2'],
  folder: 'models',
  fields: {
    ...common('ModelCard'),
    version: str('Version', 'Version of the model or system this card describes.', { recommended: true, controls: ['A.6.2.7'] }),
    intended_use: text('Intended use', 'What the system is for, who uses it and in which context.', { required: true, controls: ['A.9.4', 'A.8.2'] }),
    out_of_scope_uses: strList('Out-of-scope uses', 'Uses the system must not be put to.', { required: true, controls: ['A.9.4', 'A.8.2'] }),
    limitations: strList('Limitations', 'Known technical limitations and conditions under which outputs are unreliable.', { required: true, allowSingle: true, controls: ['A.8.2', 'A.6.2.7'] }),
    rationale: text('Rationale', 'Why the system is built: business case, customer request or policy goal.', { recommended: true, controls: ['A.6.2.2'] }),
    model_type: str('Model type', 'Algorithm and model type, e.g. gradient-boosted trees or a fine-tuned transformer.', { recommended: true, controls: ['A.6.2.3'] }),
    ml_approach: { type: 'enum', values: ['supervised', 'unsupervised', 'semi-supervised', 'self-supervised', 'reinforcement', 'rule-based', 'other'], label: 'ML approach', description: 'Machine-learning approach.', recommended: true, controls: ['A.6.2.3'] },
    datasets: { type: 'list', label: 'Datasets', description: 'Ids of the DataProvenance records of the data used to train, validate and test the model.', required: true, controls: ['A.4.3', 'A.7.2'], items: { type: 'ref', kinds: ['DataProvenance'], label: 'dataset', description: 'Id of a DataProvenance record.' } },
    evaluation: {
      type: 'object', label: 'Evaluation', description: 'Verification and validation: measured metrics and the criteria for release.', required: true, controls: ['A.6.2.4'],
      fields: {
        metrics: {
          type: 'list', label: 'Metrics', description: 'Measured results, each on a named dataset and optionally a slice.', required: true, controls: ['A.6.2.4'],
          items: {
            type: 'object', label: 'metric', description: 'One measured result.',
            fields: {
              name: str('Name', 'Metric name, e.g. AUC or recall@0.5.', { required: true, controls: ['A.6.2.4'] }),
              value: { type: 'scalar', label: 'Value', description: 'Measured value.', required: true, controls: ['A.6.2.4'] },
              dataset: { type: 'ref', kinds: ['DataProvenance'], label: 'Dataset', description: 'Id of the DataProvenance record the metric was measured on.', required: true, controls: ['A.6.2.4', 'A.7.4'] },
              slice: str('Slice', 'Subgroup or slice the metric was measured on, e.g. "age >= 65".', { controls: ['A.6.2.4', 'A.5.4'] }),
            },
          },
        },
        release_criteria: strList('Release criteria', 'Conditions the model had to meet before release.', { required: true, allowSingle: true, controls: ['A.6.2.4', 'A.6.2.5'] }),
        test_data_representativeness: text('Test data representativeness', 'How well the test data represents the intended domain of use.', { recommended: true, controls: ['A.6.2.4'] }),
      },
    },
    deployment: {
      type: 'object', label: 'Deployment', description: 'Deployment plan and release approval.', required: true, controls: ['A.6.2.5'],
      fields: {
        environment: str('Environment', 'Target environment, e.g. "production, EU region, batch scoring".', { required: true, controls: ['A.6.2.5'] }),
        approved_by: str('Approved by', 'Who approved the release.', { required: true, controls: ['A.6.2.5'] }),
        approved_on: { type: 'date', label: 'Approved on', description: 'Date of the release approval.', recommended: true, controls: ['A.6.2.5'] },
        release_criteria_met: { type: 'boolean', label: 'Release criteria met', description: 'Whether the release criteria were met at approval.', recommended: true, controls: ['A.6.2.5'] },
      },
    },
    monitoring: {
      type: 'object', label: 'Monitoring', description: 'How the system is monitored in operation.', required: true, controls: ['A.6.2.6'],
      fields: {
        metrics: strList('Monitored metrics', 'Metrics watched in production, with acceptable values.', { required: true, controls: ['A.6.2.6'] }),
        drift: text('Drift monitoring', 'How data and concept drift are detected.', { recommended: true, controls: ['A.6.2.6'] }),
        retraining_triggers: strList('Retraining triggers', 'Events that trigger retraining or rollback.', { recommended: true, controls: ['A.6.2.6'] }),
        support_channel: str('Support channel', 'Where operators and users get support.', { recommended: true, controls: ['A.6.2.6'] }),
      },
    },
    logging: {
      type: 'object', label: 'Event logging', description: 'Event logs kept while the system is in use.', required: true, controls: ['A.6.2.8'],
      fields: {
        events: strList('Logged events', 'What is logged: time of use, input reference, outputs out of range, overrides.', { required: true, controls: ['A.6.2.8'] }),
        retention: str('Log retention', 'How long logs are kept and why.', { required: true, controls: ['A.6.2.8'] }),
      },
    },
    human_oversight: text('Human oversight', 'Who can review, override or stop the system\'s outputs, and how they are trained.', { required: true, controls: ['A.9.3', 'A.8.2'] }),
    impact_assessment: { type: 'ref', kinds: ['ImpactAssessment'], label: 'Impact assessment', description: 'Id of the ImpactAssessment record for this system.', required: true, controls: ['A.5.3'] },
    tooling: strList('Tooling', 'Frameworks, data-conditioning and evaluation tools used to build the system.', { recommended: true, controls: ['A.4.4'] }),
    compute: {
      type: 'object', label: 'Compute', description: 'System and computing resources.', recommended: true, controls: ['A.4.5'],
      fields: {
        training: str('Training', 'Compute used for training.', { controls: ['A.4.5'] }),
        inference: str('Inference', 'Compute used to serve the model.', { controls: ['A.4.5'] }),
        location: { type: 'enum', values: ['on-premises', 'cloud', 'edge', 'hybrid'], label: 'Location', description: 'Where the resources run.', controls: ['A.4.5'] },
      },
    },
    security_threats: strList('Security threats', 'AI-specific threats considered, e.g. data poisoning, model inversion, model stealing.', { recommended: true, controls: ['A.6.2.3'] }),
    user_information: {
      type: 'object', label: 'Information for users', description: 'What users are told about the system.', recommended: true, controls: ['A.8.2'],
      fields: {
        documentation: str('Documentation', 'Link to or path of the user documentation.', { controls: ['A.8.2'] }),
        ai_interaction_notice: { type: 'boolean', label: 'AI interaction notice', description: 'Whether users are told they interact with an AI system.', controls: ['A.8.2'] },
        contact: str('Contact', 'Contact point for users.', { controls: ['A.8.2'] }),
      },
    },
    external_reporting: str('External reporting', 'Channel through which users and others report adverse impacts.', { recommended: true, controls: ['A.8.3'] }),
    suppliers: {
      type: 'list', label: 'Suppliers', description: 'Third parties supplying models, data or components.', controls: ['A.10.3'],
      items: {
        type: 'object', label: 'supplier', description: 'One supplier.',
        fields: {
          name: str('Name', 'Supplier name.', { required: true, controls: ['A.10.3'] }),
          supplies: str('Supplies', 'What it supplies.', { required: true, controls: ['A.10.3'] }),
        },
      },
    },
    identifiers: strList('Identifiers', 'Names and URIs under which code loads the model (registry names, file paths).', { controls: ['A.4.2'] }),
  },
};

const DATA_PROVENANCE: KindSpec = {
  kind: 'DataProvenance',
  title: 'Data provenance',
  description: 'Describes one dataset: where it came from, the rights to use it, what it contains, how it was prepared and every change to it since.',
  controls: ['A.4.3', 'A.7.3', 'A.7.5'],
  folder: 'data',
  fields: {
    ...common('DataProvenance'),
    source: {
      type: 'object', label: 'Source', description: 'Where the data comes from.', required: true, controls: ['A.7.3', 'A.7.5'],
      fields: {
        name: str('Name', 'Name of the source system or dataset.', { required: true, controls: ['A.7.3'] }),
        uri: str('URI', 'Location of the source.', { recommended: true, controls: ['A.7.5'] }),
        supplier: str('Supplier', 'Who supplies it ("internal" for own data).', { required: true, controls: ['A.7.3', 'A.10.3'] }),
      },
    },
    license: str('License', 'Licence or contract under which the data may be used.', { required: true, controls: ['A.7.3'] }),
    acquisition: {
      type: 'object', label: 'Acquisition', description: 'How and when the data was acquired.', required: true, controls: ['A.7.3'],
      fields: {
        method: { type: 'enum', values: ['internal', 'collected', 'purchased', 'licensed', 'shared', 'open-data', 'synthetic', 'web-crawl'], label: 'Method', description: 'How the data was obtained.', required: true, controls: ['A.7.3'] },
        date: { type: 'date', label: 'Date', description: 'Date of acquisition (YYYY-MM-DD).', required: true, controls: ['A.7.3'] },
      },
    },
    contains_personal_data: { type: 'boolean', label: 'Contains personal data', description: 'Whether the data contains personal data (PII).', required: true, controls: ['A.7.2', 'A.7.3'] },
    legal_basis: str('Legal basis', 'Legal basis for processing personal data; required when contains_personal_data is true.', { controls: ['A.7.3'] }),
    categories: strList('Data categories', 'Data categories (e.g. ISO/IEC 19944-1: customer content, derived data, ...).', { required: true, controls: ['A.4.3'] }),
    // ml_use, labelling and known_bias: details Annex B suggests (B.4.3), not content A.4.3 requires
    ml_use: { type: 'list', allowSingle: true, label: 'ML use', description: 'Role of the data: training, validation, test, production.', recommended: true, controls: ['A.4.3'], items: { type: 'enum', values: ML_USES, label: 'use', description: 'training | validation | test | production' } },
    labelling: text('Labelling', 'How labels were produced (or that the data is unlabelled).', { recommended: true, controls: ['A.4.3'] }),
    quality: {
      type: 'object', label: 'Quality', description: 'Data-quality requirements and measured results.', required: true, controls: ['A.7.4'],
      fields: {
        requirements: text('Requirements', 'Quality requirements the data must meet.', { required: true, controls: ['A.7.4'] }),
        results: {
          type: 'list', label: 'Results', description: 'Measured quality per dimension.', recommended: true, controls: ['A.7.4'],
          items: {
            type: 'object', label: 'result', description: 'One measured quality dimension.',
            fields: {
              dimension: str('Dimension', 'Quality dimension, e.g. completeness or label accuracy.', { required: true, controls: ['A.7.4'] }),
              value: { type: 'scalar', label: 'Value', description: 'Measured value.', required: true, controls: ['A.7.4'] },
            },
          },
        },
      },
    },
    preparation: strList('Preparation', 'Preparation steps applied, in order (cleaning, imputation, normalization, encoding, ...).', { required: true, controls: ['A.7.6'] }),
    lineage: {
      type: 'list', label: 'Lineage', description: 'Provenance events over the life of the data, starting with its creation.', required: true, controls: ['A.7.5'],
      items: {
        type: 'object', label: 'event', description: 'One provenance event.',
        fields: {
          event: { type: 'enum', values: LINEAGE_EVENTS, label: 'Event', description: 'created | updated | transcribed | abstracted | validated | transferred', required: true, controls: ['A.7.5'] },
          date: { type: 'date', label: 'Date', description: 'When it happened.', required: true, controls: ['A.7.5'] },
          by: str('By', 'Who did it.', { required: true, controls: ['A.7.5'] }),
          note: text('Note', 'What happened.', { controls: ['A.7.5'] }),
        },
      },
    },
    retention: str('Retention', 'Retention and disposal rule for the data.', { required: true, controls: ['A.4.3'] }),
    known_bias: strList('Known bias', 'Known or suspected bias in the data.', { recommended: true, allowSingle: true, controls: ['A.4.3', 'A.7.4'] }),
    identifiers: strList('Identifiers', 'Names and URIs under which code loads the dataset (table names, bucket paths, hub names).', { recommended: true, controls: ['A.4.3'] }),
    size: str('Size', 'Quantity of data, e.g. "1.2M rows".', { recommended: true, controls: ['A.7.3'] }),
    data_subjects: text('Data subjects', 'Whom the data is about, and their demographics.', { recommended: true, controls: ['A.7.3'] }),
    verification: {
      type: 'object', label: 'Provenance verification', description: 'Whether and how provenance is actively verified.', controls: ['A.7.5'],
      fields: {
        required: { type: 'boolean', label: 'Required', description: 'Whether active verification is needed.', controls: ['A.7.5'] },
        method: str('Method', 'How provenance is verified.', { controls: ['A.7.5'] }),
      },
    },
  },
};

const IMPACT_ASSESSMENT: KindSpec = {
  kind: 'ImpactAssessment',
  title: 'Impact assessment',
  description: 'Assesses what one AI system can mean for individuals, groups and society, and how negative impacts are mitigated.',
  // the records of assessments (A.5.3) and what they assess (A.5.4, A.5.5); A.5.2 is the process, a document
  controls: ['A.5.3', 'A.5.4', 'A.5.5'],
  folder: 'assessments',
  fields: {
    ...common('ImpactAssessment'),
    system: { type: 'ref', kinds: ['ModelCard'], label: 'System', description: 'Id of the ModelCard of the assessed system.', required: true, controls: ['A.5.3'] },
    assessed_on: { type: 'date', label: 'Assessed on', description: 'Date of the assessment.', required: true, controls: ['A.5.3'] },
    assessor: str('Assessor', 'Who performed the assessment.', { required: true, controls: ['A.5.3'] }),
    intended_use: text('Intended use', 'Intended use of the system as assessed.', { required: true, controls: ['A.5.3'] }),
    foreseeable_misuse: strList('Foreseeable misuse', 'Reasonably foreseeable misuse.', { required: true, allowSingle: true, controls: ['A.5.3'] }),
    affected_groups: {
      type: 'list', label: 'Affected groups', description: 'Individuals and groups the system affects; mark the vulnerable ones.', required: true, controls: ['A.5.4'],
      items: {
        type: 'object', label: 'group', description: 'One affected group.',
        fields: {
          name: str('Name', 'The group.', { required: true, controls: ['A.5.4'] }),
          vulnerable: { type: 'boolean', label: 'Vulnerable', description: 'Whether the group needs special protection (children, elderly, workers, ...).', controls: ['A.5.4'] },
          note: text('Note', 'Why the group is affected.', { controls: ['A.5.4'] }),
        },
      },
    },
    impacts: {
      type: 'list', label: 'Impacts', description: 'Positive and negative impacts on individuals, groups and society.', required: true, controls: ['A.5.4', 'A.5.5'],
      items: {
        type: 'object', label: 'impact', description: 'One impact.',
        fields: {
          scope: { type: 'enum', values: ['individual', 'group', 'society'], label: 'Scope', description: 'individual | group | society', required: true, controls: ['A.5.4', 'A.5.5'] },
          area: str('Area', 'Impact area, e.g. fairness, privacy, safety, environment, employment.', { recommended: true, controls: ['A.5.4', 'A.5.5'] }),
          description: text('Description', 'What the impact is.', { required: true, controls: ['A.5.4', 'A.5.5'] }),
          effect: { type: 'enum', values: ['positive', 'negative'], label: 'Effect', description: 'positive | negative', required: true, controls: ['A.5.4', 'A.5.5'] },
          likelihood: { type: 'enum', values: ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'], label: 'Likelihood', description: 'rare | unlikely | possible | likely | almost-certain', required: true, controls: ['A.5.4', 'A.5.5'] },
          severity: { type: 'enum', values: ['negligible', 'minor', 'moderate', 'major', 'critical'], label: 'Severity', description: 'negligible | minor | moderate | major | critical', required: true, controls: ['A.5.4', 'A.5.5'] },
          mitigation: text('Mitigation', 'How a negative impact is mitigated; required for negative impacts.', { controls: ['A.5.4', 'A.5.5'] }),
        },
      },
    },
    predictable_failures: {
      type: 'list', label: 'Predictable failures', description: 'Failures that can be foreseen, their effects and mitigations.', required: true, controls: ['A.5.3'],
      items: {
        type: 'object', label: 'failure', description: 'One predictable failure.',
        fields: {
          failure: text('Failure', 'What can go wrong.', { required: true, controls: ['A.5.3'] }),
          effect: text('Effect', 'What it causes.', { required: true, controls: ['A.5.3'] }),
          mitigation: text('Mitigation', 'How it is prevented or limited.', { required: true, controls: ['A.5.3'] }),
        },
      },
    },
    human_oversight: text('Human oversight', 'The human role, including oversight and the power to override.', { required: true, controls: ['A.5.3', 'A.9.3'] }),
    // Annex B suggests it (B.5.3); the control does not require it
    employment_effects: text('Employment effects', 'Effects on employment and on staff skills.', { recommended: true, controls: ['A.5.3', 'A.5.5'] }),
    retention_period: str('Retention period', 'How long this assessment is kept.', { required: true, controls: ['A.5.3'] }),
    system_complexity: text('System complexity', 'How complex and how automated the system is.', { recommended: true, controls: ['A.5.3'] }),
    experts_consulted: strList('Experts consulted', 'Domain, legal or ethics experts consulted.', { recommended: true, controls: ['A.5.4'] }),
  },
};

const APPLICABILITY: KindSpec = {
  kind: 'Applicability',
  title: 'Statement of Applicability',
  description: 'Lists every Annex A control: whether it applies, why, its implementation status, owner and evidence (clause 6.1.3).',
  controls: [],
  folder: '.',
  fields: {
    ...common('Applicability'),
    scope: text('AIMS scope', 'Scope of the AI management system this statement covers (clause 4.3).', { required: true, controls: [] }),
    controls: {
      type: 'list', label: 'Controls', description: 'One entry per Annex A control.', required: true, controls: [],
      items: {
        type: 'object', label: 'control', description: 'One Annex A control.',
        fields: {
          id: { type: 'control-id', label: 'Control', description: 'Annex A control id, e.g. A.7.5, or an organization-defined id with the configured prefix (default ORG-).', required: true, controls: [] },
          applicable: { type: 'boolean', label: 'Applicable', description: 'Whether the control applies.', required: true, controls: [] },
          justification: text('Justification', 'Why the control is included or excluded.', { required: true, controls: [] }),
          status: { type: 'enum', values: SOA_STATUS_VALUES, label: 'Status', description: 'not-started | planned | partial | implemented', required: true, controls: [] },
          owner: str('Owner', 'Who is responsible for the control.', { recommended: true, controls: [] }),
          evidence: strList('Evidence', 'Record ids, paths of files in the repository, or URLs (declared, not checked) that evidence the control.', { controls: [] }),
          title: str('Title', 'Title of an organization-defined control; Annex A controls take theirs from the catalogue.', { controls: [] }),
        },
      },
    },
  },
};

export const KIND_SPECS: Record<Kind, KindSpec> = {
  ModelCard: MODEL_CARD,
  DataProvenance: DATA_PROVENANCE,
  ImpactAssessment: IMPACT_ASSESSMENT,
  Applicability: APPLICABILITY,
};

export function isKind(k: unknown): k is Kind {
  return typeof k === 'string' && (KINDS as readonly string[]).includes(k);
}

/** The field definition at a data path (list indexes skipped), or undefined. */
export function fieldAt(kind: Kind, path: readonly (string | number)[]): Field | undefined {
  let fields: Record<string, Field> | undefined = KIND_SPECS[kind].fields;
  let field: Field | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (field?.type !== 'list') return undefined;
      field = field.items;
      fields = field.type === 'object' ? field.fields : undefined;
      continue;
    }
    field = fields?.[seg];
    if (!field) return undefined;
    fields = field.type === 'object' ? field.fields : field.type === 'list' && field.items.type === 'object' ? field.items.fields : undefined;
  }
  return field;
}

/** Every field of every kind (nested ones with dotted paths, list items by their list's path), in spec order. */
export function allFields(): { kind: Kind; path: string; field: Field }[] {
  const out: { kind: Kind; path: string; field: Field }[] = [];
  const walk = (kind: Kind, fields: Record<string, Field>, prefix: string): void => {
    for (const [k, f] of Object.entries(fields)) {
      const path = prefix + k;
      out.push({ kind, path, field: f });
      const inner = f.type === 'object' ? f.fields : f.type === 'list' && f.items.type === 'object' ? f.items.fields : undefined;
      if (inner) walk(kind, inner, `${path}.`);
    }
  };
  for (const kind of KINDS) walk(kind, KIND_SPECS[kind].fields, '');
  return out;
}

/** The controls findings about the fields selected by `pick` carry, in catalogue order, and the fields by kind ("ModelCard: intended_use, ..."). */
export function fieldControls(pick: (f: Field) => boolean): { controls: string[]; byKind: string } {
  const controls = new Set<string>();
  const byKind = new Map<Kind, string[]>();
  for (const { kind, path, field } of allFields()) {
    if (!pick(field)) continue;
    for (const c of controlsOf(kind, field)) controls.add(c);
    (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(`\`${path}\``);
  }
  return { controls: CONTROL_ORDER.filter(c => controls.has(c)), byKind: [...byKind].map(([k, l]) => `${k}: ${l.join(', ')}`).join('; ') };
}

/** Controls a field evidences (its own, else its kind's). */
export function controlsOf(kind: Kind, field: Field | undefined): string[] {
  return field?.controls && field.controls.length ? field.controls : KIND_SPECS[kind].controls;
}

/**
 * The value a new, not yet filled-in field gets ("insert missing field" fixes): empty but present,
 * never an answer. A yes/no or a number is null (a fix must not write `false` for a compliance
 * question such as contains_personal_data); the field then carries its "fill it in" finding.
 */
export function emptyValueFor(f: Field): unknown {
  switch (f.type) {
    case 'list': return f.items.type === 'object' ? [emptyValueFor(f.items)] : [];
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(f.fields)) if (sub.required) o[k] = emptyValueFor(sub);
      return o;
    }
    case 'boolean': case 'number': return null;
    case 'enum': return f.values.length === 1 ? f.values[0] : '';
    default: return '';
  }
}
