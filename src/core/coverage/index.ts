// Coverage: evidence profiles (data), evidence resolution and the coverage report. Callers import from here.
export { COVERAGE_STATES, STATE_LABELS, type CoverageState } from './states';
export { EVIDENCE_PROFILES, EVIDENCE_SCOPES, ORG_CONTROL_PROFILE, profileOf, type EvidenceProfile, type EvidenceScope, type FieldCheck, type RecordEvidence } from './profiles';
export { checkText, evidencePath, healthProblems, isUrl, makePathKind, PATH_PROBLEMS, resolveEvidence, type PathKind, type ResolvedEvidence } from './evidence';
export {
  computeCoverage, gapPhrase, soaEntryPosition,
  type CellResult, type ControlCoverage, type CoverageOptions, type CoverageReport, type DatasetCoverage, type EvidenceItem,
  type FindingCounts, type GroupCoverage, type SoaEntryPosition, type SystemCoverage,
} from './compute';
