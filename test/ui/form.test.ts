/// <reference lib="dom" />
// UI end-to-end of the record form: the packaged VSIX in code-server (a real VS Code), driven in
// Chromium like a user would. Opens a data-provenance record of examples/ with "AIMS: Open Form",
// shows a finding next to its field, fills in fields inside the webview (text, a choice, a new lineage
// event), takes a change back with Ctrl+Z in the form, saves with Ctrl+S and checks the file on disk
// line by line; the finding disappears once fixed. No Content-Security-Policy violation may be logged.
// Screenshots of the form in the light, dark and high-contrast themes go to test-results/ui/ (and to
// docs/images/ with `npm run docs:images`).
//   node out/test/ui/form.test.js   (after `npm run package`)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docScreenshot, painted, quickOpen, Steps, ui, until, withVsCode } from './ui-lib';

type Page = import('playwright-core').Page;
type FrameLocator = import('playwright-core').FrameLocator;

const RECORD = 'aims/data/card-transactions-2025.yaml';
const LEGAL_BASIS = 'Legitimate interest in preventing card fraud (GDPR art. 6(1)(f))';
const steps = new Steps('form-');
const step = steps.step.bind(steps);

/** The form page: a webview is an iframe (the host) holding the page's iframe. */
const formOf = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready >> visible=true').first().frameLocator('iframe#active-frame');
const byKey = (form: FrameLocator, key: string) => form.locator(`[data-focus-key="${key}"]`);

/** The colour theme through the palette, then waits until the form's page shows it. */
async function setTheme(page: Page, theme: string, bodyClass: string): Promise<void> {
  await ui.setTheme(page, theme, bodyClass === 'vscode-light' ? 'vs' : bodyClass === 'vscode-dark' ? 'vs-dark' : 'hc-black');
  await formOf(page).locator(`body.${bodyClass}`).waitFor();
  await painted(formOf(page).locator('body')); // the elements repaint with the new variables
}

/** Picks `option` in the select of `key` with the mouse, like a user. */
async function pick(form: FrameLocator, key: string, option: string): Promise<void> {
  const select = byKey(form, key);
  await select.scrollIntoViewIfNeeded();
  await select.locator('[role="combobox"]').first().click();
  await select.getByRole('option', { name: option, exact: true }).click();
}

/** Scrolls the form so that the group of `control` is at the top (under the sticky toolbar). */
async function scrollToGroup(form: FrameLocator, control: string): Promise<void> {
  await form.locator(`[data-k="g:${control}"]`).evaluate(el => {
    const toolbar = document.querySelector('.form-toolbar') as HTMLElement | null;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - (toolbar?.offsetHeight ?? 0) - 12);
  });
  await form.locator('body').evaluate(() => new Promise(r => requestAnimationFrame(() => r(null))));
}

