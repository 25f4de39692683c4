// Jupyter notebooks: the code cells joined into one Python module (cells run in one namespace, so a
// constant of cell 1 resolves a load in cell 3), IPython magics and shell escapes blanked out, and every
// offset mapped back to the cell, its line and column, and to the line of the .ipynb file where that
// source line is stored (so CI annotations land on the notebook file).

export interface NotebookCell {
  /** Index among all cells of the notebook (markdown cells included), as editors number them. */
  index: number;
  /** Offset of the cell's first character in the joined source. */
  start: number;
  /** The cell's source, as the notebook stores it. */
  source: string;
  /** For each source line: the 0-based offset in the .ipynb text where it is stored (-1 when unknown). */
  fileOffsets: number[];
}

export interface Notebook {
  /** The code cells joined by newlines, magics blanked (same length). */
  source: string;
  cells: NotebookCell[];
  /** Notebook language when it is not Python (the scan is skipped). */
  language?: string;
}

export interface CellPosition {
  cell: number;
  /** 0-based line and column inside the cell. */
  line: number;
  column: number;
}

export class NotebookError extends Error {}

/** Reads a notebook (nbformat 4; 3 has the same cell layout under worksheets). */
export function readNotebook(text: string): Notebook {
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) { throw new NotebookError(`not a valid notebook: ${(e as Error).message.split('\n')[0]}`); }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new NotebookError('not a valid notebook: the file is not a JSON object');
  const nb = json as Record<string, unknown>;
  const meta = (nb.metadata ?? {}) as Record<string, unknown>;
  const lang = ((meta.kernelspec as Record<string, unknown> | undefined)?.language ?? (meta.language_info as Record<string, unknown> | undefined)?.name) as unknown;
  const rawCells = Array.isArray(nb.cells) ? nb.cells : Array.isArray((nb.worksheets as { cells?: unknown[] }[] | undefined)?.[0]?.cells) ? (nb.worksheets as { cells: unknown[] }[])[0].cells : undefined;
  if (!rawCells) throw new NotebookError('not a valid notebook: no "cells" list');
  const out: Notebook = { source: '', cells: [] };
  if (typeof lang === 'string' && lang.toLowerCase() !== 'python') out.language = lang;
  let search = 0;
  const parts: string[] = [];
  let offset = 0;
  rawCells.forEach((c, index) => {
    if (!c || typeof c !== 'object') return;
    const cell = c as Record<string, unknown>;
    if (cell.cell_type !== 'code') return;
    const src = cell.source ?? cell.input;
    const lines: string[] = Array.isArray(src) ? src.filter((x): x is string => typeof x === 'string') : typeof src === 'string' ? splitKeep(src) : [];
    const fileOffsets: number[] = [];
    // each line is stored as a JSON string; find it in order (bounded: one failed search ends the cell)
    let lost = false;
    for (const line of lines) {
      if (lost) { fileOffsets.push(-1); continue; }
      const at = text.indexOf(JSON.stringify(line), search);
      if (at < 0) { lost = true; fileOffsets.push(-1); continue; }
      fileOffsets.push(at + 1);
      search = at + 1;
    }
    const source = lines.join('');
    out.cells.push({ index, start: offset, source, fileOffsets });
    const code = blankMagics(source);
    parts.push(code);
    offset += code.length + 1;
  });
  out.source = parts.join('\n');
  return out;
}

function splitKeep(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Replaces IPython magics (%x, %%cell, !shell, ?help) with spaces of the same length. */
export function blankMagics(src: string): string {
  if (/^\s*%%/.test(src)) return src.replace(/[^\n]/g, ' ');
  return src.replace(/^([ \t]*)([%!?][^\n]*)$/gm, (_m, ind: string, rest: string) => ind + ' '.repeat(rest.length));
}

/** The cell, line and column of an offset in the joined source. */
export function cellPosition(nb: Notebook, offset: number): CellPosition | undefined {
  let lo = 0, hi = nb.cells.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nb.cells[mid].start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const cell = nb.cells[found];
  const rel = Math.min(offset - cell.start, cell.source.length);
  let line = 0, lineStart = 0;
  for (let i = 0; i < rel; i++) if (cell.source.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  return { cell: cell.index, line, column: rel - lineStart };
}

/**
 * The 0-based offset in the .ipynb text that stands for a cell position: in the stored JSON string of
 * the line, past the escaped form of what precedes the column (when the file escapes it as JSON.stringify
 * does, as Jupyter does); the start of the stored line otherwise.
 */
export function fileOffset(nb: Notebook, pos: CellPosition, fileText: string): number {
  const cell = nb.cells.find(c => c.index === pos.cell);
  const at = cell?.fileOffsets[pos.line];
  if (cell === undefined || at === undefined || at < 0) return 0;
  const lineText = splitKeep(cell.source)[pos.line] ?? '';
  const before = JSON.stringify(lineText.slice(0, pos.column)).slice(1, -1);
  return fileText.startsWith(before, at) ? at + before.length : at;
}

