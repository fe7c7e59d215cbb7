import type { INestApplication } from '@nestjs/common';
import { registerEstablishment, sessionWithResult } from '../../fixtures/certification';
import type { FixedClock } from '@pix-ledger/event-store';

/** Lycées in two académies (check letters computed as DOMAIN.md §5.1 says). */
export const REIMS_LYCEE = '0510002A';
export const CRETEIL_LYCEE = '0930001W';

/**
 * 2021-2022 sessions recorded through the HTTP API, each on its day: in Créteil one before the
 * LYC window opened (29/11/2021) and one inside it; in Reims one after it closed (07/04/2022).
 */
export async function recordYear2021(app: INestApplication, clock: FixedClock): Promise<void> {
  clock.set('2021-10-01T08:00:00.000Z');
  await registerEstablishment(app, CRETEIL_LYCEE, 'LGT', '24');
  await registerEstablishment(app, REIMS_LYCEE, 'LGT', '19');
  const sessions = [
    { sessionId: 'CRETEIL_NOV', uai: CRETEIL_LYCEE, date: '2021-11-22', ine: '1234A12345K' },
    { sessionId: 'CRETEIL_JAN', uai: CRETEIL_LYCEE, date: '2022-01-10', ine: '223456789AB' },
    { sessionId: 'REIMS_APR', uai: REIMS_LYCEE, date: '2022-04-20', ine: '0494004062M' },
  ];
  for (const s of sessions) {
    clock.set(`${s.date}T15:00:00.000Z`);
    await sessionWithResult(
      app,
      { sessionId: s.sessionId, uai: s.uai, population: 'LYC', date: s.date },
      { candidateId: `${s.sessionId}_1`, ine: s.ine },
    );
  }
}
