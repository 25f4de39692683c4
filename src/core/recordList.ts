// How lists of records are ordered, grouped, filtered and labelled wherever they are shown (the record
// trees of the extension, the systems and datasets of the coverage report): titles sort naturally
// ("model 2" before "model 10"), a long list can be grouped by status, owner or folder and narrowed by
// a text filter. No `vscode` import: the CLI, the extension and the unit tests share it.
import * as path from 'node:path';
import type { IndexedRecord } from './rule';

/**
 * Natural order: digits compare as numbers, case and accents do not count ("Model 2" < "model 10").
 * A fixed locale, so that the CLI prints the same order on every machine.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural comparison; ties broken by code units so that the order is total and stable. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The statuses in the order a team works through them; others (and none) after these. */
export const STATUS_ORDER = ['approved', 'in-review', 'draft', 'retired'] as const;

const statusRank = (s: string | undefined): number => {
  const i = (STATUS_ORDER as readonly string[]).indexOf(s ?? '');
  return i === -1 ? STATUS_ORDER.length : i;
};

/** What a record is called in a list: its title, else its id, else its file. */
export function recordName(r: IndexedRecord): string {
  return r.summary.title?.trim() || r.summary.id?.trim() || r.file;
}

/** Records by status (approved first), then naturally by name, then by file. */
export function sortRecords(records: readonly IndexedRecord[]): IndexedRecord[] {
  return [...records].sort((a, b) => statusRank(a.summary.status) - statusRank(b.summary.status)
    || compareNatural(recordName(a), recordName(b)) || compareNatural(a.file, b.file));
}

export type GroupBy = 'none' | 'status' | 'owner' | 'folder';
export const GROUP_BY: readonly GroupBy[] = ['none', 'status', 'owner', 'folder'];

export interface RecordGroup {
  /** Stable key of the group (the status, owner or folder; '' for records without one). */
  key: string;
  /** What the group is called in a list. */
  label: string;
  records: IndexedRecord[];
}

const NO_VALUE_LABEL: Record<Exclude<GroupBy, 'none'>, string> = { status: 'No status', owner: 'No owner', folder: '(workspace root)' };

function groupKey(r: IndexedRecord, by: Exclude<GroupBy, 'none'>): string {
  if (by === 'status') return r.summary.status?.trim() ?? '';
  if (by === 'owner') return r.summary.owner?.trim() ?? '';
  const dir = path.posix.dirname(r.file);
  return dir === '.' ? '' : dir;
}

/**
 * The records in groups: by status in STATUS_ORDER, by owner or folder naturally; the group of records
 * without a value last. Records inside a group are in sortRecords order.
 */
export function groupRecords(records: readonly IndexedRecord[], by: Exclude<GroupBy, 'none'>): RecordGroup[] {
  const groups = new Map<string, IndexedRecord[]>();
  for (const r of sortRecords(records)) {
    const k = groupKey(r, by);
    const list = groups.get(k);
    if (list) list.push(r); else groups.set(k, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0)
      || (by === 'status' ? statusRank(a) - statusRank(b) : 0) || compareNatural(a, b))
    .map(([key, list]) => ({ key, label: key || NO_VALUE_LABEL[by], records: list }));
}

/** The words of a filter text (lower case, at most 20). */
export function filterWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20);
}

/** Whether every word of the filter occurs in the record's title, id, status, owner or file (case-insensitive). */
export function matchesRecordFilter(r: IndexedRecord, words: readonly string[]): boolean {
  if (!words.length) return true;
  const s = r.summary;
  const hay = [s.title, s.id, s.status, s.owner, r.file].filter(Boolean).join('\n').toLowerCase();
  return words.every(w => hay.includes(w));
}

const KIND_PREFIX = /^(?:an? |the )?(?:impact assessment|model card|data provenance(?: record)?|dataset|data set)s? (?:of|for) (?:the |an? )?/i;

/**
 * A title short enough to leave room for the status and owner in a side bar of default width: the
 * kind's name in front and a trailing parenthetical dropped, then cut at a word boundary with an ellipsis.
 */
export function shortTitle(title: string, max = 36): string {
  let t = title.replace(/\s+/g, ' ').trim();
  // the kind is the view's name already: "Impact assessment of the card fraud detector" → "Card fraud detector"
  const rest = t.replace(KIND_PREFIX, '');
  if (rest !== t && rest.length >= 8) t = rest.charAt(0).toUpperCase() + rest.slice(1);
  const bare = t.replace(/\s*\([^()]*\)$/, '');
  if (bare.length >= 8) t = bare;
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** The person of an owner ("Tomás Ferreira, AI Governance Lead" → "Tomás Ferreira"). */
export function ownerName(owner: string): string {
  const name = owner.split(',')[0].trim();
  return name || owner.trim();
}
