/// <reference lib="dom" />
// UI end-to-end of the record form's lists, with the mouse and with the keyboard only: after *Add
// item* the focus is in the new item with nothing selected, so what is typed next goes into the new
// item and never over an existing entry; Enter in a list item adds the next one; after a remove the
// focus goes to the neighbour. One test per list type (text list, list of choices, list of mappings),
// each checked against the file on disk after saving.
//   node out/test/ui/form-lists.test.js   (after `npm run package`)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quickOpen, Steps, ui, withVsCode } from './ui-lib';

type Page = import('playwright-core').Page;
type FrameLocator = import('playwright-core').FrameLocator;

const RECORD = 'aims/data/card-transactions-2025.yaml';
const steps = new Steps('form-lists-');
const step = steps.step.bind(steps);

const formOf = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready >> visible=true').first().frameLocator('iframe#active-frame');
const byKey = (form: FrameLocator, key: string) => form.locator(`[data-focus-key="${key}"]`);

/** Opens `file` with Quick Open, waits for a line with `line` in the text editor, then runs Open Form. */
async function openFormOf(page: Page, file: string, line: string): Promise<void> {
  await quickOpen(page, file);
  await page.locator('.editor-instance .view-line', { hasText: line }).first().waitFor();
  await ui.runCommand(page, 'AIMS: Open Form');
}

/** Waits until the element with data-focus-key `key` has the focus; returns what its input shows and selects. */
async function focusedOn(form: FrameLocator, key: string, timeoutMs = 10_000): Promise<{ value: string; selected: string }> {
  return form.locator('body').evaluate((_, [want, limit]) => new Promise<{ value: string; selected: string }>((resolve, reject) => {
    const t0 = performance.now();
    const tick = (): void => {
      const a = document.activeElement as HTMLElement | null;
      const k = a?.closest('[data-focus-key]')?.getAttribute('data-focus-key');
      if (k === want) {
        const inner = (a?.shadowRoot?.activeElement ?? a) as HTMLInputElement | null;
        let selected = '';
        try { if (inner && typeof inner.selectionStart === 'number') selected = inner.value.slice(inner.selectionStart, inner.selectionEnd ?? inner.selectionStart); } catch { /* not a text input */ }
        resolve({ value: String((a as unknown as { value?: unknown }).value ?? ''), selected });
        return;
      }
      if (performance.now() - t0 > (limit as number)) reject(new Error(`the focus is on '${k ?? a?.tagName}', expected '${want as string}'`));
      else requestAnimationFrame(tick);
    };
    tick();
  }), [key, timeoutMs] as const);
}

/** Waits until the input at `key` shows `value` (the document holds it, the view came back). */
async function shows(form: FrameLocator, key: string, value: string): Promise<void> {
  await byKey(form, key).evaluate((el, want) => new Promise<void>((resolve, reject) => {
    const t0 = performance.now();
    const tick = (): void => {
      const v = String((el as unknown as { value?: unknown }).value ?? '');
      if (v === want) resolve();
      else if (performance.now() - t0 > 10_000) reject(new Error(`shows '${v}', expected '${want}'`));
      else requestAnimationFrame(tick);
    };
    tick();
  }), value);
}

