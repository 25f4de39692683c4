/// <reference lib="dom" />
// UI end-to-end: the packaged VSIX installed into code-server (a real VS Code), driven in Chromium by
// playwright-core like a user would: activity bar → trees → Problems panel → quick fix from the
// light-bulb menu. A screenshot is saved for every step and on failure (test-results/ui/).
//   node out/test/ui/ui.test.js   (after `npm run package`)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quickOpen, Steps, ui, until, withVsCode } from './ui-lib';

type Page = import('playwright-core').Page;
const steps = new Steps();
const step = steps.step.bind(steps);

const treeRows = (page: Page, view: string) => page.locator(`.sidebar [role="tree"][aria-label="${view}"] [role="treeitem"]`);

/**
 * Opens the quick-fix menu at the caret (Ctrl+.) and returns its item `title`. The code actions of a
 * just-opened editor can arrive after the first Ctrl+. (the menu then says nothing), so it asks again.
 */
async function quickFixMenuItem(page: Page, title: string) {
  const item = page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ timeout: 8000 });
      return item;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

async function main(): Promise<void> {
  await withVsCode('UI end-to-end (code-server + Chromium)', async ({ page, workspace, open }) => {
    await open();

    await step(page, '01-activity-bar-and-trees', async () => {
      await page.locator('.activitybar a.action-label[aria-label^="AIMS"]').click();
      const models = treeRows(page, 'Model Cards');
      await models.first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.sidebar [role="tree"][aria-label="Data Provenance"] [role="treeitem"]').length >= 4);
      assert.equal(await models.count(), 2);
      assert.equal(await treeRows(page, 'Data Provenance').count(), 4);
      const labels = await models.locator('.label-name').allInnerTexts();
      console.log('    model cards:', JSON.stringify(labels));
      assert.ok(labels.every(l => l.trim().length > 0));
    });

    await step(page, '01b-record-rows-readable-at-the-default-side-bar-width', async () => {
      // the side bar as it opens by default (300 px): the short title, then status · owner · id; the title
      // and the status are never cut (the owner and id may be: the tooltip has everything)
      const width = await page.locator('.part.sidebar').evaluate(el => el.getBoundingClientRect().width);
      const rows = await page.locator('.sidebar [role="tree"][aria-label="Model Cards"] [role="treeitem"], .sidebar [role="tree"][aria-label="Data Provenance"] [role="treeitem"], .sidebar [role="tree"][aria-label="Impact Assessments"] [role="treeitem"]')
        .evaluateAll(els => els.map(el => {
          const name = el.querySelector<HTMLElement>('.label-name')!;
          const desc = el.querySelector<HTMLElement>('.label-description');
          const clip = el.querySelector<HTMLElement>('.monaco-icon-label-container')!.getBoundingClientRect().right;
          // the right edge of the status inside the description
          let shownTo = Infinity;
          const text = desc?.firstChild;
          if (text && text.nodeType === Node.TEXT_NODE) {
            const parts = text.textContent!.split(' · ');
            const r = document.createRange();
            r.setStart(text, 0);
            r.setEnd(text, Math.min(text.textContent!.length, parts[0].length));
            shownTo = r.getBoundingClientRect().right;
          }
          return { label: name.innerText, description: desc?.innerText ?? '', labelCut: name.getBoundingClientRect().right > clip + 0.5, statusCut: shownTo > clip + 0.5 };
        }));
      console.log(`    side bar ${Math.round(width)} px:`, JSON.stringify(rows.map(r => `${r.label} | ${r.description}`)));
      assert.equal(rows.length, 2 + 4 + 2);
      assert.deepEqual(rows.filter(r => r.labelCut || r.statusCut), [], 'a title or status cut off');
      assert.ok(rows.every(r => /^(approved|in-review|draft|retired) · /.test(r.description)), 'every row shows its status first');
      await ui.screenshot(page, '01b-record-trees');
    });

    await step(page, '02-controls-view', async () => {
      const controls = treeRows(page, 'Controls');
      await controls.first().waitFor();
      const groups = await controls.locator('.label-name').allInnerTexts();
      assert.ok(groups[0].startsWith('A.2'), `first group ${groups[0]}`);
      const status = page.locator('[id="aims-tools.aims-lint.aims.status"], .statusbar-item[aria-label^="AIMS"]').first();
      const text = (await status.innerText()).trim();
      console.log('    status bar:', text);
      assert.match(text, /AIMS \d+\/38/);
    });

    await step(page, '03-problems-panel', async () => {
      await ui.runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'legal_basis' }).first().waitFor();
      const texts = (await rows.allInnerTexts()).map(t => t.replace(/\s+/g, ' '));
      console.log(`    ${texts.length} rows visible, e.g. ${JSON.stringify(texts.slice(0, 3))}`);
      assert.ok(texts.some(t => /dangling-reference|did you mean/.test(t)), 'dangling reference listed');
    });

    await step(page, '04-quick-fix-from-light-bulb', async () => {
      // the deliberate typo `limitation:` in a model card: open it from the Problems panel
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown key 'limitation'" }).first();
      await row.waitFor();
      await row.locator('.marker-message').dblclick(); // the message, not the rule's docs link
      const line = page.locator('.editor-instance .view-line', { hasText: /^limitation:/ }).first();
      await line.waitFor();
      await line.click({ position: { x: 20, y: 5 } }); // the caret on the finding, focus in the editor
      const item = await quickFixMenuItem(page, "Rename 'limitation' to 'limitations'");
      await ui.screenshot(page, '04a-light-bulb-menu');
      await item.click();
      await page.locator('.view-lines', { hasText: 'limitations:' }).first().waitFor();
      // the finding is gone from the Problems panel
      await page.waitForFunction(() => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some(r => (r as HTMLElement).innerText.includes("Unknown key 'limitation'")));
    });

    await step(page, '05-create-the-missing-record-from-light-bulb', async () => {
      // the dangling dataset id in the credit-risk model card: the quick fix creates the record on disk
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: "'loan-aplications-2024' in datasets[0] names no record" }).first();
      await row.waitFor();
      await row.locator('.marker-message').dblclick();
      const line = page.locator('.editor-instance .view-line', { hasText: 'loan-aplications-2024' }).first();
      await line.waitFor();
      await line.locator('span', { hasText: 'loan-aplications-2024' }).last().click(); // the caret on the id
      const item = await quickFixMenuItem(page, "Create data provenance record 'loan-aplications-2024'");
      await ui.screenshot(page, '05a-create-record-menu');
      await item.click();
      const created = path.join(workspace, 'aims/data/loan-aplications-2024.yaml');
      await until(`${created} to be created`, () => fs.existsSync(created), Boolean, 10_000);
      const text = fs.readFileSync(created, 'utf8');
      assert.match(text, /^apiVersion: aims\/v1$/m);
      assert.match(text, /^kind: DataProvenance$/m);
      assert.match(text, /^id: loan-aplications-2024$/m);
      // the dangling reference resolves: its row leaves the Problems panel
      await page.waitForFunction(() => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some(r => (r as HTMLElement).innerText.includes("'loan-aplications-2024' in datasets[0] names no record")));
    });

    await step(page, '06-suppress-on-this-line-asks-for-the-reason', async () => {
      // the placeholder justification of A.9.2 in the SoA: accept it with a reason instead of fixing it
      const message = "A.9.2 is excluded with the placeholder 'N/A'";
      const soa = path.join(workspace, 'aims/statement-of-applicability.yaml');
      const lineNo = fs.readFileSync(soa, 'utf8').split('\n').indexOf('    justification: N/A') + 1;
      assert.ok(lineNo > 0, 'the SoA has the N/A justification');
      await quickOpen(page, soa);
      // the caret on the finding: Quick Open's ':line:column'
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input.input').fill(`:${lineNo}:5`);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await page.locator('.statusbar-item', { hasText: `Ln ${lineNo}, Col 5` }).first().waitFor();
      const item = await quickFixMenuItem(page, 'Suppress soa-exclusion-justification on this line…');
      await item.click();
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible' });
      await page.locator('.quick-input-widget', { hasText: 'Why is this finding accepted here?' }).waitFor();
      // no reason, no suppression: the box says so and stays open
      await input.fill('   ');
      await page.locator('.quick-input-widget', { hasText: 'A reason is required' }).waitFor();
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'visible' });
      const reason = 'we only develop, others use the systems; AIMS board 2026-11-20';
      await input.fill(reason);
      await page.waitForFunction(() => !(document.querySelector('.quick-input-widget') as HTMLElement | null)?.innerText.includes('A reason is required'));
      await ui.screenshot(page, '06a-reason-prompt');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await page.locator('.editor-instance .view-line', { hasText: `# aims-disable-next-line soa-exclusion-justification -- ${reason}` }).first().waitFor();
      // the finding leaves the Problems panel (it stays in the editor as a hint with the reason)
      await page.waitForFunction(m => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some(r => (r as HTMLElement).innerText.includes(m)), message);
    });
  });
  steps.summary();
}

main().catch(e => steps.crashed(e));
