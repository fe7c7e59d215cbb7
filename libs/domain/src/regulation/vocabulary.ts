/**
 * Words of the regulation context (DOMAIN.md §0-§2). Values that change over time are not here:
 * they are rules and calendars carried by events.
 */

/** LYC = Terminale LGT/LP, CAP, BTS 2e année, CPGE; COL = 3e (incl. 3e prépa-métiers); 6E = the 6e attestation. */
export const POPULATIONS = ['LYC', 'COL', '6E'] as const;
export type Population = (typeof POPULATIONS)[number];

export const POPULATION_LABELS: Record<Population, string> = {
  LYC: 'Terminale LGT et LP, CAP (année du diplôme), BTS 2e année, CPGE',
  COL: '3e (collège), y compris 3e prépa-métiers',
  '6E': 'Attestation Pix 6e',
};

export function isPopulation(value: unknown): value is Population {
  return typeof value === 'string' && (POPULATIONS as readonly string[]).includes(value);
}

/** [C] confirmed, [P] probable, [U] uncertain, [D] derived by us (DOMAIN.md §0). */
export const CONFIDENCES = ['C', 'P', 'U', 'D'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** The source documents in shared/seeds (DOMAIN.md §0). */
export const SEED_KEYS = ['S0', 'S1', 'S2', 'S3', 'S4'] as const;
export type SeedKey = (typeof SEED_KEYS)[number];

/** Where a fact comes from: a readable reference, and the seed file or URL when there is one. */
export interface SourceRef {
  reference: string;
  seed?: SeedKey;
  url?: string;
}

export const TEXT_KINDS = [
  'decret',
  'arrete',
  'note-de-service',
  'note-dgesco',
  'circulaire-academique',
  'loi',
] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export type TextScope = { level: 'national' } | { level: 'academie'; academie: string };

/** Académie codes (DOMAIN.md §5.3, flux-retour-cfas territoires.ts) [C]. */
export const ACADEMIES: Readonly<Record<string, string>> = {
  '01': 'Paris',
  '02': 'Aix-Marseille',
  '03': 'Besançon',
  '04': 'Bordeaux',
  '06': 'Clermont-Ferrand',
  '07': 'Dijon',
  '08': 'Grenoble',
  '09': 'Lille',
  '10': 'Lyon',
  '11': 'Montpellier',
  '12': 'Nancy-Metz',
  '13': 'Poitiers',
  '14': 'Rennes',
  '15': 'Strasbourg',
  '16': 'Toulouse',
  '17': 'Nantes',
  '18': 'Orléans-Tours',
  '19': 'Reims',
  '20': 'Amiens',
  '22': 'Limoges',
  '23': 'Nice',
  '24': 'Créteil',
  '25': 'Versailles',
  '27': 'Corse',
  '28': 'La Réunion',
  '31': 'Martinique',
  '32': 'Guadeloupe',
  '33': 'Guyane',
  '40': 'Nouvelle-Calédonie',
  '41': 'Polynésie française',
  '42': 'Wallis-et-Futuna',
  '43': 'Mayotte',
  '44': 'Saint-Pierre-et-Miquelon',
  '70': 'Normandie',
};

export function isAcademie(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ACADEMIES, code);
}

/** Ids of texts are readable slugs (`note-de-service-2021-12-21`): they end up in stream names and URLs. */
export const TEXT_ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

export function scopeLabel(scope: TextScope): string {
  return scope.level === 'national' ? 'national' : `academie:${scope.academie}`;
}
