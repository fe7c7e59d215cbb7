import { ddlTarget, TableMapping } from './table-mapping';

describe('TableMapping', () => {
  const mapping = new TableMapping(
    new Map([
      ['cert_results', 'cert_results__rebuild'],
      ['cert_sessions', 'cert_sessions__rebuild'],
    ]),
    new Set(['cert_establishments']),
  );

  it('renames whole table names only, never inside literals or longer names', () => {
    expect(
      mapping.rewrite(
        `INSERT INTO cert_results (a) SELECT s.x FROM cert_sessions s JOIN cert_sessions_extra e
         WHERE s.note = 'cert_results' ON CONFLICT (a) DO UPDATE SET a = cert_results.a + excluded.a`,
      ),
    ).toBe(
      `INSERT INTO cert_results__rebuild (a) SELECT s.x FROM cert_sessions__rebuild s JOIN cert_sessions_extra e
         WHERE s.note = 'cert_results' ON CONFLICT (a) DO UPDATE SET a = cert_results__rebuild.a + excluded.a`,
    );
  });

  it('gives the indexes it creates the shadow suffix too', () => {
    expect(
      mapping.rewrite('CREATE INDEX IF NOT EXISTS cert_results_year ON cert_results (school_year)'),
    ).toBe(
      'CREATE INDEX IF NOT EXISTS cert_results_year__rebuild ON cert_results__rebuild (school_year)',
    );
    expect(mapping.rewrite('CREATE INDEX other_idx ON other (x)')).toBe(
      'CREATE INDEX other_idx ON other (x)',
    );
  });

  it('lets the read-only tables be read, never written', () => {
    expect(mapping.rewrite('SELECT name FROM cert_establishments WHERE uai = ?')).toBe(
      'SELECT name FROM cert_establishments WHERE uai = ?',
    );
    expect(() => mapping.rewrite('UPDATE cert_establishments SET name = ?')).toThrow(
      'writes cert_establishments',
    );
    expect(() => mapping.rewrite('insert into cert_establishments values (?)')).toThrow();
  });

  it('names what a DDL statement creates', () => {
    expect(ddlTarget('CREATE TABLE IF NOT EXISTS t (a TEXT)')).toEqual({ table: 't' });
    expect(ddlTarget('CREATE UNIQUE INDEX i ON t (a)')).toEqual({ table: 't', index: 'i' });
    expect(ddlTarget('PRAGMA x')).toBeUndefined();
  });
});
