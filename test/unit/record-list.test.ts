// How records are listed (src/core/recordList.ts): natural order, grouping by status, owner and
// folder, the text filter and the short titles of the record trees.
import * as assert from 'node:assert/strict';
import { compareNatural, filterWords, groupRecords, matchesRecordFilter, ownerName, shortTitle, sortRecords } from '../../src/core/recordList';
import { referenceOptions } from '../../src/core/form';
import type { IndexedRecord } from '../../src/core/rule';
import type { RecordSummary } from '../../src/core/model';

const rec = (file: string, s: Partial<RecordSummary>): IndexedRecord => ({ file, summary: { kind: 'ModelCard', ...s } as RecordSummary, errors: 0 });

describe('record lists', () => {
  it('titles sort naturally: numbers as numbers, case ignored', () => {
    const titles = ['Anomaly model 214', 'anomaly model 24', 'Anomaly model 3', 'model 10', 'Model 2', 'model 1'];
    assert.deepEqual([...titles].sort(compareNatural), ['Anomaly model 3', 'anomaly model 24', 'Anomaly model 214', 'model 1', 'Model 2', 'model 10']);
    // a total order: equal under the collator, still ordered (and stable across runs)
    assert.ok(compareNatural('Model 2', 'model 2') !== 0);
    assert.equal(compareNatural('x', 'x'), 0);
  });

  it('records by status (approved first), then title naturally, then file; id or file when there is no title', () => {
    const list = [
      rec('aims/m10.yaml', { title: 'Model 10', status: 'approved' }),
      rec('aims/m2.yaml', { title: 'Model 2', status: 'approved' }),
      rec('aims/d.yaml', { title: 'Model 1', status: 'draft' }),
      rec('aims/x.yaml', { id: 'model 5', status: 'approved' }),
      rec('aims/n.yaml', { title: 'Model 0' }),
    ];
    assert.deepEqual(sortRecords(list).map(r => r.file), ['aims/m2.yaml', 'aims/x.yaml', 'aims/m10.yaml', 'aims/d.yaml', 'aims/n.yaml']);
  });

  it('reference pickers offer ids in natural order', () => {
    const list = ['model-10', 'model-2', 'model-1'].map(id => ({ ...rec(`aims/${id}.yaml`, { id }), summary: { kind: 'DataProvenance', id } as RecordSummary }));
    assert.deepEqual(referenceOptions(list, ['DataProvenance']).map(o => o.id), ['model-1', 'model-2', 'model-10']);
  });

  it('groups by status, owner or folder; the group without a value last', () => {
    const list = [
      rec('aims/models/a.yaml', { title: 'A', status: 'draft', owner: 'Team 10' }),
      rec('aims/models/b.yaml', { title: 'B', status: 'approved', owner: 'Team 2' }),
      rec('aims/c.yaml', { title: 'C', owner: 'Team 2' }),
      rec('aims/legacy/d.yaml', { title: 'D', status: 'retired' }),
      rec('top.yaml', { title: 'E', status: 'approved' }),
    ];
    const view = (by: 'status' | 'owner' | 'folder') => groupRecords(list, by).map(g => [g.label, g.records.map(r => r.summary.title).join('')]);
    assert.deepEqual(view('status'), [['approved', 'BE'], ['draft', 'A'], ['retired', 'D'], ['No status', 'C']]);
    assert.deepEqual(view('owner'), [['Team 2', 'BC'], ['Team 10', 'A'], ['No owner', 'ED']]);
    assert.deepEqual(view('folder'), [['aims', 'C'], ['aims/legacy', 'D'], ['aims/models', 'BA'], ['(workspace root)', 'E']]);
    assert.equal(groupRecords([], 'status').length, 0);
  });

  it('the filter needs every word in the title, id, status, owner or file, case-insensitive', () => {
    const r = rec('aims/models/credit.yaml', { title: 'Credit risk scorer', id: 'credit-risk-scorer', status: 'draft', owner: 'Marta Kowalczyk' });
    assert.ok(matchesRecordFilter(r, filterWords('')));
    assert.ok(matchesRecordFilter(r, filterWords('  CREDIT   draft ')));
    assert.ok(matchesRecordFilter(r, filterWords('kowalczyk models/')));
    assert.ok(!matchesRecordFilter(r, filterWords('credit approved')));
    assert.equal(filterWords('a '.repeat(100)).length, 20, 'bounded');
  });

  it('short titles leave room for status, owner and id in a side bar of default width', () => {
    assert.equal(shortTitle('Credit risk scorer'), 'Credit risk scorer');
    assert.equal(shortTitle('Credit risk scorer for personal loans (probability of default)', 28), 'Credit risk scorer for…');
    assert.equal(shortTitle('Card transaction fraud detector (Northwind Flex card)', 28), 'Card transaction fraud…');
    assert.equal(shortTitle('Out-of-time holdout of personal loan applications, January-June 2025', 28), 'Out-of-time holdout of…');
    assert.equal(shortTitle('Supercalifragilisticexpialidociousmodelname', 20), 'Supercalifragilisti…', 'a long word is cut');
    for (const t of ['a (b)', 'x'.repeat(300), 'Model (v2)']) assert.ok(shortTitle(t, 28).length <= 28, t);
    assert.equal(shortTitle('Impact assessment of the credit risk scorer 3.x', 22), 'Credit risk scorer 3.x');
    assert.equal(shortTitle('Model card for the fraud detector', 22), 'Fraud detector');
    assert.equal(shortTitle('Impact assessment of it', 30), 'Impact assessment of it', 'too little left: kept');
    assert.equal(ownerName('Tomás Ferreira, AI Governance Lead'), 'Tomás Ferreira');
    assert.equal(ownerName('ml-platform-team'), 'ml-platform-team');
  });
});
