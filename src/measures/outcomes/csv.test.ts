import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvLine, neutraliseFormula, toCsv } from './csv.ts';

describe('CSV for spreadsheets', () => {
  test('a cell a spreadsheet would run as a formula is written as text', () => {
    assert.equal(neutraliseFormula('=HYPERLINK("http://example.test","click")'), `'=HYPERLINK("http://example.test","click")`);
    assert.equal(neutraliseFormula('+44 7700 900123'), `'+44 7700 900123`);
    assert.equal(neutraliseFormula('-2+3'), `'-2+3`);
    assert.equal(neutraliseFormula('@SUM(A1:A2)'), `'@SUM(A1:A2)`);
    assert.equal(neutraliseFormula('\t=1+1'), `'\t=1+1`);
    assert.equal(neutraliseFormula('\r=1+1'), `'\r=1+1`);
  });

  test('ordinary text, numbers and empty cells are left as they are', () => {
    assert.equal(neutraliseFormula('Felt too unwell today'), 'Felt too unwell today');
    assert.equal(neutraliseFormula('a = b'), 'a = b');
    assert.equal(neutraliseFormula(-3), '-3');
    assert.equal(neutraliseFormula(17.43), '17.43');
    assert.equal(neutraliseFormula(null), '');
    assert.equal(neutraliseFormula(undefined), '');
  });

  test('commas, quotes and line breaks are quoted, after the formula guard', () => {
    assert.equal(csvLine(['plain', 'a, b', 'say "no"', 'two\nlines', 4]), 'plain,"a, b","say ""no""","two\nlines",4\r\n');
    assert.equal(csvLine(['=1,2']), `"'=1,2"\r\n`);
  });

  test('a file is the header then one line per row', () => {
    assert.equal(toCsv(['a', 'b'], [[1, null], ['x', '-y']]), "a,b\r\n1,\r\nx,'-y\r\n");
  });
});
