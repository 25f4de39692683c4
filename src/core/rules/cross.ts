// Cross-record and Statement-of-Applicability rules (one file each); listed in documentation order.
import type { Rule } from '../rule';

export const CROSS_RULES: readonly Rule[] = [];
