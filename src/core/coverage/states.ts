// The coverage states (coverage.ts says what each means), their order and their labels. No imports:
// the coverage panel's webview bundle takes these values from here without pulling in the engine.

export type CoverageState = 'covered' | 'partial' | 'missing' | 'excluded';

/** The order of the states everywhere: reports, exports, the Controls view and the coverage panel. */
export const COVERAGE_STATES: readonly CoverageState[] = ['covered', 'partial', 'missing', 'excluded'];

export const STATE_LABELS: Record<CoverageState, string> = { covered: 'Covered', partial: 'Partial', missing: 'Missing', excluded: 'Excluded' };
