/// <reference lib="dom" />
// UI end-to-end for records meeting the code: the packaged VSIX in code-server, driven in Chromium.
// Opens src/train_fraud.py of the examples workspace, waits for the CodeLens above its loads (the
// tracked card transactions, the untracked chargebacks), saves the screenshot the README shows
// (docs/images/codelens.png), clicks "No provenance record — Create…", accepts the suggested id and
// checks that the prefilled record is written and opened in the record form. The notebook's cells get
// their CodeLens too (docs/images/codelens-notebook.png).
//   node out/test/ui/code.test.js   (after `npm run package` and `npm run compile-tests`)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docScreenshot, Steps, ui, until, withVsCode } from './ui-lib';

type Page = import('playwright-core').Page;
const steps = new Steps();
const step = steps.step.bind(steps);

async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** CodeLens links with this text in the editor in front (a notebook in a background tab keeps its lenses, inert). */
const lens = (page: Page, text: string) => page.locator('.codelens-decoration a:not([inert] *)', { hasText: text }).filter({ visible: true });

async function main(): Promise<void> {
  await withVsCode('UI end-to-end: CodeLens on dataset and model loads (code-server + Chromium)', async ({ page, workspace, open }) => {
    await open();
    await page.locator('.statusbar-item', { hasText: /AIMS \d+\/38/ }).first().waitFor({ timeout: 60_000 });

    await step(page, 'code-01-codelens-above-the-loads', async () => {
      await ui.runCommand(page, 'View: Close Panel', { optional: true });
      await quickOpen(page, 'train_fraud.py');
      await page.locator('.tab.active', { hasText: 'train_fraud.py' }).waitFor();
      await lens(page, 'DataProvenance card-transactions-2025 · approved · 1 finding').first().waitFor({ timeout: 30_000 });
      await lens(page, 'No provenance record — Create…').first().waitFor();
      await lens(page, 'Add to an existing record…').first().waitFor();
      // the squiggle of the untracked load is there too
      await page.locator('.view-overlays .squiggly-warning').first().waitFor();
      await page.mouse.move(5, 5);
      await docScreenshot(page, 'codelens');
    });

    await step(page, 'code-02-notebook-cells', async () => {
      await quickOpen(page, 'fraud_threshold_review.ipynb');
      await lens(page, 'ModelCard transaction-fraud-detector · approved').first().waitFor({ timeout: 30_000 });
      await lens(page, 'DataProvenance card-transactions-2025 · approved · 1 finding').first().waitFor();
      await lens(page, 'No provenance record — Create…').first().waitFor();
      await page.mouse.move(5, 5);
      await docScreenshot(page, 'codelens-notebook');
    });
    await step(page, 'code-03-create-from-the-codelens', async () => {
      await page.locator('.tab', { hasText: 'train_fraud.py' }).first().click();
      await lens(page, 'No provenance record — Create…').first().click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      assert.equal(await input.inputValue(), 'chargebacks-2025');
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: 'chargebacks-2025.yaml' }).first().waitFor();
      const file = path.join(workspace, 'aims/data/chargebacks-2025.yaml');
      await until('the new record on disk', () => fs.existsSync(file));
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /^identifiers:\n  - s3:\/\/northwind-ml\/fraud\/chargebacks-2025\/$/m);
      assert.match(text, /^  uri: s3:\/\/northwind-ml\/fraud\/chargebacks-2025\/$/m);
      // the record form (a webview) is what opened
      await page.locator('iframe.webview.ready').last().waitFor();
    });

    await step(page, 'code-04-the-load-is-tracked-now', async () => {
      // the form (a webview) has the keyboard: go back through the tab
      await page.locator('.tab', { hasText: 'train_fraud.py' }).first().click();
      await lens(page, 'DataProvenance chargebacks-2025 · draft').first().waitFor({ timeout: 30_000 });
      assert.equal(await lens(page, 'No provenance record — Create…').count(), 0);
    });

  });
  steps.summary();
}

main().catch(e => steps.crashed(e));
