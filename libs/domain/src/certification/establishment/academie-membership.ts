import type { IsoDate } from '../../shared/dates';
import { findAcademie } from '../identifiers/academies';

/** An establishment belongs to an académie from `since` (null: since the académie exists). */
export interface AcademieMembership {
  academie: string;
  since: IsoDate | null;
}

/** The académie an establishment belonged to on `date`, or undefined when none is recorded. */
export function academieOn(
  memberships: readonly AcademieMembership[],
  date: IsoDate,
): string | undefined {
  let found: string | undefined;
  for (const membership of memberships) {
    const since = membership.since ?? findAcademie(membership.academie)?.validFrom;
    if (!since || since <= date) found = membership.academie;
  }
  const academie = findAcademie(found);
  if (academie?.validUntil && date > academie.validUntil) return undefined;
  return found;
}
