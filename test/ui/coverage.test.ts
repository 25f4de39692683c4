/// <reference lib="dom" />
// UI end-to-end for the control-coverage panel: the packaged VSIX installed into code-server, driven in
// Chromium by playwright-core, on the examples after `aims lint --fix` (so that the systems × controls
// matrix shows both met cells and gaps). Opens the panel from the palette, compares the totals, every
// control's state and every matrix cell with `aims coverage --format json` on the same workspace,
// filters, opens a record from an evidence link and a matrix cell with the keyboard, opens the SoA
// entry, and saves screenshots in the light and the dark theme (test-results/ui/; `npm run docs:images`
// also copies them to docs/images/coverage-panel-{light,dark}.png). Fails on any
// Content-Security-Policy violation logged while the panel was open.
//   node out/test/ui/coverage.test.js   (after `npm run package` and `npm run compile-tests`)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CoverageReport } from '../../src/core/coverage';

import { docScreenshot, painted, repo, Steps, ui, until, withVsCode } from './ui-lib';

type Page = import('playwright-core').Page;
type FrameLocator = import('playwright-core').FrameLocator;

const steps = new Steps();
const step = steps.step.bind(steps);

/** The panel's document: the webview host iframe, then the content iframe inside it. */
const panelFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');

async function waitForPanel(page: Page): Promise<FrameLocator> {
  const f = panelFrame(page);
  await f.locator('body[data-ready="true"] tr.control-row').first().waitFor({ timeout: 30_000 });
  return f;
}

/** The rows of the 38 Annex A controls (the organization-defined ones sit in a tbody of their own). */
const ANNEX_ROWS = 'tbody.group:not(.org) tr.control-row';

async function rowCount(f: FrameLocator): Promise<number> {
  return f.locator(ANNEX_ROWS).count();
}

/** Waits until the panel shows `n` control rows (a filter re-renders the table after the click). */
async function rowsBecome(f: FrameLocator, n: number, what: string): Promise<void> {
  await until(`${n} rows (${what})`, () => rowCount(f), c => c === n);
}

/** The panel alone in the editor area: every editor closed and the panel opened again, no side bar, no bottom panel. */
async function panelAlone(page: Page): Promise<FrameLocator> {
  await ui.runCommand(page, 'View: Close All Editors');
  await ui.runCommand(page, 'View: Close Primary Side Bar', { optional: true });
  await ui.runCommand(page, 'View: Close Panel', { optional: true });
  await ui.runCommand(page, 'AIMS: Open Coverage Panel');
  await page.mouse.move(5, 5);
  return waitForPanel(page);
}

