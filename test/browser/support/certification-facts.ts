import type { FixedClock } from '@pix-ledger/event-store';
import { result } from '../../fixtures/certification';
import type { Agent } from '../../e2e/security-harness';

/** Lycées in two académies (check letters computed as DOMAIN.md §5.1 says). */
export const REIMS_LYCEE = '0510002A';
export const CRETEIL_LYCEE = '0930001W';

/**
 * 2021-2022 sessions recorded through the HTTP API (as `http`, a national caller), each on its
 * day: in Créteil one before the LYC window opened (29/11/2021) and one inside it; in Reims one
 * after it closed (07/04/2022). Each has one candidate, scored.
 */
export async function recordYear2021(http: Agent, clock: FixedClock): Promise<void> {
  clock.set('2021-10-01T08:00:00.000Z');
  for (const [uai, academie] of [
    [CRETEIL_LYCEE, '24'],
    [REIMS_LYCEE, '19'],
  ]) {
    await http
      .post('/establishments')
      .send({ uai, name: `Lycée ${uai}`, type: 'LGT', sector: 'public', academie })
      .expect(201);
  }
  const sessions = [
    { sessionId: 'CRETEIL_NOV', uai: CRETEIL_LYCEE, date: '2021-11-22', ine: '1234A12345K' },
    { sessionId: 'CRETEIL_JAN', uai: CRETEIL_LYCEE, date: '2022-01-10', ine: '223456789AB' },
    { sessionId: 'REIMS_APR', uai: REIMS_LYCEE, date: '2022-04-20', ine: '0494004062M' },
  ];
  for (const s of sessions) {
    clock.set(`${s.date}T15:00:00.000Z`);
    const base = `/sessions/${s.sessionId}`;
    const candidate = `${s.sessionId}_1`;
    const at = `${s.date}T09:05:00+01:00`;
    await http
      .post('/sessions')
      .send({ sessionId: s.sessionId, uai: s.uai, population: 'LYC', date: s.date, time: '09:00' })
      .expect(201);
    await http
      .post(`${base}/candidates`)
      .send({
        candidateId: candidate,
        ine: s.ine,
        identity: { lastName: 'Martin', firstName: 'Léa', birthDate: '2004-05-02' },
      })
      .expect(201);
    await http.post(`${base}/candidates/${candidate}/start`).send({ at }).expect(200);
    await http.post(`${base}/candidates/${candidate}/complete`).send({ at }).expect(200);
    await http.post(`${base}/candidates/${candidate}/score`).send({ result: result() }).expect(200);
  }
}