async function main(): Promise<void> {
  await withVsCode('UI end-to-end: the record form (code-server + Chromium)', async ({ page, workspace, open }) => {
    const file = path.join(workspace, ...RECORD.split('/'));
    const original = fs.readFileSync(file, 'utf8');
    const csp: string[] = [];
    const cspInPage: string[] = [];
    page.on('console', m => { if (/Content Security Policy|Refused to/i.test(m.text())) csp.push(`${m.location().url}: ${m.text()}`); });
    const form = formOf(page);
    await open();

    await step(page, '01-open-form', async () => {
      await quickOpen(page, 'card-transactions-2025.yaml');
      await page.locator('.editor-instance .view-line', { hasText: 'kind: DataProvenance' }).first().waitFor();
      await ui.runCommand(page, 'AIMS: Open Form');
      await form.locator('.form-root').waitFor();
      assert.equal((await form.locator('.form-title').innerText()).trim(), 'Northwind Flex card authorisations 2025 with fraud labels');
      // the gaps: the finding is shown under the field it is about, in the error colours
      const finding = form.locator('[data-k="f:contains_personal_data"] .finding-error .finding-message');
      await finding.waitFor();
      assert.match(await finding.innerText(), /no legal_basis is given/);
      // the field's input is described by its findings
      assert.match(String(await byKey(form, 'contains_personal_data').getAttribute('aria-describedby')), /e-contains_5f_personal_5f_data/);
      assert.equal(await form.locator('[data-k="g:A.7.5"]').getAttribute('heading'), null); // heading is a property, not HTML
      assert.match(await form.locator('[data-k="g:A.7.5"]').evaluate(el => (el as unknown as { heading: string }).heading), /^A\.7\.5 +Data provenance$/);
      await form.locator('body').evaluate(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', e => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
    });

    await step(page, '01b-only-fields-that-need-attention', async () => {
      const groups = form.locator('vscode-collapsible.group');
      const visible = async (): Promise<number> => groups.evaluateAll(els => els.filter(e => (e as HTMLElement).offsetParent !== null).length);
      const all = await visible();
      await byKey(form, '#only-gaps').click();
      await form.locator('.form-root.only-gaps').waitFor();
      assert.equal(await visible(), 1, 'only the group with the finding');
      assert.equal(await form.locator('vscode-collapsible.group[data-group="A.7.2"]').isVisible(), true);
      await byKey(form, '#only-gaps').click();
      await form.locator('.form-root:not(.only-gaps)').waitFor();
      assert.equal(await visible(), all);
    });

    await step(page, '02-light-theme', async () => {
      await ui.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await setTheme(page, 'Light Modern', 'vscode-light');
      await scrollToGroup(form, 'A.7.2');
      await docScreenshot(page, 'form-light');
    });

    await step(page, '03-dark-theme', async () => {
      await setTheme(page, 'Dark Modern', 'vscode-dark');
      await scrollToGroup(form, 'A.7.2');
      await docScreenshot(page, 'form-dark');
    });

    await step(page, '04-high-contrast-theme', async () => {
      await setTheme(page, 'Dark High Contrast', 'vscode-high-contrast');
      await scrollToGroup(form, 'A.7.5');
      // the kind chip keeps an outline where the badge colours are the background's
      assert.equal(await form.locator('.kind-chip').evaluate(el => getComputedStyle(el).borderTopStyle), 'solid');
      await docScreenshot(page, 'form-high-contrast');
      await setTheme(page, 'Dark Modern', 'vscode-dark');
    });

    await step(page, '05-fill-in-legal-basis', async () => {
      const input = byKey(form, 'legal_basis').locator('input');
      await input.scrollIntoViewIfNeeded();
      await input.click();
      await input.pressSequentially(LEGAL_BASIS, { delay: 15 });
      await page.keyboard.press('Tab');
      // the finding disappears once the text has the legal basis and is linted again
      await form.locator('[data-k="f:contains_personal_data"] .finding').waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await input.inputValue(), LEGAL_BASIS);
    });

    await step(page, '06-pick-an-enum-value', async () => {
      await pick(form, 'acquisition.method', 'licensed');
      await page.waitForFunction(() => document.querySelector('.tab.active.dirty, .tabs-container .tab.dirty') !== null);
      assert.equal(await byKey(form, 'acquisition.method').evaluate(el => (el as unknown as { value: string }).value), 'licensed');
    });

    await step(page, '07-add-a-lineage-event', async () => {
      const add = byKey(form, 'lineage#add');
      await add.scrollIntoViewIfNeeded();
      await add.click();
      const card = form.locator('[data-k="oi:lineage[3]"]');
      await card.waitFor();
      // the new event's first input has the focus
      await until('the focus on lineage[3].event', () => form.locator('body').evaluate(() => document.activeElement?.getAttribute('data-focus-key')), k => k === 'lineage[3].event', 10_000);
      await pick(form, 'lineage[3].event', 'updated');
      await byKey(form, 'lineage[3].date').locator('input').fill('2026-11-20');
      const by = byKey(form, 'lineage[3].by').locator('input');
      await by.click();
      // slow typing: views arrive between keystrokes (each pause writes), no character may be lost
      await by.pressSequentially('Form test', { delay: 320 });
      await page.keyboard.press('Tab');
      await form.locator('[data-k="oi:lineage[3]"] .item-summary', { hasText: 'updated · 2026-11-20 · Form test' }).waitFor();
      // the new event needs no finding (the list is in order)
      assert.equal(await card.locator('.finding').count(), 0);
    });

    await step(page, '08-ctrl-z-in-the-form-undoes-in-the-document', async () => {
      const size = byKey(form, 'size').locator('input');
      const before = await size.inputValue();
      await size.scrollIntoViewIfNeeded();
      // the states the extension posts to the form: the edit has reached the document once one carries the new size
      await form.locator('body').evaluate(() => {
        const w = window as unknown as { __sizes: unknown[] };
        w.__sizes = [];
        window.addEventListener('message', e => { if (e.data?.type === 'state') w.__sizes.push(e.data.view?.data?.size); });
      });
      await size.fill('about 39 million authorisations');
      await page.keyboard.press('Tab');
      await until('the document to have the new size', () => form.locator('body').evaluate(() => (window as unknown as { __sizes: unknown[] }).__sizes), s => s.includes('about 39 million authorisations'), 10_000);
      // focus is in the form (the next field); Ctrl+Z goes to the document's undo
      await page.keyboard.press('Control+Z');
      await form.locator(`[data-focus-key="size"]`).evaluate((el, want) => new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const tick = (): void => {
          if ((el as unknown as { value: string }).value === want) resolve();
          else if (Date.now() - t0 > 5000) reject(new Error(`size is '${(el as unknown as { value: string }).value}', expected '${want}'`));
          else setTimeout(tick, 50);
        };
        tick();
      }), before);
    });

    await step(page, '09-save-and-check-the-file', async () => {
      cspInPage.push(...await form.locator('body').evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []));
      await byKey(form, 'size').locator('input').click();
      await page.keyboard.press('Control+S');
      await page.waitForFunction(() => document.querySelector('.tabs-container .tab.dirty') === null, undefined, { timeout: 10_000 });
      const saved = fs.readFileSync(file, 'utf8');
      const lines = original.split('\n');
      const at = (prefix: string, from = 0): number => {
        const i = lines.findIndex((l, n) => n >= from && l.startsWith(prefix));
        assert.ok(i >= 0, prefix);
        return i;
      };
      const expected = [...lines];
      // from the bottom up, so that the indexes above stay right
      const lineage = at('lineage:');
      const lastBy = at('    by: Great Expectations suite card-transactions', lineage);
      expected.splice(lastBy + 1, 0, '  - event: updated', '    date: 2026-11-20', '    by: Form test');
      expected.splice(at('contains_personal_data: true') + 1, 0, `legal_basis: ${LEGAL_BASIS}`);
      expected[at('  method: internal')] = '  method: licensed';
      const want = expected.join('\n');
      if (saved !== want) {
        const got = saved.split('\n');
        const diff = got.map((l, i) => (l !== expected[i] ? `${i + 1}: got ${JSON.stringify(l)} want ${JSON.stringify(expected[i])}` : '')).filter(Boolean);
        assert.fail(`the saved file differs:\n${diff.slice(0, 8).join('\n')}`);
      }
      const changed = saved.split('\n').filter(l => !lines.includes(l));
      console.log(`    saved; new or changed lines: ${JSON.stringify(changed)}`);
      assert.equal(changed.length, 5);
    });

    await step(page, '10-broken-file-is-shown-not-edited', async () => {
      const broken = path.join(workspace, 'aims/data/form-broken.yaml');
      fs.writeFileSync(broken, original.replace('id: card-transactions-2025', 'id: form-broken').replace('status: approved', 'status: [approved'));
      await ui.runCommand(page, 'View: Close All Editors');
      await quickOpen(page, broken); // by path: the file is new, the Quick Open index may not list it yet
      await page.locator('.editor-instance .view-line', { hasText: 'status: [approved' }).first().waitFor();
      await ui.runCommand(page, 'AIMS: Open Form');
      const banner = form.locator('.problems.blocking');
      await banner.waitFor();
      assert.match(await banner.innerText(), /Line 6: .*Flow sequence/);
      assert.equal(await byKey(form, 'title').evaluate(el => (el as unknown as { disabled: boolean }).disabled), true, 'inputs are disabled');
      assert.equal(await form.locator('.add-button').count(), 0, 'nothing can be added');
      await banner.locator('vscode-button', { hasText: 'Open in text editor' }).click();
      await page.locator('.editor-instance .view-line', { hasText: 'status: [approved' }).first().waitFor();
      await page.waitForFunction(() => document.querySelector('.tabs-container .tab.active')?.textContent?.includes('form-broken.yaml'));
      assert.equal(fs.readFileSync(broken, 'utf8').includes('status: [approved'), true, 'the file was not touched');
    });

    await step(page, '11-no-csp-violation', async () => {
      assert.deepEqual(csp, [], 'no Content-Security-Policy violation in the console');
      assert.deepEqual(cspInPage, [], 'no securitypolicyviolation event in the form page');
    });
  });
  steps.summary();
}

main().catch(e => steps.crashed(e));
