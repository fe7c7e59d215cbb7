import { COMPETENCE_CODES, uaiCheckLetter } from '@pix-ledger/domain';
import { HEADER } from '../fixtures/results-csv';
import { REIMS_COLLEGE, REIMS_LYCEE, result } from '../fixtures/certification';
import type { Agent } from './security-harness';

/** A small world for the access and erasure tests: two académies, three establishments. */
export const LYCEE_A = REIMS_LYCEE; // académie 19 (Reims)
export const COLLEGE_C = REIMS_COLLEGE; // académie 19
export const LYCEE_B = `0931234${uaiCheckLetter('0931234')}`; // académie 24 (Créteil)
export const UAI = (digits: string) => `${digits}${uaiCheckLetter(digits)}`;

export const SESSION_DATE = '2025-03-20';
export const YEAR = '2024-2025';

/** Personal data that must never show where the caller has no right to it. */
export const PUPIL_A = {
  ine: '246813579QZ',
  identity: { lastName: 'Quasimodo', firstName: 'Zébulon', birthDate: '2006-12-29' },
};
export const PUPIL_B = {
  ine: '0494004062M',
  identity: { lastName: 'Bartholomé', firstName: 'Ophélie', birthDate: '2007-02-27' },
};
export const PUPIL_6E = {
  ine: '1234A12345K',
  identity: { lastName: 'Vermeer', firstName: 'Clothilde', birthDate: '2013-03-19' },
};
export const SENSITIVE = [PUPIL_A, PUPIL_B, PUPIL_6E].flatMap((p) => [
  p.ine,
  p.identity.lastName,
  p.identity.firstName,
  p.identity.birthDate,
  // The same date as a CSV or a French page would write it.
  p.identity.birthDate.split('-').reverse().join('/'),
]);

/** Which sensitive strings a text shows (case-insensitive: an INE may be lower-cased). */
export function personalDataIn(text: string): string[] {
  const lower = text.toLowerCase();
  return SENSITIVE.filter((s) => lower.includes(s.toLowerCase()));
}

let ineCounter = 100;
/** A fresh valid INE (RNIE format), never one of the pupils above. */
export const freshIne = () => `${String(700000000 + ineCounter++)}XY`;

export async function registerWorld(admin: Agent): Promise<void> {
  const establishment = (uai: string, type: string, academie: string) =>
    admin
      .post('/establishments')
      .send({ uai, name: `Établissement ${uai}`, type, sector: 'public', academie })
      .expect(201);
  await establishment(LYCEE_A, 'LGT', '19');
  await establishment(COLLEGE_C, 'COLLEGE', '19');
  await establishment(LYCEE_B, 'LGT', '24');
  await scoredSession(admin, 'SA', LYCEE_A, 'ca', PUPIL_A);
  await scoredSession(admin, 'SB', LYCEE_B, 'cb', PUPIL_B);
  const base = `/attestations6e/${COLLEGE_C}/${YEAR}`;
  await admin
    .post(`${base}/campaigns`)
    .send({ campaignCode: 'K6E', parcours: 'Parcours 6e', openedOn: '2024-10-01' })
    .expect(201);
  await admin
    .post(`${base}/completions`)
    .send({ campaignCode: 'K6E', pupilId: 'p6', ...PUPIL_6E, completedOn: '2024-11-05', score: 80 })
    .expect(201);
  await admin
    .post(`${base}/outcomes`)
    .send({ pupilId: 'p6', obtained: true, campaignCode: 'K6E', decidedOn: '2024-11-06' })
    .expect(200);
}

export type SessionStage =
  'scheduled' | 'enrolled' | 'started' | 'completed' | 'scored' | 'finalised' | 'published';
const STAGES: SessionStage[] = [
  'scheduled',
  'enrolled',
  'started',
  'completed',
  'scored',
  'finalised',
  'published',
];

/** A session at `uai` taken up to `stage`, with candidate `c1` (a pupil of no interest). */
export async function sessionAt(
  admin: Agent,
  sessionId: string,
  uai: string,
  stage: SessionStage,
  pupil: { ine: string; identity: object } = {
    ine: freshIne(),
    identity: { lastName: 'Martin', firstName: 'Léa', birthDate: '2007-05-02' },
  },
): Promise<void> {
  const upTo = STAGES.indexOf(stage);
  const base = `/sessions/${sessionId}`;
  const at = `${SESSION_DATE}T09:05:00+01:00`;
  await admin
    .post('/sessions')
    .send({ sessionId, uai, population: 'LYC', date: SESSION_DATE, time: '09:00' })
    .expect(201);
  const steps: [SessionStage, () => Promise<unknown>][] = [
    [
      'enrolled',
      () =>
        admin
          .post(`${base}/candidates`)
          .send({ candidateId: 'c1', ...pupil })
          .expect(201),
    ],
    ['started', () => admin.post(`${base}/candidates/c1/start`).send({ at }).expect(200)],
    ['completed', () => admin.post(`${base}/candidates/c1/complete`).send({ at }).expect(200)],
    [
      'scored',
      () => admin.post(`${base}/candidates/c1/score`).send({ result: result() }).expect(200),
    ],
    [
      'finalised',
      () => admin.post(`${base}/finalise`).send({ finalisedOn: '2025-03-21' }).expect(200),
    ],
    [
      'published',
      () => admin.post(`${base}/publish`).send({ publishedOn: '2025-04-01' }).expect(200),
    ],
  ];
  for (const [name, step] of steps) if (STAGES.indexOf(name) <= upTo) await step();
}

async function scoredSession(
  admin: Agent,
  sessionId: string,
  uai: string,
  candidateId: string,
  pupil: { ine: string; identity: object },
) {
  await sessionAt(admin, sessionId, uai, 'scheduled');
  const base = `/sessions/${sessionId}`;
  const at = `${SESSION_DATE}T09:05:00+01:00`;
  await admin
    .post(`${base}/candidates`)
    .send({ candidateId, ...pupil })
    .expect(201);
  await admin.post(`${base}/candidates/${candidateId}/start`).send({ at }).expect(200);
  await admin.post(`${base}/candidates/${candidateId}/complete`).send({ at }).expect(200);
  await admin
    .post(`${base}/candidates/${candidateId}/score`)
    .send({ result: result(Array(16).fill(4)) })
    .expect(200);
}

/** A one-row results CSV in the import's format (README "Importing results"). */
export function resultsCsv(
  rows: {
    sessionId: string;
    uai: string;
    candidateId: string;
    ine: string;
    identity: { lastName: string; firstName: string; birthDate: string };
  }[],
): string {
  const lines = [HEADER.join(';')];
  for (const row of rows) {
    const cells: Record<string, string> = {
      'Numéro de certification': row.candidateId,
      Prénom: row.identity.firstName,
      Nom: row.identity.lastName,
      'Date de naissance': row.identity.birthDate.split('-').reverse().join('/'),
      INE: row.ine,
      Statut: 'Validée',
      'Nombre de Pix': '256',
      Session: row.sessionId,
      'Centre de certification': `Centre ${row.uai}`,
      'Date de passage de la certification': SESSION_DATE.split('-').reverse().join('/'),
      UAI: row.uai,
      Population: 'LYC',
      Format: 'v3',
      'Niveau maximal atteignable': '7',
      'Score maximal atteignable': '895',
      'Code de vérification': 'P-AB12CD34',
      'Date de publication': '',
    };
    for (const code of COMPETENCE_CODES) cells[code] = '2';
    lines.push(HEADER.map((column) => cells[column] ?? '').join(';'));
  }
  return `${lines.join('\n')}\n`;
}
