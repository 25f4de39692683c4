// The control-coverage panel: totals, a systems × controls matrix (a heat map of the per-system and
// per-dataset controls), a bar per group and the 38 Annex A controls grouped A.2–A.10 (then the
// organization-defined ones) with state, owner, evidence, open findings and review date; filters by state, owner and text (kept with
// setState; a summary tile shows its state alone). Below about 800 px the rows become labelled cards
// (coverage.css) and the matrix turns to controls as rows when systems as rows would not fit; every action (open the SoA entry, open evidence, export) is a message to the extension
// (src/extension/coveragePanel.ts), which checks it before doing anything. Record values reach the page
// only as text (dom.ts); styles come from coverage.css and VS Code's theme variables.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { CellResult, ControlCoverage, CoverageReport, CoverageState } from '../../../src/core/coverage';
import type { SoaFormat } from '../../../src/core/export';
import { channel } from '../common/vscode';
import { h, replaceChildren, type Child } from '../common/dom';
import {
  ANY_OWNER, CELL_VIEW, NO_OWNER, STATES, STATE_ICON, STATE_LABEL, barSegments, cellLabel, countsText, daysUntil, defaultFilter, evidenceView,
  findingParts, isDefaultFilter, isOverdue, matchesFilter, normalizeViewState, onlyState, otherFindingsText, ownerValue, ownersOf, reconcileOwner, rowSummary, shownText, toggleOnly, visibleGroups,
  type FindingPart, type ViewState,
} from './model';
import { isExtensionMessage, type CoverageToExtension, type ExtensionToCoverage, type WorkspaceInfo } from './protocol';

const vscode = channel<CoverageToExtension, ViewState>();
const app = document.getElementById('app')!;

let view: ViewState = normalizeViewState(vscode.getState());
let report: CoverageReport | undefined;
let workspaces: WorkspaceInfo[] = [];
let workspace = '';
let today = '';

const save = (): void => vscode.setState(view);
const post = (m: CoverageToExtension): void => vscode.post(m);
const codicon = (name: string, extra = ''): HTMLElement => h('span', { class: ['codicon', `codicon-${name}`, extra], attrs: { 'aria-hidden': 'true' } });

// ---------------------------------------------------------------------------------------------
// The shell: built once; the parts below are refreshed in place
// ---------------------------------------------------------------------------------------------

const subtitle = h('p', { class: 'subtitle' });
const workspacePicker = h('div', { class: 'workspace-picker' });
const exportButtons = h('div', { class: 'export', attrs: { role: 'group', 'aria-label': 'Export the Statement of Applicability' } },
  h('span', { class: 'export-label muted', attrs: { 'aria-hidden': 'true' } }, codicon('export'), 'Export SoA'),
  ...(['markdown', 'csv', 'html'] as SoaFormat[]).map(format => h('vscode-button', {
    attrs: { secondary: true, title: `Export the Statement of Applicability as ${formatName(format)}`, 'aria-label': `Export the Statement of Applicability as ${formatName(format)}` },
    dataset: { focus: `export:${format}`, export: format },
    on: { click: () => post({ type: 'export', format }) },
  }, formatName(format))));
