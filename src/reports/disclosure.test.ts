import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NHS_ENGLAND_RULES, protectList, protectTable, type ShownCount } from './disclosure.ts';

// '*' marks a suppressed count, so each table below reads as it was worked out by hand.
const view = (counts: ShownCount[]) => counts.map((count) => (count.shown ? count.value : '*'));

describe('disclosure control', () => {
  test('a list: a count of 1–7 is suppressed, and the next smallest with it so the total cannot give it away', () => {
    const list = protectList([3, 20, 30], NHS_ENGLAND_RULES);
    assert.deepEqual(view(list.counts), ['*', '*', 30]);
    assert.deepEqual(view([list.total]), [53]);
    assert.deepEqual(list.counts[1], { shown: false, reason: 'secondary' });
    assert.deepEqual(list.counts[0], { shown: false, reason: 'small' });
  });

  test('a list: zero and counts above the threshold are shown as they are', () => {
    assert.deepEqual(view(protectList([0, 8, 30], NHS_ENGLAND_RULES).counts), [0, 8, 30]);
  });

  test('a list: two small counts protect each other and need no partner', () => {
    assert.deepEqual(view(protectList([2, 6, 40], NHS_ENGLAND_RULES).counts), ['*', '*', 40]);
  });

  test('a list whose total is itself small is suppressed whole', () => {
    const list = protectList([2, 3, 0], NHS_ENGLAND_RULES);
    assert.deepEqual(view([...list.counts, list.total]), ['*', '*', 0, '*']);
  });

  test('a table: one small cell spreads to a block of four so no row or column reveals it', () => {
    //        c1  c2  c3 | total
    // A       5  10  12 |  27
    // B       9   8  20 |  37
    // total  14  18  32 |  64
    const table = protectTable(
      [
        [5, 10, 12],
        [9, 8, 20],
      ],
      NHS_ENGLAND_RULES,
    );
    assert.deepEqual(table.cells.map(view), [
      ['*', '*', 12],
      ['*', '*', 20],
    ]);
    assert.deepEqual(view(table.rowTotals), [27, 37]);
    assert.deepEqual(view(table.columnTotals), [14, 18, 32]);
    assert.deepEqual(view([table.total]), [64]);
  });

  test('a table: a small row total is suppressed, and its partners follow down the columns and the totals', () => {
    //        c1  c2 | total
    // A       2   3 |   5
    // B      10  20 |  30
    // total  12  23 |  35
    const table = protectTable(
      [
        [2, 3],
        [10, 20],
      ],
      NHS_ENGLAND_RULES,
    );
    assert.deepEqual(table.cells.map(view), [
      ['*', '*'],
      ['*', '*'],
    ]);
    assert.deepEqual(view(table.rowTotals), ['*', '*']);
    assert.deepEqual(view(table.columnTotals), [12, 23]);
    assert.deepEqual(view([table.total]), [35]);
  });

  test('every line of a protected table has no suppressed entry or at least two', () => {
    const counts = [
      [1, 40, 0, 9],
      [12, 0, 30, 15],
      [8, 22, 6, 50],
    ];
    const table = protectTable(counts, NHS_ENGLAND_RULES);
    const lines = [
      ...table.cells.map((row, index) => [...row, table.rowTotals[index]!]),
      ...table.columnTotals.map((total, column) => [...table.cells.map((row) => row[column]!), total]),
      [...table.rowTotals, table.total],
      [...table.columnTotals, table.total],
    ];
    for (const line of lines) assert.notEqual(line.filter((count) => !count.shown).length, 1, JSON.stringify(view(line)));
    assert.equal(table.cells[0]![1]!.shown, true, 'large counts away from the small ones stay shown');
  });

  test('shown counts can be rounded to the nearest 5; the scheme sets the threshold', () => {
    const list = protectList([12, 13, 52], { threshold: 10, roundTo: 5 });
    assert.deepEqual(view(list.counts), [10, 15, 50]);
    assert.deepEqual(view([list.total]), [75]);
    assert.deepEqual(view(protectList([9, 13, 52], { threshold: 10, roundTo: 5 }).counts), ['*', '*', 50]);
  });
});
