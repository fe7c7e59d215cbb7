/**
 * Who is certified in a session (DOMAIN.md §2): LYC = Terminale LGT/LP, CAP, 2nd-year BTS and
 * CPGE; COL = 3e (3e prépa-métiers pupils use the COL window wherever they are schooled).
 * The 6e attestation is not a session population: it runs through campaigns (§3.6).
 */
export const SESSION_POPULATIONS = ['LYC', 'COL'] as const;
export type SessionPopulation = (typeof SESSION_POPULATIONS)[number];

export function isSessionPopulation(value: unknown): value is SessionPopulation {
  return (SESSION_POPULATIONS as readonly unknown[]).includes(value);
}

/** Establishment types of the second degree (DOMAIN.md §4.1: SCO centres; R4: agricultural). */
export const ESTABLISHMENT_TYPES = [
  'COLLEGE',
  'LGT',
  'LP',
  'LPO',
  'AGRICOLE',
  'EREA',
  'AUTRE',
] as const;
export type EstablishmentType = (typeof ESTABLISHMENT_TYPES)[number];

export const ESTABLISHMENT_SECTORS = ['public', 'private'] as const;
export type EstablishmentSector = (typeof ESTABLISHMENT_SECTORS)[number];
