// Cross-record and Statement-of-Applicability rules (one file each); listed in documentation order.
import type { Rule } from '../rule';
import duplicateId from './duplicate-id';
import danglingReference from './dangling-reference';
import retiredReference from './retired-reference';
import modelWithoutImpactAssessment from './model-without-impact-assessment';
import impactAssessmentMismatch from './impact-assessment-mismatch';
import soaMissingControl from './soa-missing-control';
import soaMultipleInForce from './soa-multiple-in-force';
import soaDuplicateControl from './soa-duplicate-control';
import soaExclusionJustification from './soa-exclusion-justification';
import soaInclusionJustification from './soa-inclusion-justification';
import soaImplementedWithoutEvidence from './soa-implemented-without-evidence';
import soaExpectedControlExcluded from './soa-expected-control-excluded';
import soaNotApplicableWithStatus from './soa-not-applicable-with-status';

export const CROSS_RULES: readonly Rule[] = [
  duplicateId, danglingReference, retiredReference, modelWithoutImpactAssessment, impactAssessmentMismatch,
  soaMultipleInForce, soaMissingControl, soaDuplicateControl, soaExclusionJustification, soaInclusionJustification, soaImplementedWithoutEvidence,
  soaExpectedControlExcluded, soaNotApplicableWithStatus,
];
