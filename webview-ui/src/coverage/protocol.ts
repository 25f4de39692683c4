// The messages between the coverage panel (webview-ui/src/coverage/main.ts) and the extension
// (src/extension/coveragePanel.ts), both ways, and the check the extension runs on every message it
// receives. No DOM, no vscode, only types from src/: the webview bundle and the extension share it.
import type { CoverageReport } from '../../../src/core/coverage';
import type { SoaFormat } from '../../../src/core/export';

/** One AIMS workspace (a workspace folder with aims/) the panel can show. */
export interface WorkspaceInfo {
  /** The folder's URI as a string: unique, also in multi-root workspaces with equal folder names. */
  id: string;
  name: string;
}

export type ExtensionToCoverage =
  | {
    type: 'report';
    report: CoverageReport;
    /** Every AIMS workspace; the panel offers a picker when there is more than one. */
    workspaces: WorkspaceInfo[];
    /** The id of the workspace `report` belongs to. */
    workspace: string;
    /** YYYY-MM-DD: review dates before it are overdue. */
    today: string;
  }
  | { type: 'empty'; message: string };

export type CoverageToExtension =
  | { type: 'ready' }
  /** Evidence `index` of `control` in the last report; `value` must match (the report may have changed since). */
  | { type: 'openEvidence'; control: string; index: number; value: string }
  /** The control's entry in the Statement of Applicability. */
  | { type: 'openSoaEntry'; control: string }
  /** A cell of the systems × controls matrix: the record where the system's gap for the control is. */
  | { type: 'openCell'; system: string; control: string }
  | { type: 'export'; format: SoaFormat }
  | { type: 'selectWorkspace'; workspace: string };

const MAX_TEXT = 4096;
/**
 * An Annex A control id (A.2.2, A.6.1.2, A.10.4) or an organization-defined one (ORG-model-registry); the
 * extension also looks it up in the report.
 */
const CONTROL_ID = /^(?:A\.\d{1,2}(?:\.\d{1,2}){1,2}|[A-Za-z][A-Za-z0-9]{1,20}[-_.][A-Za-z0-9][A-Za-z0-9._-]{0,100})$/;
const FORMATS: readonly string[] = ['markdown', 'csv', 'html'] satisfies readonly SoaFormat[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isControlId = (v: unknown): v is string => typeof v === 'string' && CONTROL_ID.test(v);

/**
 * The message from the webview as a well-formed CoverageToExtension (a fresh object with only the known
 * fields), or undefined for anything else: unknown type, missing or mistyped field, out-of-range index.
 */
export function parseCoverageMessage(m: unknown): CoverageToExtension | undefined {
  if (!isRecord(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openEvidence':
      if (!isControlId(m.control) || !Number.isSafeInteger(m.index) || (m.index as number) < 0 || (m.index as number) > 10_000 || !isText(m.value)) return undefined;
      return { type: 'openEvidence', control: m.control, index: m.index as number, value: m.value };
    case 'openSoaEntry':
      return isControlId(m.control) ? { type: 'openSoaEntry', control: m.control } : undefined;
    case 'openCell':
      return isText(m.system, 200) && isControlId(m.control) ? { type: 'openCell', system: m.system, control: m.control } : undefined;
    case 'export':
      return typeof m.format === 'string' && FORMATS.includes(m.format) ? { type: 'export', format: m.format as SoaFormat } : undefined;
    case 'selectWorkspace':
      return isText(m.workspace) ? { type: 'selectWorkspace', workspace: m.workspace } : undefined;
    default:
      return undefined;
  }
}

/** The webview's light check of what the extension sends (it trusts the extension, but not blindly its shape). */
export function isExtensionMessage(m: unknown): m is ExtensionToCoverage {
  if (!isRecord(m)) return false;
  if (m.type === 'empty') return typeof m.message === 'string';
  return m.type === 'report' && isRecord(m.report) && Array.isArray((m.report as { controls?: unknown }).controls)
    && Array.isArray((m.report as { groups?: unknown }).groups) && Array.isArray((m.report as { systems?: unknown }).systems)
    && Array.isArray((m.report as { orgControls?: unknown }).orgControls) && Array.isArray(m.workspaces)
    && typeof m.workspace === 'string' && typeof m.today === 'string';
}
