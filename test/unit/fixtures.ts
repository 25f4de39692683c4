// Where the rule fixtures live, shared by rules-fixtures.test.ts and rules-meta.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/rules');

/** The fixture folders, one per rule (folders starting with _ hold shared context). */
export function fixtureFolders(): string[] {
  return fs.readdirSync(FIXTURES, { withFileTypes: true }).filter(d => d.isDirectory() && !d.name.startsWith('_')).map(d => d.name).sort();
}
