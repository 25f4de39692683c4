// The rule catalogue, in documentation order. Every rule lives in a file of its own.
import type { Rule } from '../rule';
import inputLimit from './input-limit';
import yamlSyntax from './yaml-syntax';
import duplicateKey from './duplicate-key';
import emptyFile from './empty-file';
import multipleDocuments from './multiple-documents';
import unknownKind from './unknown-kind';
import requiredField from './required-field';
import recommendedField from './recommended-field';
import placeholderText from './placeholder-text';
import invalidType from './invalid-type';
import invalidEnum from './invalid-enum';
import invalidDate from './invalid-date';
import unknownKey from './unknown-key';
import invalidId from './invalid-id';
import unknownControl from './unknown-control';
import { CONTENT_RULES } from './content';
import { CROSS_RULES } from './cross';
import { CODE_RULES } from './code';
import invalidSuppression from './invalid-suppression';
import unusedSuppression from './unused-suppression';

export const RULES: readonly Rule[] = [
  inputLimit, yamlSyntax, duplicateKey, emptyFile, multipleDocuments, unknownKind,
  requiredField, recommendedField, placeholderText, invalidType, invalidEnum, invalidDate, unknownKey, invalidId, unknownControl,
  ...CONTENT_RULES,
  ...CROSS_RULES,
  ...CODE_RULES,
  invalidSuppression, unusedSuppression,
];

export function getRule(id: string): Rule | undefined {
  return RULES.find(r => r.id === id);
}
