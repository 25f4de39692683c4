// Typed access to test/vscode/ui-lib.js (plain JS, shared with the harness) for the UI test files.
import * as fs from 'node:fs';
import * as os from 'node:os';
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

export interface UiRun {
  page: Page;
  /** A fresh copy of examples/ (deleted afterwards). */
  workspace: string;
  /** Opens the workspace in the workbench and waits until it shows (register page listeners before). */
  open(): Promise<void>;
}

/** The repository (test/ui/ is compiled to out/test/ui/). */
export const repo = path.resolve(__dirname, '../../..');
/** The packaged extension (npm run package); AIMS_VSIX names another. */
export const vsixPath = process.env.AIMS_VSIX ? path.resolve(process.env.AIMS_VSIX) : path.join(repo, 'aims-lint.vsix');

/**
 * The frame of a UI test file: a copy of examples/, code-server with the VSIX installed, headless
 * Chromium at 1440×900; runs `body`, and stops and deletes everything whatever happens.
 */
export async function withVsCode(title: string, body: (run: UiRun) => Promise<void>): Promise<void> {
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} missing: run npm run package first`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-ui-'));
  fs.cpSync(path.join(repo, 'examples'), workspace, { recursive: true });
  const server = await ui.startCodeServer({ vsix: vsixPath, workspace });
  const browser = await ui.launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(30_000);
    console.log(title);
    await body({
      page, workspace,
      async open() {
        await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
        await page.locator('.monaco-workbench .activitybar').waitFor();
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      },
    });
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * A screenshot for the README: saved in test-results/ui/ like every other; copied to
 * docs/images/<name>.png only when AIMS_DOC_IMAGES=1 (`npm run docs:images`), so that `npm test`
 * never changes a tracked file.
 */
export async function docScreenshot(page: Page, name: string): Promise<string> {
  const file = path.resolve(await ui.screenshot(page, name));
  if (process.env.AIMS_DOC_IMAGES === '1') {
    fs.mkdirSync(path.join(repo, 'docs/images'), { recursive: true });
    fs.copyFileSync(file, path.join(repo, 'docs/images', `${name}.png`));
    console.log(`    docs/images/${name}.png updated`);
  }
  return file;
}

/**
 * Opens `file` with Quick Open (Ctrl+P) and waits until the picker has closed. A file name is found
 * through the workspace's search index; an absolute path is looked up on disk (a stat), so a file
 * written a moment ago is listed at once, before the file watcher and the index have caught up (which
 * on a loaded machine can take longer than any timeout).
 */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(file);
  const name = path.isAbsolute(file) ? path.basename(file) : file;
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  if (path.isAbsolute(file)) await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor();
}

/**
 * Waits for a condition instead of sleeping: calls `probe` until `ok` accepts its value (every 50 ms,
 * as Playwright's expect.poll does) and returns that value; after `timeoutMs` it fails with `what` and
 * the last value seen.
 */
export async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean = v => !!v, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(v)})`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/**
 * Waits until a document (the workbench's, or a webview's through a locator of its body) has painted
 * what it shows now: its CSS animations and transitions have finished and two frames were drawn.
 */
export async function painted(body: { evaluate<R>(fn: () => R | Promise<R>): Promise<R> }): Promise<void> {
  await body.evaluate(async () => {
    await Promise.all(document.getAnimations().map(a => a.finished.catch(() => undefined)));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
  });
}