const notice = h('div', { class: 'notice', attrs: { role: 'status', hidden: true } });
const totals = h('section', { class: 'totals', attrs: { 'aria-label': 'Totals' } });
const stateBoxes = new Map<CoverageState, HTMLElement & { checked: boolean }>();
const ownerSelect = h('vscode-single-select', { attrs: { 'aria-label': 'Owner', title: 'Show the controls of one owner' }, dataset: { focus: 'owner' } }) as unknown as HTMLElement & { value: string };
const textFilter = h('vscode-textfield', {
  attrs: { placeholder: 'Filter by id or title', 'aria-label': 'Filter by control id or title', type: 'search' },
  dataset: { focus: 'text' },
}) as unknown as HTMLElement & { value: string };
const shownStatus = h('span', { class: 'shown muted', attrs: { role: 'status', 'aria-live': 'polite' } });
const resetButton = h('vscode-button', {
  attrs: { secondary: true, icon: 'clear-all', title: 'Show every control' }, dataset: { focus: 'reset' },
  on: { click: () => { setFilter(defaultFilter()); } },
}, 'Reset filters');
const toolbar = h('div', { class: 'toolbar', attrs: { role: 'search', 'aria-label': 'Filter the controls' } },
  h('div', { class: 'state-filters', attrs: { role: 'group', 'aria-label': 'Show states' } },
    STATES.map(s => {
      const box = h('vscode-checkbox', {
        class: ['state-toggle', s], dataset: { focus: `state:${s}`, state: s },
        on: { change: e => { view.filter.states[s] = (e.target as unknown as { checked: boolean }).checked; save(); renderTotals(); renderTable(); } },
      }) as unknown as HTMLElement & { checked: boolean };
      stateBoxes.set(s, box);
      return box;
    })),
  h('div', { class: 'owner-filter' }, h('span', { class: 'filter-label' }, 'Owner'), ownerSelect),
  h('div', { class: 'text-filter' }, textFilter),
  resetButton,
  shownStatus);
const tableWrap = h('div', { class: 'table-wrap' });
const matrixSection = h('section', { class: 'matrix-section', attrs: { 'aria-labelledby': 'matrix-title' } });
/** The focused cell of the matrix (roving tabindex: one cell is in the tab order, arrows move). */
let matrixFocus = { row: 0, col: 0 };

ownerSelect.addEventListener('change', () => { view.filter.owner = ownerSelect.value || ANY_OWNER; save(); renderTable(); });
textFilter.addEventListener('input', () => { view.filter.text = textFilter.value ?? ''; save(); renderTable(); });

/** Applies a new filter: saved, the controls and tiles in step, focus kept on the control that set it. */
function setFilter(f: ViewState['filter']): void {
  view.filter = f;
  save();
  keepFocus(() => { syncFilterControls(); renderTotals(); renderTable(); });
}

function formatName(f: SoaFormat): string {
  return f === 'markdown' ? 'Markdown' : f === 'csv' ? 'CSV' : 'HTML';
}