async function main(): Promise<void> {
  await withVsCode('UI end-to-end: lists in the record form (code-server + Chromium)', async ({ page, workspace, open }) => {
    const file = path.join(workspace, ...RECORD.split('/'));
    const original = fs.readFileSync(file, 'utf8');
    const form = formOf(page);
    await open();

    await step(page, '01-open-form', async () => {
      await openFormOf(page, 'card-transactions-2025.yaml', 'kind: DataProvenance');
      await form.locator('.form-root').waitFor();
      await byKey(form, 'preparation[4]').waitFor();
    });

    await step(page, '02-text-list-add-with-the-mouse-then-type', async () => {
      const add = byKey(form, 'preparation#add');
      await add.scrollIntoViewIfNeeded();
      await add.click();
      const f = await focusedOn(form, 'preparation[5]');
      assert.deepEqual(f, { value: '', selected: '' }, 'the new, empty item has the focus');
      await page.keyboard.type('Removed authorisations of test cards', { delay: 20 });
      await page.keyboard.press('Tab');
      await shows(form, 'preparation[5]', 'Removed authorisations of test cards');
      // the same button again, now that the list is longer: the focus goes to the newer item, not to the one added before
      await add.click();
      assert.deepEqual(await focusedOn(form, 'preparation[6]'), { value: '', selected: '' });
      await page.keyboard.type('Dropped duplicate authorisations', { delay: 20 });
      await page.keyboard.press('Tab');
      await shows(form, 'preparation[6]', 'Dropped duplicate authorisations');
      await shows(form, 'preparation[5]', 'Removed authorisations of test cards');
      await shows(form, 'preparation[4]', 'Down-sampled genuine transactions in the training split to 1 in 20, with weights to restore the original rate.');
    });

    await step(page, '03-text-list-add-with-the-keyboard-enter-adds-the-next', async () => {
      await byKey(form, 'known_bias#add').evaluate(el => (el as HTMLElement).focus());
      await page.keyboard.press('Enter');
      await focusedOn(form, 'known_bias[2]');
      await page.keyboard.type('Merchants in NL are over-represented', { delay: 20 });
      // Enter in a list item writes it and adds the next item, which takes the focus
      await page.keyboard.press('Enter');
      const f = await focusedOn(form, 'known_bias[3]');
      assert.deepEqual(f, { value: '', selected: '' });
      await page.keyboard.type('Few card-not-present fraud cases before March', { delay: 20 });
      // an item's buttons are one Tab stop (a toolbar): Tab lands on Remove, Left goes to the enabled Move up
      await page.keyboard.press('Tab');
      await focusedOn(form, 'known_bias[3]#remove');
      await page.keyboard.press('ArrowLeft');
      await focusedOn(form, 'known_bias[3]#up');
      await page.keyboard.press('Tab');
      await focusedOn(form, 'known_bias#add');
      await shows(form, 'known_bias[3]', 'Few card-not-present fraud cases before March');
      await shows(form, 'known_bias[2]', 'Merchants in NL are over-represented');
    });

    await step(page, '04-list-of-choices-with-the-keyboard', async () => {
      // ml_use is a multi-select: one checkbox per allowed value; Space checks one, and it is added at the end
      const box = byKey(form, 'ml_use#production');
      await box.scrollIntoViewIfNeeded();
      await box.evaluate(el => (el as HTMLElement).focus());
      await page.keyboard.press('Space');
      await form.locator('[data-k="f:ml_use"]').evaluate(el => new Promise<void>((resolve, reject) => {
        const t0 = performance.now();
        const tick = (): void => {
          const on = [...el.querySelectorAll('vscode-checkbox')].filter(c => (c as unknown as { checked: boolean }).checked).length;
          if (on === 4) resolve(); else if (performance.now() - t0 > 10_000) reject(new Error(`${on} checked`)); else requestAnimationFrame(tick);
        };
        tick();
      }));
      await focusedOn(form, 'ml_use#production');
    });

    await step(page, '04b-closed-dropdown-type-to-select', async () => {
      const add = byKey(form, 'lineage#add');
      await add.scrollIntoViewIfNeeded();
      await add.click();
      await focusedOn(form, 'lineage[3].event');
      // a closed dropdown: typing a letter picks the first option that starts with it
      await page.keyboard.type('v');
      await shows(form, 'lineage[3].event', 'validated');
      await shows(form, 'lineage[0].event', 'created');
      // a date is one Tab stop, typed as YYYY-MM-DD; Up goes a day later
      await page.keyboard.press('Tab');
      assert.deepEqual(await focusedOn(form, 'lineage[3].date'), { value: '', selected: '' });
      assert.equal(await byKey(form, 'lineage[3].date').evaluate(el => (el as unknown as { placeholder: string }).placeholder), 'YYYY-MM-DD');
      await page.keyboard.type('2026-11-20', { delay: 20 });
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Tab');
      await focusedOn(form, 'lineage[3].by');
      await shows(form, 'lineage[3].date', '2026-11-21');
    });

    await step(page, '05-list-of-mappings-add-then-type', async () => {
      const add = byKey(form, 'quality.results#add');
      await add.scrollIntoViewIfNeeded();
      await add.click();
      const f = await focusedOn(form, 'quality.results[3].dimension');
      assert.deepEqual(f, { value: '', selected: '' });
      await page.keyboard.type('duplicate authorisations', { delay: 20 });
      await page.keyboard.press('Tab');
      await focusedOn(form, 'quality.results[3].value');
      await page.keyboard.type('0 %', { delay: 20 });
      await page.keyboard.press('Tab');
      await shows(form, 'quality.results[3].value', '0 %');
      await shows(form, 'quality.results[2].dimension', 'label agreement between two analysts (sample of 3 %)');
    });

    await step(page, '05b-a-fix-inserts-a-field-and-moves-the-focus-into-it', async () => {
      const toFill = async (): Promise<number> => Number(/(\d+) fields? to fill in/.exec(await form.locator('.summary').innerText())?.[1] ?? 0);
      const errors = async (): Promise<number> => Number(/(\d+) errors?/.exec(await form.locator('.summary').innerText())?.[1] ?? 0);
      // the findings of the previous step are settled (the new quality result is complete)
      await form.locator('[data-k="oi:quality.results[3]"] .finding').first().waitFor({ state: 'detached', timeout: 10_000 });
      await form.locator('[data-k="f:contains_personal_data"] .finding').first().waitFor();
      const [fillBefore, errorsBefore] = [await toFill(), await errors()];
      const fix = form.locator('[data-k="f:contains_personal_data"] .fix-button', { hasText: "Insert 'legal_basis'" });
      await fix.scrollIntoViewIfNeeded();
      await fix.click();
      const f = await focusedOn(form, 'legal_basis');
      assert.deepEqual(f, { value: '', selected: '' });
      // the field is marked required while the data contains personal data; the summary counts it
      await form.locator('[data-k="f:legal_basis"] .tag-required').waitFor();
      assert.equal(await form.locator('[data-k="f:contains_personal_data"] .finding').count(), 0, 'the fix\'s own finding is gone');
      // the error is now the field's "fill it in", and the summary counts one more field to fill in
      assert.equal(await errors(), errorsBefore);
      assert.equal(await toFill(), fillBefore + 1);
      // Tab out of the field goes to the next field, not to the links of the field's finding; they are
      // reached with Shift+Tab from there
      await page.keyboard.press('Tab');
      await focusedOn(form, 'size');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await form.locator('body').evaluate(() => document.activeElement?.closest('[data-k="f:legal_basis"] .findings') !== null && document.activeElement?.tagName === 'BUTTON'), true, 'a finding link of legal_basis');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await focusedOn(form, 'legal_basis');
      await page.keyboard.type('Contract with the cardholder (GDPR art. 6(1)(b))', { delay: 15 });
      await page.keyboard.press('Tab');
      await form.locator('[data-k="f:legal_basis"] .finding').waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await toFill(), fillBefore);
      assert.equal(await errors(), errorsBefore - 1);
    });

    await step(page, '06-remove-moves-the-focus-to-the-neighbour', async () => {
      await byKey(form, 'identifiers#add').click();
      await focusedOn(form, 'identifiers[2]');
      await page.keyboard.type('fraud.card_transactions_tmp', { delay: 20 });
      await page.keyboard.press('Tab');
      await shows(form, 'identifiers[2]', 'fraud.card_transactions_tmp');
      await byKey(form, 'identifiers[2]#remove').click();
      await byKey(form, 'identifiers[2]').waitFor({ state: 'detached' });
      await focusedOn(form, 'identifiers[1]#remove');
    });

    await step(page, '06b-the-focus-comes-back-with-the-form-tab', async () => {
      const size = byKey(form, 'size');
      await size.scrollIntoViewIfNeeded();
      await size.locator('input').click();
      await focusedOn(form, 'size');
      // another part of the workbench takes the focus, then the form's tab is clicked again
      await page.locator('.tabs-container .tab', { hasText: 'card-transactions-2025.yaml' }).first().waitFor();
      await page.keyboard.press('Control+Shift+E');
      await page.locator('.explorer-folders-view').waitFor();
      await page.waitForFunction(() => !document.activeElement?.closest('.editor-instance'));
      await page.locator('.tabs-container .tab.active').click();
      await focusedOn(form, 'size');
      await page.keyboard.press('End');
      await page.keyboard.type(' (2025)', { delay: 20 });
      await page.keyboard.press('Tab');
      await shows(form, 'size', '38.6 million authorisations, 41,900 confirmed fraud (2025)');
      // coming back by a click into another field: that field keeps the focus
      await page.keyboard.press('Control+Shift+E');
      await page.waitForFunction(() => !document.activeElement?.closest('.editor-instance'));
      await byKey(form, 'title').locator('input').click();
      await focusedOn(form, 'title');
      await form.locator('body').evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
      await focusedOn(form, 'title', 1000);
    });

    await step(page, '07-save-and-compare-the-file', async () => {
      await form.locator('.form-title').click();
      await page.keyboard.press('Control+S');
      await page.waitForFunction(() => document.querySelector('.tabs-container .tab.dirty') === null, undefined, { timeout: 10_000 });
      const want = original
        .replace('    - dimension: label agreement between two analysts (sample of 3 %)\n      value: 98 %\n',
          '    - dimension: label agreement between two analysts (sample of 3 %)\n      value: 98 %\n    - dimension: duplicate authorisations\n      value: 0 %\n')
        .replace('  - test\n', '  - test\n  - production\n')
        .replace('confirmed fraud\n', 'confirmed fraud (2025)\n')
        .replace('contains_personal_data: true\n', 'contains_personal_data: true\nlegal_basis: Contract with the cardholder (GDPR art. 6(1)(b))\n')
        .replace('    by: Great Expectations suite card-transactions\n', '    by: Great Expectations suite card-transactions\n  - event: validated\n    date: 2026-11-21\n    by: ""\n')
        .replace('original rate.\n', 'original rate.\n  - Removed authorisations of test cards\n  - Dropped duplicate authorisations\n')
        .replace('11 % of confirmed fraud victims.\n', '11 % of confirmed fraud victims.\n  - Merchants in NL are over-represented\n  - Few card-not-present fraud cases before March\n');
      assert.notEqual(want, original);
      const saved = fs.readFileSync(file, 'utf8');
      if (saved !== want) {
        const got = saved.split('\n');
        const exp = want.split('\n');
        const diff = got.map((l, i) => (l !== exp[i] ? `${i + 1}: got ${JSON.stringify(l)} want ${JSON.stringify(exp[i])}` : '')).filter(Boolean);
        assert.fail(`the saved file differs:\n${diff.slice(0, 8).join('\n')}`);
      }
    });

    await step(page, '08-a-clean-record-with-only-fields-that-need-attention', async () => {
      await openFormOf(page, 'loan-applications-2024.yaml', 'id: loan-applications-2024');
      await form.locator('.form-title', { hasText: /./ }).waitFor();
      await form.locator('.summary', { hasText: 'No findings' }).waitFor();
      await byKey(form, '#only-gaps').click();
      // not a blank page: it says there is nothing to do
      await form.locator('.nothing-to-do', { hasText: 'Nothing needs attention' }).waitFor();
      await byKey(form, '#only-gaps').click();
      await form.locator('.nothing-to-do').waitFor({ state: 'detached' });
    });
  });
  steps.summary();
}

main().catch(e => steps.crashed(e));
