// Record-content rules beyond the schema (one file each); listed in documentation order.
import type { Rule } from '../rule';
import personalDataLegalBasis from './personal-data-legal-basis';
import lineageCreatedEvent from './lineage-created-event';
import lineageOrder from './lineage-order';
import negativeImpactWithoutMitigation from './negative-impact-without-mitigation';
import vulnerableGroupImpact from './vulnerable-group-impact';
import reviewOverdue from './review-overdue';
import reviewDatesOrder from './review-dates-order';
import reviewStale from './review-stale';

export const CONTENT_RULES: readonly Rule[] = [
  personalDataLegalBasis, lineageCreatedEvent, lineageOrder, negativeImpactWithoutMitigation, vulnerableGroupImpact,
  reviewOverdue, reviewDatesOrder, reviewStale,
];
