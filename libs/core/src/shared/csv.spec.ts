import { parse } from 'csv-parse/sync';
import { neutralizeCsvText, restoreCsvText, toCsv } from './csv';

describe('CSV export (OWASP CSV injection)', () => {
  it.each(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'])('prefixes %j with a single quote', (text) => {
    expect(neutralizeCsvText(text)).toBe(`'${text}`);
    expect(restoreCsvText(neutralizeCsvText(text))).toBe(text);
  });

  it.each(['Ada', "'quoted", '1+1', 'a=b', ''])('leaves %j as it is', (text) => {
    expect(neutralizeCsvText(text)).toBe(text);
    expect(restoreCsvText(text)).toBe(text);
  });

  it('quotes every field, doubles quotes, keeps numbers and booleans as they are, and neutralises the header too', () => {
    const csv = toCsv(['name', '=h'], [['=cmd|"/c calc"!A1', -3], [null, true]]);
    expect(csv).toBe(`"name","'=h"\n"'=cmd|""/c calc""!A1","-3"\n,"true"\n`);
    expect(parse(csv)).toEqual([
      ['name', "'=h"],
      ['\'=cmd|"/c calc"!A1', '-3'],
      ['', 'true'],
    ]);
  });
});
