import { academieProblem, uaiProblem } from '@pix-ledger/domain';

/**
 * What a token lets its bearer see and do. A token carries one or more scopes in its `scope`
 * claim, space-separated: `national`, `academie:<code>`, `etablissement:<uai>`, `dashboard`,
 * `integration:<category>,<category>…`.
 */
export type Scope =
  | { kind: 'national' }
  | { kind: 'academie'; academie: string }
  | { kind: 'etablissement'; uai: string }
  | { kind: 'dashboard' }
  | { kind: 'integration'; categories: string[] };

export const ROLES = ['national', 'academie', 'etablissement', 'dashboard', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Who, as written into event metadata (`actor`). */
  actor: string;
  subject: string;
  issuer: string;
  scopes: Scope[];
}

const CATEGORY = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function parseScope(text: string): Scope {
  const [kind, value, ...rest] = text.split(':');
  if (rest.length > 0) throw new Error(`scope "${text}" has too many parts`);
  switch (kind) {
    case 'national':
    case 'dashboard':
      if (value !== undefined) throw new Error(`scope "${kind}" takes no value`);
      return { kind };
    case 'academie': {
      const problem = academieProblem(value);
      if (problem) throw new Error(`scope academie:${value ?? ''}: ${problem}`);
      return { kind, academie: value };
    }
    case 'etablissement': {
      const uai = (value ?? '').toUpperCase();
      const problem = uaiProblem(uai);
      if (problem) throw new Error(`scope etablissement:${value ?? ''}: ${problem}`);
      return { kind, uai };
    }
    case 'integration': {
      const categories = (value ?? '').split(',').filter(Boolean);
      if (categories.length === 0 || !categories.every((c) => CATEGORY.test(c)))
        throw new Error('scope integration:<categories> needs stream categories, comma-separated');
      return { kind, categories };
    }
    default:
      throw new Error(`unknown scope "${text}"`);
  }
}

export function parseScopes(claim: unknown): Scope[] {
  if (typeof claim !== 'string' || claim.trim() === '') throw new Error('the token has no scope');
  return claim.trim().split(/\s+/).map(parseScope);
}

export function formatScope(scope: Scope): string {
  switch (scope.kind) {
    case 'academie':
      return `academie:${scope.academie}`;
    case 'etablissement':
      return `etablissement:${scope.uai}`;
    case 'integration':
      return `integration:${scope.categories.join(',')}`;
    default:
      return scope.kind;
  }
}

export const isNational = (p: Principal) => p.scopes.some((s) => s.kind === 'national');
export const academiesOf = (p: Principal) =>
  p.scopes.flatMap((s) => (s.kind === 'academie' ? [s.academie] : []));
export const uaisOf = (p: Principal) =>
  p.scopes.flatMap((s) => (s.kind === 'etablissement' ? [s.uai] : []));
export const categoriesOf = (p: Principal) =>
  p.scopes.flatMap((s) => (s.kind === 'integration' ? s.categories : []));