function shell(): void {
  replaceChildren(app,
    h('header', { class: 'header' },
      h('div', { class: 'title-block' }, h('h1', null, 'Annex A control coverage'), subtitle),
      h('div', { class: 'header-actions' }, workspacePicker, exportButtons)),
    notice, totals, matrixSection, toolbar, tableWrap);
  app.removeAttribute('aria-busy');
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/** Keeps keyboard focus on the same action across a re-render (data-focus keys). */
function keepFocus(render: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active?.closest<HTMLElement>('[data-focus]')?.dataset.focus;
  render();
  if (key && !document.activeElement?.closest('[data-focus]')) {
    const el = [...app.querySelectorAll<HTMLElement>('[data-focus]')].find(e => e.dataset.focus === key);
    el?.focus();
  }
}

function stateBadge(s: CoverageState): HTMLElement {
  return h('span', { class: ['state', s] }, codicon(STATE_ICON[s], 'state-icon'), h('span', { class: 'state-label' }, STATE_LABEL[s]));
}

/** Open findings as chips (one per severity), or `empty` when there are none. */
function findingChips(parts: FindingPart[], empty: string): Child {
  return parts.length
    ? parts.map(p => h('span', { class: ['finding', p.severity], dataset: { severity: p.severity } }, codicon(p.severity === 'info' ? 'info' : p.severity), p.text))
    : h('span', { class: 'muted' }, empty);
}

function bar(counts: Record<CoverageState, number>, total: number, label: string): HTMLElement {
  const el = h('div', { class: 'bar', attrs: { role: 'img', 'aria-label': `${label}: ${countsText(counts)}` } });
  for (const seg of barSegments(counts, total)) {
    const span = h('span', { class: ['segment', seg.state], attrs: { title: seg.label } });
    span.style.width = `${seg.percent}%`; // CSSOM, not a style attribute: allowed by the CSP
    el.appendChild(span);
  }
  return el;
}

function renderHeader(): void {
  if (!report) return;
  const parts: Child[] = [];
  if (report.soaFile) {
    parts.push('From ', h('button', {
      class: 'link mono', attrs: { type: 'button', title: 'Open the Statement of Applicability' }, dataset: { focus: 'soa-file' },
      on: { click: () => { const first = report?.controls.find(c => c.soa); if (first) post({ type: 'openSoaEntry', control: first.id }); } },
    }, report.soaFile));
  } else {
    parts.push(h('span', { class: 'error-text' }, report.soaInForce.length > 1 ? `${report.soaInForce.length} Statements of Applicability in force` : 'No Statement of Applicability (kind: Applicability) found'));
  }
  parts.push(` · ISO/IEC 42001:2023 Annex A · as of ${today}`);
  replaceChildren(subtitle, parts);

  if (workspaces.length > 1) {
    const select = h('vscode-single-select', {
      attrs: { 'aria-label': 'Workspace folder', title: 'Workspace folder' }, dataset: { focus: 'workspace' },
      on: { change: e => { const v = (e.target as unknown as { value: string }).value; if (v && v !== workspace) post({ type: 'selectWorkspace', workspace: v }); } },
    }, workspaces.map(w => h('vscode-option', { attrs: { value: w.id, selected: w.id === workspace } }, w.name))) as unknown as HTMLElement & { value: string };
    select.value = workspace;
    replaceChildren(workspacePicker, h('div', { class: 'workspace-label' }, h('span', { class: 'filter-label' }, 'Workspace'), select));
    workspacePicker.hidden = false;
  } else {
    replaceChildren(workspacePicker);
    workspacePicker.hidden = true;
  }

  if (report.soaInForce.length === 0) {
    notice.hidden = false;
    replaceChildren(notice, codicon('warning'), ' Every control is missing until the workspace has a Statement of Applicability. Run ',
      h('code', null, 'AIMS: Initialize aims/ Folder'), ' or create a record of kind Applicability.');
  } else if (report.soaNote) {
    // two statements in force, or one not approved: say why nothing is covered
    notice.hidden = false;
    replaceChildren(notice, codicon('warning'), ' ', report.soaNote);
  } else {
    notice.hidden = true;
    replaceChildren(notice);
  }
}

function renderTotals(): void {
  if (!report) return;
  const r = report;
  // each state's tile is a toggle: pressed, the table shows only that state (pressed again: every state)
  const only = onlyState(view.filter);
  const cards = STATES.map(s => h('li', { class: ['total', s, only === s && 'pressed'], dataset: { total: s } },
    h('button', {
      class: 'total-button',
      attrs: {
        type: 'button', 'aria-pressed': String(only === s),
        title: only === s ? 'Show every state again' : `Show only the ${STATE_LABEL[s].toLowerCase()} controls`,
        'aria-label': `${STATE_LABEL[s]}: ${r.counts[s]} of ${r.total}. ${only === s ? 'Shown alone; press to show every state' : 'Press to show only these'}`,
      },
      dataset: { focus: `only:${s}`, only: s },
      on: { click: () => { setFilter(toggleOnly(view.filter, s)); } },
    },
    h('span', { class: 'total-head' }, codicon(STATE_ICON[s], 'state-icon'), h('span', { class: 'total-label' }, STATE_LABEL[s]),
      only === s ? codicon('filter-filled', 'only-icon') : null),
    h('span', { class: 'total-value' }, h('span', { class: 'count' }, r.counts[s]), h('span', { class: 'of muted' }, ` of ${r.total}`)))));
  const findingsCard = h('li', { class: 'total findings', dataset: { total: 'findings' } },
    h('span', { class: 'total-head' }, codicon('warning', 'findings-icon'), h('span', { class: 'total-label' }, 'Open findings')),
    h('span', { class: 'total-value findings-value' }, findingChips(findingParts(r.findings), 'none')));
  replaceChildren(totals,
    h('ul', { class: 'total-cards' }, cards, findingsCard),
    h('div', { class: 'overall' },
      bar(r.counts, r.total, 'All controls'),
      h('span', { class: 'overall-text muted' }, `${r.counts.covered} of ${r.total} covered (${r.total ? Math.round((r.counts.covered / r.total) * 100) : 0} %)`)));
}

function syncFilterControls(): void {
  for (const [s, box] of stateBoxes) {
    box.checked = view.filter.states[s];
    const n = report?.counts[s] ?? 0;
    box.setAttribute('label', `${STATE_LABEL[s]} (${n})`);
    box.setAttribute('aria-label', `Show ${STATE_LABEL[s].toLowerCase()} controls (${n})`);
  }
  const owners = report ? ownersOf(report) : [];
  const withoutOwner = !!report?.controls.some(c => !c.owner?.trim());
  // rebuilt only when the owners change (an open dropdown stays open across live updates)
  const key = JSON.stringify([withoutOwner, owners]);
  if (ownerSelect.dataset.options !== key) {
    const options = [h('vscode-option', { attrs: { value: ANY_OWNER } }, 'Any owner')];
    if (withoutOwner) options.push(h('vscode-option', { attrs: { value: NO_OWNER } }, 'No owner'));
    for (const o of owners) options.push(h('vscode-option', { attrs: { value: ownerValue(o) } }, o));
    for (const o of options) if (o.getAttribute('value') === view.filter.owner) o.setAttribute('selected', '');
    replaceChildren(ownerSelect, options);
    ownerSelect.dataset.options = key;
  }
  if (ownerSelect.value !== view.filter.owner) ownerSelect.value = view.filter.owner;
  if (textFilter.value !== view.filter.text) textFilter.value = view.filter.text;
}

const COLUMNS = ['Control', 'Title', 'State', 'Owner', 'Evidence', 'Findings', 'Review due'] as const;

function renderTable(): void {
  if (!report) return;
  const r = report;
  keepFocus(() => {
    const { groups, shown } = visibleGroups(r, view.filter);
    shownStatus.textContent = `${shownText(shown, r.total)} shown`;
    resetButton.hidden = isDefaultFilter(view.filter);
    const colgroup = h('colgroup', null, COLUMNS.map((_, i) => h('col', { class: `col-${i}` })));
    const head = h('thead', null, h('tr', null, COLUMNS.map(c => h('th', { attrs: { scope: 'col' } }, c))));
    const bodies = groups.map(({ group: g, controls }) => h('tbody', { class: 'group', dataset: { group: g.id } },
      h('tr', { class: 'group-row' },
        h('th', { attrs: { colspan: COLUMNS.length, scope: 'rowgroup' } },
          h('div', { class: 'group-head' },
            h('span', { class: 'group-title' }, h('span', { class: 'group-id' }, g.id), ' ', g.title),
            bar(g.counts, g.controls.length, `${g.id} ${g.title}`),
            h('span', { class: 'group-counts muted' }, `${g.counts.covered}/${g.controls.length} covered`
              + (controls.length < g.controls.length ? ` · ${controls.length} shown` : ''))))),
      controls.flatMap(c => controlRows(c))));
    // the organization's own controls: filtered alike, not part of the 38
    const org = r.orgControls.filter(c => matchesFilter(c, view.filter));
    if (org.length) {
      bodies.push(h('tbody', { class: 'group org', dataset: { group: 'ORG' } },
        h('tr', { class: 'group-row' },
          h('th', { attrs: { colspan: COLUMNS.length, scope: 'rowgroup' } },
            h('div', { class: 'group-head' },
              h('span', { class: 'group-title' }, 'Organization-defined controls'),
              h('span', { class: 'group-counts muted' }, `${org.length} of ${r.orgControls.length}, not counted in the ${r.total}`)))),
        org.flatMap(c => controlRows(c))));
    }
    const table = h('table', { class: 'controls', attrs: { 'aria-label': 'Annex A controls by group', 'aria-rowcount': -1 } }, colgroup, head, bodies);
    replaceChildren(tableWrap, groups.length || org.length ? table : h('p', { class: 'empty muted' }, 'No control matches the filters. ',
      h('button', { class: 'link', attrs: { type: 'button' }, dataset: { focus: 'reset-empty' }, on: { click: () => { setFilter(defaultFilter()); } } }, 'Show every control')));
  });
}

function controlRows(c: ControlCoverage): HTMLElement[] {
  const expanded = view.expanded.includes(c.id);
  const detailId = `detail-${c.id.replace(/\./g, '-')}`;
  const toggle = h('button', {
    class: ['expander', 'codicon', expanded ? 'codicon-chevron-down' : 'codicon-chevron-right'],
    attrs: { type: 'button', 'aria-expanded': String(expanded), 'aria-controls': detailId, 'aria-label': `Details of ${c.id}`, title: expanded ? 'Hide details' : 'Show why and the SoA entry' },
    dataset: { focus: `expand:${c.id}` },
    on: { click: () => { view.expanded = expanded ? view.expanded.filter(x => x !== c.id) : [...view.expanded, c.id]; save(); renderTable(); } },
  });
  const idButton = h('button', {
    class: 'link control-id', attrs: { type: 'button', title: c.soa ? 'Open the entry in the Statement of Applicability' : 'Not listed in the Statement of Applicability: open it', 'aria-label': `${c.id}: open its entry in the Statement of Applicability` },
    dataset: { focus: `soa:${c.id}` }, on: { click: () => post({ type: 'openSoaEntry', control: c.id }) },
  }, c.id);
  const overdue = isOverdue(c.reviewDue, today);
  const days = daysUntil(c.reviewDue, today);
  const evidence = c.evidence.length
    ? h('ul', { class: 'evidence' }, c.evidence.map((e, index) => {
      const v = evidenceView(e);
      // title · id · errors flow as one text inside the link, so they wrap like a sentence
      const content: Child[] = [codicon(v.codicon, 'ev-icon'), h('span', { class: 'ev-text' }, v.text),
        v.detail ? h('span', { class: ['ev-detail', v.action === 'none' || !v.counts ? 'error-text' : 'muted'] }, v.detail) : null,
        v.errors ? h('span', { class: 'ev-errors error-text' }, `${v.errors} error${v.errors === 1 ? '' : 's'}`) : null];
      const link = v.action === 'none'
        ? h('span', { class: ['ev', 'unresolved'], attrs: { title: v.description } }, content)
        : h('button', {
          class: ['link', 'ev', v.action, !v.counts && 'not-counted'], attrs: { type: 'button', title: v.description, 'aria-label': v.description },
          dataset: { focus: `ev:${c.id}:${index}`, evidence: v.action },
          on: { click: () => post({ type: 'openEvidence', control: c.id, index, value: e.value }) },
        }, content);
      return h('li', null, link);
    }))
    : h('span', { class: 'muted none' }, c.state === 'excluded' ? 'not applicable' : 'none');
  const row = h('tr', {
    class: ['control-row', c.state, overdue && 'overdue', expanded && 'expanded'],
    dataset: { control: c.id, state: c.state },
  },
    h('td', { class: 'c-id' }, h('div', { class: 'id-cell' }, toggle, idButton)),
    h('td', { class: 'c-title' }, c.title),
    h('td', { class: 'c-state', attrs: { title: c.reason } }, stateBadge(c.state), h('span', { class: 'visually-hidden' }, `: ${c.reason}`)),
    h('td', { class: 'c-owner', dataset: { label: 'Owner' } }, c.owner ? c.owner : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'c-evidence', dataset: { label: 'Evidence' } }, evidence),
    h('td', { class: 'c-findings', dataset: { label: 'Findings' } }, findingChips(findingParts(c.findings), otherFindingsText(c.otherFindings) ? '' : '—'),
      otherFindingsText(c.otherFindings)
        ? h('span', { class: 'other-findings muted', attrs: { title: `Findings that name ${c.id} outside its evidence: ${findingParts(c.otherFindings).map(p => p.text).join(', ')}. They do not change its state.` } }, otherFindingsText(c.otherFindings))
        : null),
    h('td', { class: ['c-due', overdue && 'overdue'], dataset: { label: 'Review due' } }, c.reviewDue
      ? h('span', { class: 'due', attrs: { title: days === undefined ? `Review evidence by ${c.reviewDue}` : overdue ? `Overdue by ${-days} day${days === -1 ? '' : 's'}` : `Due in ${days} day${days === 1 ? '' : 's'}` } },
        overdue ? codicon('warning') : null, c.reviewDue, overdue ? h('span', { class: 'overdue-tag' }, 'overdue') : null)
      : h('span', { class: 'muted' }, '—')));
  const detail = h('tr', { class: 'detail-row', attrs: { id: detailId, hidden: !expanded } },
    h('td', { attrs: { colspan: COLUMNS.length } },
      h('dl', { class: 'details' },
        h('dt', null, 'Why'), h('dd', null, c.reason),
        h('dt', null, 'Evidenced'), h('dd', null, c.scope === 'organization' ? 'for the organization' : c.scope === 'system' ? 'per AI system (every in-scope model card)' : 'per dataset used by an in-scope system'),
        c.applicable !== undefined ? [h('dt', null, 'Applicable'), h('dd', null, c.applicable ? 'yes' : 'no')] : null,
        c.status ? [h('dt', null, 'SoA status'), h('dd', null, c.status)] : null,
        c.justification ? [h('dt', null, 'Justification'), h('dd', null, c.justification)] : null,
        h('dt', null, 'Roles'), h('dd', null, c.expected ? 'Expected for the organization\'s AI roles' : 'Not expected for the organization\'s AI roles'),
        c.soa ? [h('dt', null, 'SoA entry'), h('dd', null, h('button', {
          class: 'link', attrs: { type: 'button' }, dataset: { focus: `soa2:${c.id}` },
          on: { click: () => post({ type: 'openSoaEntry', control: c.id }) },
        }, `${c.soa.file}, controls[${c.soa.index}]`))] : null)));
  return [row, detail];
}

