// One code file in, its loads out, located in that file: Python modules directly, notebooks through
// their code cells (positions in the .ipynb text, plus the cell, line and column). Untrusted input is
// bounded: files over MAX_CODE_BYTES, binary files and non-Python notebooks are not parsed, and say so.
import type { Range } from '../model';
import { LineMap } from '../text';
import type { CodeLoad } from './python';
import { scanPython, type ParseCache } from './python';
import { cellPosition, fileOffset, NotebookError, readNotebook, type CellPosition } from './notebook';

export const MAX_CODE_BYTES = 5_000_000;

export interface LocatedLoad extends CodeLoad {
  /** Where the identifier stands in the file (for notebooks: in the .ipynb text). */
  range: Range;
  /** Notebooks: where it stands in its cell (0-based line and column). */
  cell?: CellPosition;
}

export interface CodeScan {
  file: string;
  loads: LocatedLoad[];
  /** Why the file was not (fully) scanned, when it was not. */
  skipped?: string;
}

export function isNotebook(file: string): boolean {
  return /\.ipynb$/i.test(file);
}

export function isCodeFile(file: string): boolean {
  return /\.(py|pyi|pyw|ipynb)$/i.test(file);
}

function looksBinary(text: string): boolean {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  return head.includes('\0');
}

/** `cache`: the previous parse of the same file, reused for an incremental parse (the editor). */
export function scanCode(file: string, text: string, cache?: ParseCache): CodeScan {
  if (text.length > MAX_CODE_BYTES) return { file, loads: [], skipped: `larger than ${MAX_CODE_BYTES / 1_000_000} MB` };
  if (looksBinary(text)) return { file, loads: [], skipped: 'binary content' };
  if (!isNotebook(file)) {
    const lines = new LineMap(text);
    return { file, loads: scanPython(text, { cache }).map(l => ({ ...l, range: lines.range(l.from, l.to) })) };
  }
  let nb;
  try { nb = readNotebook(text); } catch (e) {
    if (e instanceof NotebookError) return { file, loads: [], skipped: e.message };
    throw e;
  }
  if (nb.language) return { file, loads: [], skipped: `notebook language is ${nb.language.slice(0, 40)}` };
  const lines = new LineMap(text);
  const loads: LocatedLoad[] = [];
  for (const l of scanPython(nb.source, { cache })) {
    const a = cellPosition(nb, l.from), b = cellPosition(nb, l.to);
    if (!a) continue;
    const start = fileOffset(nb, a, text);
    // the finding spans the identifier when it stays on one stored line, else the line's start
    const end = b && b.cell === a.cell && b.line === a.line ? Math.max(start, fileOffset(nb, b, text)) : start;
    loads.push({ ...l, range: lines.range(start, end), cell: a });
  }
  return { file, loads };
}
