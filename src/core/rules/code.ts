// Rules about the code: dataset and model loads found by the scanner (src/core/code) that no record
// tracks; listed in documentation order.
import type { Rule } from '../rule';
import untrackedDataset from './untracked-dataset';
import untrackedModel from './untracked-model';
import unresolvedLoad from './unresolved-load';

export const CODE_RULES: readonly Rule[] = [untrackedDataset, untrackedModel, unresolvedLoad];