// ---------------------------------------------------------------------------------------------
// The systems × controls matrix
// ---------------------------------------------------------------------------------------------

const matrixDetail = h('p', { class: 'matrix-detail muted', attrs: { role: 'status', 'aria-live': 'polite' } });

function renderMatrix(): void {
  if (!report) return;
  const r = report;
  if (!r.systems.length) {
    replaceChildren(matrixSection, h('h2', { attrs: { id: 'matrix-title' } }, 'AI systems × controls'),
      h('p', { class: 'muted' }, 'No in-scope AI system yet: every model card that is not retired is one.'));
    return;
  }
  const titles = new Map(r.controls.map(c => [c.id, c.title]));
  const systems = r.systems.length;
  // systems as rows and controls as columns; when that is wider than the panel, controls as rows
  // (a narrow split): the grid's rows and columns are the visual ones either way
  const T = matrixTransposed;
  const rows = T ? r.matrixControls.length : systems, cols = T ? systems : r.matrixControls.length;
  const at = (row: number, col: number): { s: CoverageReport['systems'][number]; id: string } =>
    T ? { s: r.systems[col], id: r.matrixControls[row] } : { s: r.systems[row], id: r.matrixControls[col] };
  matrixFocus = { row: Math.min(matrixFocus.row, rows - 1), col: Math.min(matrixFocus.col, cols - 1) };
  const show = (system: string, control: string, cell: CellResult): void => {
    matrixDetail.textContent = cellLabel(system, control, titles.get(control), cell);
  };
  const move = (e: KeyboardEvent, row: number, col: number): void => {
    let [nr, nc] = [row, col];
    switch (e.key) {
      case 'ArrowRight': nc = Math.min(cols - 1, col + 1); break;
      case 'ArrowLeft': nc = Math.max(0, col - 1); break;
      case 'ArrowDown': nr = Math.min(rows - 1, row + 1); break;
      case 'ArrowUp': nr = Math.max(0, row - 1); break;
      case 'Home': nc = 0; break;
      case 'End': nc = cols - 1; break;
      default: return;
    }
    e.preventDefault();
    matrixFocus = { row: nr, col: nc };
    for (const b of matrixSection.querySelectorAll<HTMLElement>('button.cell')) b.tabIndex = -1;
    const next = matrixSection.querySelector<HTMLElement>(`button.cell[data-row="${nr}"][data-col="${nc}"]`);
    if (next) { next.tabIndex = 0; next.focus(); }
  };
  const systemHead = (sys: CoverageReport['systems'][number], scope: 'row' | 'col'): HTMLElement =>
    h('th', { class: 'm-system', attrs: { scope, title: sys.title ? `${sys.title} (${sys.file})` : sys.file } }, sys.id);
  const controlHead = (id: string, scope: 'row' | 'col'): HTMLElement =>
    h('th', { class: 'm-control', attrs: { scope, title: `${id} ${titles.get(id) ?? ''}` } }, id.replace(/^A\./, ''));
  const cellButton = (row: number, col: number): HTMLElement => {
    const { s, id } = at(row, col);
    const cell = s.controls[id];
    const v = CELL_VIEW[cell.state];
    const label = cellLabel(s.id, id, titles.get(id), cell);
    const focused = matrixFocus.row === row && matrixFocus.col === col;
    return h('td', { class: ['m-cell', cell.state] },
      h('button', {
        class: ['cell', cell.state], attrs: { type: 'button', title: label, 'aria-label': label, tabindex: focused ? 0 : -1 },
        dataset: { focus: `cell:${s.id}:${id}`, row: String(row), col: String(col), state: cell.state, system: s.id, control: id },
        on: {
          click: () => { matrixFocus = { row, col }; show(s.id, id, cell); post({ type: 'openCell', system: s.id, control: id }); },
          focus: () => show(s.id, id, cell),
          mouseenter: () => show(s.id, id, cell),
          keydown: e => move(e as KeyboardEvent, row, col),
        },
      }, codicon(v.codicon, 'cell-icon'), h('span', { class: 'cell-text' }, v.symbol)));
  };
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  const head = h('thead', null, h('tr', null,
    h('th', { class: T ? 'm-control' : 'm-system', attrs: { scope: 'col' } }, T ? 'Control' : 'System'),
    T ? r.systems.map(sys => systemHead(sys, 'col')) : r.matrixControls.map(id => controlHead(id, 'col')),
    T ? null : h('th', { class: 'm-summary', attrs: { scope: 'col' } }, 'Met')));
  const body = h('tbody', null, range(rows).map(row => h('tr', { dataset: T ? { control: r.matrixControls[row] } : { system: r.systems[row].id } },
    T ? controlHead(r.matrixControls[row], 'row') : systemHead(r.systems[row], 'row'),
    range(cols).map(col => cellButton(row, col)),
    T ? null : h('td', { class: 'm-summary muted' }, rowSummary(r.matrixControls.map(id => r.systems[row].controls[id]))))));
  // transposed, the per-system "met" counts form the last row
  const foot = T ? h('tfoot', null, h('tr', null, h('th', { class: 'm-summary', attrs: { scope: 'row' } }, 'Met'),
    r.systems.map(sys => h('td', { class: 'm-summary muted' }, rowSummary(r.matrixControls.map(id => sys.controls[id])))))) : null;
  const legend = h('ul', { class: 'matrix-legend muted' }, (['met', 'gap', 'excluded'] as const).map(st =>
    h('li', { class: ['legend-item', st] }, codicon(CELL_VIEW[st].codicon, 'cell-icon'), `${CELL_VIEW[st].symbol} ${CELL_VIEW[st].text}`)));
  replaceChildren(matrixSection,
    h('div', { class: 'matrix-head' },
      h('h2', { attrs: { id: 'matrix-title' } }, 'AI systems × controls'),
      h('span', { class: 'muted' }, `${systems} in-scope system${systems === 1 ? '' : 's'}; controls evidenced per system or per dataset it uses. A cell opens the record with the gap.`),
      legend),
    h('div', { class: 'matrix-wrap' },
      h('table', { class: ['matrix', T && 'transposed'], attrs: { role: 'grid', 'aria-labelledby': 'matrix-title' }, dataset: { layout: T ? 'controls-as-rows' : 'systems-as-rows' } }, head, body, foot)),
    matrixDetail);
  if (!matrixDetail.textContent) matrixDetail.textContent = 'Focus or point at a cell to see what is missing; arrow keys move between cells.';
  fitMatrix();
}