async function main(): Promise<void> {
  await withVsCode('UI end-to-end: the coverage panel (code-server + Chromium)', async ({ page, workspace, open }) => {
    // the two fixable deliberate findings fixed: the model cards are clean, the matrix shows met cells and the remaining gaps
    const fix = spawnSync(process.execPath, [path.join(repo, 'bin/aims.js'), 'lint', '--fix', '--root', workspace], { encoding: 'utf8' });
    assert.equal(fix.status, 1, `unfixable findings remain: ${fix.stderr}`);
    // what the CLI says about the same folder
    const cli = spawnSync(process.execPath, [path.join(repo, 'bin/aims.js'), 'coverage', '--format', 'json', '--root', workspace], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const expected = JSON.parse(cli.stdout) as CoverageReport;
    // every console message of the workbench and its frames (webviews included)
    const cspViolations: string[] = [];
    page.on('console', m => {
      const t = m.text();
      if (/Content Security Policy|Refused to/i.test(t)) cspViolations.push(`${m.location().url}: ${t}`);
    });
    await open();
    // the extension is active once its status bar item shows
    await page.locator('.statusbar-item', { hasText: /AIMS \d+\/38/ }).first().waitFor({ timeout: 60_000 });
    let f!: FrameLocator;

    await step(page, 'coverage-01-open-from-palette', async () => {
      await ui.runCommand(page, 'AIMS: Open Coverage Panel');
      await page.locator('.tab', { hasText: 'AIMS Coverage' }).first().waitFor();
      f = await waitForPanel(page);
      assert.equal(await rowCount(f), 38);
    });

    await step(page, 'coverage-02-totals-and-states-match-the-cli', async () => {
      for (const s of ['covered', 'partial', 'missing', 'excluded'] as const) {
        const n = Number((await f.locator(`[data-total="${s}"] .count`).innerText()).trim());
        assert.equal(n, expected.counts[s], `${s} total`);
      }
      const states = await f.locator(ANNEX_ROWS).evaluateAll(rows => rows.map(r => [(r as HTMLElement).dataset.control, (r as HTMLElement).dataset.state]));
      assert.deepEqual(states, expected.controls.map(c => [c.id, c.state]));
      // the state is text too, not colour only
      const labels = await f.locator(`${ANNEX_ROWS} .state-label`).allInnerTexts();
      assert.deepEqual(labels.map(l => l.trim().toLowerCase()), expected.controls.map(c => c.state));
      const findings = (await f.locator('[data-total="findings"]').innerText()).replace(/\s+/g, ' ');
      if (expected.findings.error) assert.match(findings, new RegExp(`${expected.findings.error} errors?`));
      if (expected.findings.warning) assert.match(findings, new RegExp(`${expected.findings.warning} warnings?`));
      const groups = await f.locator('tbody.group').evaluateAll(b => b.map(x => (x as HTMLElement).dataset.group));
      assert.deepEqual(groups, [...expected.groups.map(g => g.id), 'ORG'], 'the groups, then the organization-defined controls');
      const org = await f.locator('tbody.org tr.control-row').evaluateAll(rows => rows.map(r => [(r as HTMLElement).dataset.control, (r as HTMLElement).dataset.state]));
      assert.deepEqual(org, expected.orgControls.map(c => [c.id, c.state]));
      // a bar per group with its counts as accessible text
      const bars = await f.locator('tr.group-row .bar').evaluateAll(b => b.map(x => x.getAttribute('aria-label')));
      assert.equal(bars.length, 9);
      assert.match(bars[0]!, /A\.2 .*: \d+ covered, \d+ partial, \d+ missing, \d+ excluded/);
      console.log(`    ${expected.counts.covered} covered, ${expected.counts.partial} partial, ${expected.counts.missing} missing, ${expected.counts.excluded} excluded; 38 rows match the CLI`);
    });

    await step(page, 'coverage-02b-matrix-matches-the-cli', async () => {
      // systems as rows, or controls as rows when that does not fit the editor: the same cells either way
      const layout = await f.locator('table.matrix').getAttribute('data-layout');
      const cells = await f.locator('table.matrix button.cell').evaluateAll(b => b.map(x => [(x as HTMLElement).dataset.system, (x as HTMLElement).dataset.control, (x as HTMLElement).dataset.state]));
      const want = layout === 'controls-as-rows'
        ? expected.matrixControls.flatMap(id => expected.systems.map(s => [s.id, id, s.controls[id].state]))
        : expected.systems.flatMap(s => expected.matrixControls.map(id => [s.id, id, s.controls[id].state]));
      assert.deepEqual(cells, want, layout!);
      assert.ok(want.some(c => c[2] === 'met') && want.some(c => c[2] === 'gap'), 'the examples after --fix have met cells and gaps');
      // every cell says its state in text and names what is missing
      for (const s of expected.systems) for (const id of expected.matrixControls) {
        const cell = s.controls[id];
        if (cell.state !== 'gap') continue;
        const label = await f.locator(`button.cell[data-system="${s.id}"][data-control="${id}"]`).getAttribute('aria-label');
        assert.ok(label!.startsWith(`${s.id}, ${id}`) && label!.includes(`gap: ${cell.missing.join('; ')}`), label!);
      }
      console.log(`    ${expected.systems.length} systems × ${expected.matrixControls.length} controls: ${want.filter(c => c[2] === 'gap').length} gaps, as the CLI says`);
    });

    await step(page, 'coverage-02c-keyboard-opens-a-matrix-cell', async () => {
      // one cell is in the tab order; the arrow keys move; Enter opens the record with the gap
      const first = f.locator('table.matrix button.cell[tabindex="0"]');
      assert.equal(await first.count(), 1);
      await first.focus();
      const s = expected.systems[0];
      const col = expected.matrixControls.findIndex(id => s.controls[id].state === 'gap' && s.controls[id].file);
      assert.ok(col > 0, 'a gap of the first system that is not in the first column');
      // along the first system's row (or its column when controls are the rows)
      const key = (await f.locator('table.matrix').getAttribute('data-layout')) === 'controls-as-rows' ? 'ArrowDown' : 'ArrowRight';
      for (let i = 0; i < col; i++) await page.keyboard.press(key);
      const id = expected.matrixControls[col];
      const active = await f.locator(`button.cell[data-system="${s.id}"][data-control="${id}"]`).evaluate(el => el === document.activeElement);
      assert.ok(active, `${key} ×${col} reaches ${s.id} × ${id}`);
      assert.ok((await f.locator('.matrix-detail').innerText()).includes(s.controls[id].missing[0]), 'the focused cell says what is missing');
      await page.keyboard.press('Enter');
      const file = path.posix.basename(s.controls[id].file!);
      await page.locator('.tab.active', { hasText: file }).first().waitFor();
      console.log(`    ${s.id} × ${id}: arrows and Enter opened ${file}`);
      f = await panelAlone(page);
    });

    await step(page, 'coverage-03-filter-by-state', async () => {
      await f.locator('vscode-checkbox[data-state="covered"]').click();
      await rowsBecome(f, 38 - expected.counts.covered, 'covered hidden');
      assert.equal(await f.locator(`${ANNEX_ROWS}[data-state="covered"]`).count(), 0);
      await f.locator('vscode-checkbox[data-state="partial"]').click();
      await rowsBecome(f, expected.counts.missing + expected.counts.excluded, 'covered and partial hidden');
      await ui.screenshot(page, 'coverage-03a-filtered');
      await f.locator('vscode-button[data-focus="reset"]').click();
      await rowsBecome(f, 38, 'after reset');
      // the owner dropdown: the owners of the report, one picked
      const owner = expected.controls.find(c => c.state === 'partial' && c.owner)!.owner!;
      const select = f.locator('vscode-single-select[data-focus="owner"]');
      await select.click();
      await select.getByText(owner, { exact: true }).filter({ visible: true }).first().click();
      await rowsBecome(f, expected.controls.filter(c => c.owner === owner).length, `rows of ${owner}`);
      await ui.screenshot(page, 'coverage-03b-owner');
      await f.locator('vscode-button[data-focus="reset"]').click();
      await rowsBecome(f, 38, 'after reset');
      console.log(`    state filter and owner filter (${owner}) give the CLI's counts`);
    });

    await step(page, 'coverage-04-keyboard-opens-evidence-record', async () => {
      // the first control whose first evidence is a record
      const c = expected.controls.find(x => x.evidence[0]?.type === 'record' && x.evidence[0].file)!;
      assert.ok(c, 'a control with record evidence');
      const file = path.posix.basename(c.evidence[0].file!);
      const row = f.locator(`tr.control-row[data-control="${c.id}"]`);
      await row.locator('button.expander').focus();
      await page.keyboard.press('Tab'); // → the control id
      await page.keyboard.press('Tab'); // → the first evidence link
      const focused = await row.locator('button.ev').first().evaluate(el => el === document.activeElement);
      assert.ok(focused, 'Tab reaches the evidence link');
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: file }).first().waitFor();
      console.log(`    ${c.id}: Tab, Tab, Enter opened ${file}`);
    });

    await step(page, 'coverage-05-control-id-opens-the-soa-entry', async () => {
      const c = expected.controls.find(x => x.id === 'A.6.2.4')!;
      await f.locator(`tr.control-row[data-control="${c.id}"] button.control-id`).click();
      await page.locator('.tab.active', { hasText: 'statement-of-applicability.yaml' }).first().waitFor();
      // the entry is in view with the cursor on it
      await page.locator('.editor-instance .view-line', { hasText: `- id: ${c.id}` }).first().waitFor();
      const status = await page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText();
      const soaText = fs.readFileSync(path.join(workspace, expected.soaFile!), 'utf8').split('\n');
      const line = soaText.findIndex(l => l.trim() === `- id: ${c.id}`) + 1;
      assert.match(status, new RegExp(`^Ln ${line}, Col `), `${status} (entry on line ${line})`);
    });

    await step(page, 'coverage-06-details-on-expansion', async () => {
      f = await panelAlone(page);
      assert.equal(await rowCount(f), 38, 'a new panel after closing all editors');
      const c = expected.controls.find(x => x.state === 'partial')!;
      const row = f.locator(`tr.control-row[data-control="${c.id}"]`);
      await row.locator('button.expander').focus();
      await page.keyboard.press('Enter');
      const detail = f.locator(`#detail-${c.id.replace(/\./g, '-')}`);
      await detail.waitFor({ state: 'visible' });
      assert.ok((await detail.innerText()).includes(c.reason), 'the reason shows in the details');
      assert.equal(await f.locator(`tr.control-row[data-control="${c.id}"] button.expander`).getAttribute('aria-expanded'), 'true');
      await f.locator(`tr.control-row[data-control="${c.id}"] button.expander`).click();
      await detail.waitFor({ state: 'hidden' });
    });

    await step(page, 'coverage-06b-a-summary-tile-shows-only-its-state', async () => {
      const shown = async (n: number): Promise<void> => { await f.locator(`${ANNEX_ROWS}`).nth(n - 1).waitFor(); await f.locator(`${ANNEX_ROWS}`).nth(n).waitFor({ state: 'detached' }); };
      const tile = (s: string) => f.locator(`[data-total="${s}"] button.total-button`);
      // a click on "Missing": only the missing controls, the tile pressed, the checkboxes say the same
      await tile('missing').click();
      await shown(expected.counts.missing);
      assert.equal(await f.locator(`${ANNEX_ROWS}:not([data-state="missing"])`).count(), 0);
      assert.equal(await tile('missing').getAttribute('aria-pressed'), 'true');
      const boxes = await f.locator('vscode-checkbox.state-toggle').evaluateAll(b => b.map(x => [(x as HTMLElement).dataset.state, (x as unknown as { checked: boolean }).checked]));
      assert.deepEqual(boxes, [['covered', false], ['partial', false], ['missing', true], ['excluded', false]]);
      await ui.screenshot(page, 'coverage-06b-only-missing');
      // with the keyboard: focus stays on the tile, Space on "Partial" switches to it, Enter again shows every state
      assert.ok(await tile('missing').evaluate(el => el === document.activeElement), 'focus stays on the pressed tile');
      await page.keyboard.press('Shift+Tab');
      assert.ok(await tile('partial').evaluate(el => el === document.activeElement), 'the tiles are in the tab order');
      await page.keyboard.press('Space');
      await shown(expected.counts.partial);
      assert.equal(await tile('partial').getAttribute('aria-pressed'), 'true');
      assert.equal(await tile('missing').getAttribute('aria-pressed'), 'false');
      await page.keyboard.press('Enter');
      await shown(38);
      assert.equal(await tile('partial').getAttribute('aria-pressed'), 'false');
      // the Reset filters button clears it too
      await tile('covered').click();
      await shown(expected.counts.covered);
      await f.locator('vscode-button[data-focus="reset"]').click();
      await shown(38);
      console.log(`    tiles: only missing (${expected.counts.missing}), only partial (${expected.counts.partial}) by keyboard, again: 38; Reset filters: 38`);
    });

    const themed = async (label: string, kind: 'vs' | 'vs-dark', out: string): Promise<void> => {
      await ui.setTheme(page, label, kind);
      f = await waitForPanel(page);
      // the webview follows the theme (body class vscode-light / vscode-dark)
      await f.locator(kind === 'vs' ? 'body.vscode-light' : 'body.vscode-dark').waitFor();
      // what a team lead looks at: the controls that are not covered yet (the filter stays while the theme changes)
      const covered = f.locator('vscode-checkbox[data-state="covered"]');
      if (await covered.evaluate(el => (el as unknown as { checked: boolean }).checked)) await covered.click();
      await f.locator('tr.control-row[data-state="covered"]').first().waitFor({ state: 'detached' });
      // open the details of a row with an overdue review (else a missing control) so the screenshot shows them
      const overdue = f.locator('tr.control-row.overdue').first();
      const row = (await overdue.count()) ? overdue : f.locator('tr.control-row[data-state="missing"]').first();
      const expander = row.locator('button.expander');
      if ((await expander.getAttribute('aria-expanded')) !== 'true') await expander.click();
      await f.locator('body').evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(5, 5);
      await painted(page.locator('body'));
      await painted(f.locator('body'));
      await docScreenshot(page, out);
      // no horizontal overflow at 1440×900
      const overflow = await f.locator('body').evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the panel overflows horizontally by ${overflow}px`);
    };

    await step(page, 'coverage-07-light-theme', () => themed('Light Modern', 'vs', 'coverage-panel-light'));
    await step(page, 'coverage-08-dark-theme', () => themed('Dark Modern', 'vs-dark', 'coverage-panel-dark'));

    // a narrow split (the case: about 520 px of editor): the panel on the left, a record on the right
    const split = async (label: string, kind: 'vs' | 'vs-dark', out: string, part: 'top' | 'controls'): Promise<void> => {
      await ui.setTheme(page, label, kind);
      f = await waitForPanel(page);
      await f.locator(kind === 'vs' ? 'body.vscode-light' : 'body.vscode-dark').waitFor();
      if (part === 'top') {
        await f.locator('body').evaluate(() => window.scrollTo(0, 0));
      } else {
        // the partial controls alone (a tile), as cards: owner, evidence, findings and review due on their own lines
        const tile = f.locator('[data-total="partial"] button.total-button');
        if ((await tile.getAttribute('aria-pressed')) !== 'true') await tile.click();
        await f.locator(`${ANNEX_ROWS}[data-state="covered"]`).first().waitFor({ state: 'detached' });
        await f.locator('.toolbar').evaluate(el => el.scrollIntoView({ block: 'start' }));
      }
      await page.mouse.move(5, 5);
      await docScreenshot(page, out);
    };
    await step(page, 'coverage-12-narrow-split-nothing-cut-off', async () => {
      f = await panelAlone(page);
      await page.setViewportSize({ width: 1100, height: 900 });
      // a control id opens the SoA entry beside the panel: two editor groups side by side
      await f.locator('tr.control-row[data-control="A.6.2.4"] button.control-id').click();
      await page.locator('.tab', { hasText: 'statement-of-applicability.yaml' }).first().waitFor();
      assert.equal(await page.locator('.editor-group-container').count(), 2, 'two editor groups');
      f = await waitForPanel(page);
      const width = await f.locator('body').evaluate(() => document.documentElement.clientWidth);
      assert.ok(width > 300 && width < 800, `the panel is narrow in the split: ${width}px`);
      // the layout follows the width: the matrix turns to controls as rows, the rows become cards
      await f.locator('table.matrix[data-layout="controls-as-rows"]').waitFor();
      const m = await f.locator('body').evaluate(() => {
        const over = (sel: string): number => { const el = document.querySelector<HTMLElement>(sel)!; return el.scrollWidth - el.clientWidth; };
        const right = document.documentElement.clientWidth;
        // every cell of every control row (Evidence, Findings and Review due included) inside the panel
        const clipped = [...document.querySelectorAll<HTMLElement>('tr.control-row td')]
          .filter(td => { const r = td.getBoundingClientRect(); return r.width === 0 || r.right > right + 0.5 || td.scrollWidth > td.clientWidth + 1; })
          .map(td => `${td.closest<HTMLElement>('tr')!.dataset.control} ${td.className}`);
        return { page: over('html'), table: over('.table-wrap'), matrix: over('.matrix-wrap'), clipped, cells: document.querySelectorAll('tr.control-row td').length };
      });
      assert.equal(m.page, 0, 'the page does not scroll sideways');
      assert.equal(m.table, 0, 'the controls table fits');
      assert.equal(m.matrix, 0, 'the systems × controls matrix fits');
      assert.deepEqual(m.clipped, [], 'no cell is cut off');
      assert.equal(m.cells, 7 * (38 + expected.orgControls.length));
      // the columns that were cut off in a split: labelled on their own line
      const due = await f.locator(`${ANNEX_ROWS} td.c-due`).first().evaluate(el => getComputedStyle(el, '::before').content);
      assert.equal(due, '"Review due"');
      console.log(`    ${width}px panel: page, table and matrix fit (scrollWidth = clientWidth), ${m.cells} cells inside`);
    });
    await step(page, 'coverage-13-split-light', () => split('Light Modern', 'vs', 'coverage-panel-split-light', 'top'));
    await step(page, 'coverage-14-split-dark', () => split('Dark Modern', 'vs-dark', 'coverage-panel-split-dark', 'controls'));

    await step(page, 'coverage-09-high-contrast-theme', async () => {
      await ui.setTheme(page, 'Dark High Contrast', 'hc-black');
      f = await waitForPanel(page);
      await f.locator('body.vscode-high-contrast').waitFor();
      await painted(f.locator('body'));
    });

    await step(page, 'coverage-10-no-csp-violation', async () => {
      assert.deepEqual(cspViolations, [], `CSP violations:\n${cspViolations.join('\n')}`);
    });

    await step(page, 'coverage-11-the-csp-check-sees-violations', async () => {
      // proof that the listener above would have caught one: an inline style attribute is refused
      await f.locator('body').evaluate(() => { const d = document.createElement('div'); d.id = 'csp-probe'; d.setAttribute('style', 'color: red'); document.body.appendChild(d); });
      await until('the probe\'s violation in the console', () => cspViolations.some(v => /inline style/i.test(v)), Boolean, 5000);
      await f.locator('#csp-probe').evaluate(el => el.remove());
    });
  });
  steps.summary();
}

main().catch(e => steps.crashed(e));
