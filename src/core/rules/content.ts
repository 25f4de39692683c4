// Record-content rules beyond the schema (one file each); listed in documentation order.
import type { Rule } from '../rule';

export const CONTENT_RULES: readonly Rule[] = [];
