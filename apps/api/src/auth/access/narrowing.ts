import { academiesOf, categoriesOf, isNational, type Principal } from '../principal';

/**
 * What a view shows to a caller scoped to académies: the académie asked, or their only one.
 * (The guard already refused an académie outside the caller's scopes.)
 */
export function narrowAcademie(
  principal: Principal,
  asked: string | undefined,
): string | undefined {
  if (isNational(principal) || principal.scopes.some((s) => s.kind === 'dashboard')) return asked;
  const mine = academiesOf(principal);
  return asked ?? (mine.length === 1 ? mine[0] : asked);
}

/** The categories an integration reads: those asked, or all it was granted. */
export function narrowCategories(
  principal: Principal,
  asked: string[] | undefined,
): string[] | undefined {
  if (isNational(principal)) return asked;
  return asked ?? categoriesOf(principal);
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
