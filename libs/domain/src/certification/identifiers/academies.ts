import type { IsoDate } from '../../shared/dates';

/**
 * Académie codes (DOMAIN.md §5.3, flux-retour-cfas `territoires.ts` [C]). Membership has valid
 * time: Normandie (70) exists from 01/01/2020 (Décret n° 2019-1056 du 15/10/2019 [C]); Caen and
 * Rouen end the day before. Their codes 05 and 21 are a common convention, not verified [U].
 */
export interface Academie {
  code: string;
  name: string;
  /** First day the académie exists; absent = before any date we record. */
  validFrom?: IsoDate;
  /** Last day the académie exists; absent = still exists. */
  validUntil?: IsoDate;
  confidence: 'C' | 'P' | 'U';
  source: string;
}

const TERRITOIRES = 'DOMAIN.md §5.3 (flux-retour-cfas shared/constants/territoires.ts)';
const NORMANDIE_DECREE = 'Décret n° 2019-1056 du 15/10/2019, NOR MENG1921698D, JORF 17/10/2019';

const current = (code: string, name: string): Academie => ({
  code,
  name,
  confidence: 'C',
  source: TERRITOIRES,
});

export const ACADEMIE_REFERENCE: readonly Academie[] = [
  current('01', 'Paris'),
  current('02', 'Aix-Marseille'),
  current('03', 'Besançon'),
  current('04', 'Bordeaux'),
  {
    code: '05',
    name: 'Caen',
    validUntil: '2019-12-31',
    confidence: 'U',
    source: `${NORMANDIE_DECREE}; code 05 is a convention, not verified`,
  },
  current('06', 'Clermont-Ferrand'),
  current('07', 'Dijon'),
  current('08', 'Grenoble'),
  current('09', 'Lille'),
  current('10', 'Lyon'),
  current('11', 'Montpellier'),
  current('12', 'Nancy-Metz'),
  current('13', 'Poitiers'),
  current('14', 'Rennes'),
  current('15', 'Strasbourg'),
  current('16', 'Toulouse'),
  current('17', 'Nantes'),
  current('18', 'Orléans-Tours'),
  current('19', 'Reims'),
  current('20', 'Amiens'),
  {
    code: '21',
    name: 'Rouen',
    validUntil: '2019-12-31',
    confidence: 'U',
    source: `${NORMANDIE_DECREE}; code 21 is a convention, not verified`,
  },
  current('22', 'Limoges'),
  current('23', 'Nice'),
  current('24', 'Créteil'),
  current('25', 'Versailles'),
  current('27', 'Corse'),
  current('28', 'La Réunion'),
  current('31', 'Martinique'),
  current('32', 'Guadeloupe'),
  current('33', 'Guyane'),
  current('40', 'Nouvelle-Calédonie'),
  current('41', 'Polynésie française'),
  current('42', 'Wallis-et-Futuna'),
  current('43', 'Mayotte'),
  current('44', 'Saint-Pierre-et-Miquelon'),
  {
    code: '70',
    name: 'Normandie',
    validFrom: '2020-01-01',
    confidence: 'C',
    source: `${NORMANDIE_DECREE}; ${TERRITOIRES}`,
  },
];

const BY_CODE = new Map(ACADEMIE_REFERENCE.map((academie) => [academie.code, academie]));

export function findAcademie(code: unknown): Academie | undefined {
  return typeof code === 'string' ? BY_CODE.get(code) : undefined;
}

export function academieExistsOn(academie: Academie, date: IsoDate): boolean {
  return (
    (!academie.validFrom || date >= academie.validFrom) &&
    (!academie.validUntil || date <= academie.validUntil)
  );
}

/** Why a code is not an académie (on `date`, when given), or undefined when it is one. */
export function academieProblem(code: unknown, date?: IsoDate): string | undefined {
  const academie = findAcademie(code);
  if (!academie) return `unknown académie code "${String(code)}" (two digits, e.g. 19 for Reims)`;
  if (date && !academieExistsOn(academie, date)) {
    const period = academie.validFrom
      ? `from ${academie.validFrom}`
      : `until ${academie.validUntil}`;
    return `académie ${academie.code} (${academie.name}) exists only ${period}, not on ${date}`;
  }
  return undefined;
}
