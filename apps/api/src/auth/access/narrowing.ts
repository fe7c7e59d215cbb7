import { academiesOf, categoriesOf, isNational, type Principal } from '../principal';

/** A filter value that matches nothing (the guard refuses such requests before; belt and braces). */
const NOTHING = '-';

/**
 * What a view shows to a caller scoped to académies: the académie asked, or their only one.
 * (The guard already refused an académie outside the caller's scopes.)
 */
export function narrowAcademie(
  principal: Principal | undefined,
  asked: string | undefined,
): string | undefined {
  if (!principal || isNational(principal) || principal.scopes.some((s) => s.kind === 'dashboard'))
    return asked;
  const mine = academiesOf(principal);
  if (asked === undefined) return mine.length === 1 ? mine[0] : NOTHING;
  return mine.includes(asked) ? asked : NOTHING;
}

/** The categories an integration reads: those asked, or all it was granted. */
export function narrowCategories(
  principal: Principal | undefined,
  asked: string[] | undefined,
): string[] | undefined {
  if (!principal || isNational(principal)) return asked;
  const granted = categoriesOf(principal);
  if (!asked?.length) return granted.length ? granted : [NOTHING];
  const allowed = asked.filter((category) => granted.includes(category));
  return allowed.length ? allowed : [NOTHING];
}

/**
 * For writes that name establishments row by row (the results import): whether the caller may
 * write for one. Undefined for national callers and for requests without a principal.
 */
export function establishmentWriteScope(
  principal: Principal | undefined,
  academieOf: (uai: string) => Promise<string | undefined>,
): ((uai: string) => Promise<boolean>) | undefined {
  if (!principal || isNational(principal)) return undefined;
  const uais = principal.scopes.flatMap((s) => (s.kind === 'etablissement' ? [s.uai] : []));
  const academies = academiesOf(principal);
  return async (uai) => {
    if (uais.includes(uai.toUpperCase())) return true;
    if (academies.length === 0) return false;
    const academie = await academieOf(uai.toUpperCase());
    return academie !== undefined && academies.includes(academie);
  };
}
