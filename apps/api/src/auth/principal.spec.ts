import { formatScope, parseScopes } from './principal';
import { parseLifetime } from './tokens/local-tokens';

describe('token scopes', () => {
  it('reads every kind of scope, and writes it back the same', () => {
    const claim =
      'national academie:19 etablissement:0510002a dashboard integration:session,yearCalendar';
    const scopes = parseScopes(claim);
    expect(scopes).toEqual([
      { kind: 'national' },
      { kind: 'academie', academie: '19' },
      { kind: 'etablissement', uai: '0510002A' },
      { kind: 'dashboard' },
      { kind: 'integration', categories: ['session', 'yearCalendar'] },
    ]);
    expect(scopes.map(formatScope).join(' ')).toBe(claim.replace('0510002a', '0510002A'));
  });

  it.each([
    ['', /no scope/],
    ['admin', /unknown scope/],
    ['national:1', /takes no value/],
    ['academie:99', /academie:99/],
    ['etablissement:0510002B', /etablissement:0510002B/],
    ['integration:', /categories/],
    ['integration:session-x', /categories/],
    ['academie:19:x', /too many parts/],
  ])('refuses %p', (claim, reason) => {
    expect(() => parseScopes(claim)).toThrow(reason);
  });

  it('reads token lifetimes', () => {
    expect(parseLifetime('30d')).toBe(30 * 86400);
    expect(parseLifetime('12h')).toBe(43200);
    expect(parseLifetime('90m')).toBe(5400);
    expect(parseLifetime('3600')).toBe(3600);
    expect(() => parseLifetime('forever')).toThrow(/--expires/);
    expect(() => parseLifetime('0s')).toThrow(/between/);
    expect(() => parseLifetime('10000d')).toThrow(/between/);
  });
});