/** Whether the matrix shows controls as rows (it does when systems as rows would not fit the panel). */
let matrixTransposed = false;
/** The width the matrix needs with systems as rows (measured when last shown so). */
let matrixNaturalWidth = 0;

/** Picks the layout of the matrix that fits the panel's width, re-rendering when it changes. */
function fitMatrix(): void {
  const wrap = matrixSection.querySelector<HTMLElement>('.matrix-wrap');
  const table = wrap?.querySelector<HTMLElement>('table.matrix');
  if (!wrap || !table || !wrap.clientWidth) return;
  if (!matrixTransposed) matrixNaturalWidth = table.scrollWidth;
  const transpose = matrixNaturalWidth > wrap.clientWidth + 1;
  if (transpose !== matrixTransposed) {
    matrixTransposed = transpose;
    matrixFocus = { row: matrixFocus.col, col: matrixFocus.row };
    keepFocus(renderMatrix);
  }
}

new ResizeObserver(() => fitMatrix()).observe(matrixSection);

function renderAll(): void {
  keepFocus(() => {
    renderHeader();
    renderTotals();
    renderMatrix();
    syncFilterControls();
    renderTable();
  });
}

function renderEmpty(message: string): void {
  report = undefined;
  replaceChildren(app, h('div', { class: 'empty-state' }, codicon('shield'), h('h1', null, 'Annex A control coverage'), h('p', null, message)));
  app.removeAttribute('aria-busy');
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

let shellBuilt = false;
vscode.onMessage<ExtensionToCoverage>(m => {
  if (!isExtensionMessage(m)) return;
  if (m.type === 'empty') { shellBuilt = false; renderEmpty(m.message); return; }
  report = m.report;
  workspaces = m.workspaces;
  workspace = m.workspace;
  today = m.today;
  view.filter = reconcileOwner(view.filter, report);
  if (!shellBuilt) { shell(); shellBuilt = true; }
  renderAll();
  document.body.dataset.ready = 'true';
});

// Keyboard: Escape in the text filter clears it.
textFilter.addEventListener('keydown', e => {
  if ((e as KeyboardEvent).key === 'Escape' && view.filter.text) { view.filter.text = ''; textFilter.value = ''; save(); renderTable(); }
});

post({ type: 'ready' });

