// Typed access to test/vscode/ui-lib.js (plain JS, shared with the harness) for the UI test files.
import * as path from 'node:path';

type Page = import('playwright-core').Page;
export interface UiLib {
  startCodeServer(o: { vsix: string; workspace: string; port?: number }): Promise<{ url: string; stop(): Promise<void> }>;
  launchBrowser(): Promise<import('playwright-core').Browser>;
  /** Palette command by exact title; optional: skipped when not offered; opensPicker: it opens a picker of its own. */
  runCommand(page: Page, label: string, opts?: { optional?: boolean; opensPicker?: boolean }): Promise<void>;
  /** Color theme through the palette, e.g. ('Dark Modern', 'vs-dark'). */
  setTheme(page: Page, label: string, kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light'): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
}

// out/test/ui/ → the repository's test/vscode/ui-lib.js
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ui = require(path.resolve(__dirname, '../../../test/vscode/ui-lib.js')) as UiLib;

/**
 * The steps of one UI test file: each step runs, then saves a screenshot (`<prefix><name>.png`, or
 * `<prefix>FAILED-<name>.png` on failure) and prints ✓ / ✗. `summary()` prints the "N passed, N failed"
 * line test/vscode/run-ui-tests.js and scripts/test-all.mjs read, and sets the exit code.
 */
export class Steps {
  passed = 0;
  failed = 0;
  constructor(private readonly prefix = '') {}

  async step(page: Page, name: string, fn: () => Promise<void>): Promise<void> {
    const t0 = Date.now();
    try {
      await fn();
      this.passed++;
      await ui.screenshot(page, `${this.prefix}${name}`);
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      this.failed++;
      const shot = await ui.screenshot(page, `${this.prefix}FAILED-${name}`).catch(() => '');
      console.log(`  ✗ ${name}: ${(e as Error).message.split('\n').slice(0, 10).join('\n      ')}${shot ? ` (screenshot ${shot})` : ''}`);
    }
  }

  /** A crash outside any step counts as one more failure. */
  crashed(e: unknown): void {
    console.error(e);
    this.failed++;
    this.summary();
  }

  summary(): void {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed ? 1 : 0;
  }
}
