import {
  ATTESTATION6E_CATEGORY,
  type Attestation6eEvent,
  ESTABLISHMENT_CATEGORY,
  type EstablishmentEvent,
  SESSION_CATEGORY,
  type SessionEvent,
} from '@pix-ledger/domain';
import type { RecordedEvent } from '@pix-ledger/event-store';
import type { Projection } from '../projection';
import type { SqlExecutor } from '../read-model-store';

/**
 * The certification facts, per school year, ready for the per-year views. Every row keeps the
 * knowledge time of the event that wrote it (`known_at`, ms: metadata.knownFrom, else
 * recordedAt), and facts that change (finalisation, publication, result versions, 6e outcomes)
 * are kept as successive rows, so a `knownAt` query sees the year as the registry knew it then.
 * Compliance is not stored: it depends on the rules in force, evaluated at query time.
 * No INE and no identity here: the views are aggregates; personal data stays in the log.
 */
export const CERTIFICATION_TABLES = [
  'cert_establishments',
  'cert_academie_memberships',
  'cert_sessions',
  'cert_session_steps',
  'cert_candidates',
  'cert_results',
  'cert_6e_campaigns',
  'cert_6e_completions',
  'cert_6e_outcomes',
] as const;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS cert_establishments (
    uai TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, sector TEXT NOT NULL, known_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS cert_academie_memberships (
    uai TEXT NOT NULL, position INTEGER NOT NULL, academie TEXT NOT NULL, since TEXT, known_at INTEGER NOT NULL,
    PRIMARY KEY (uai, position))`,
  `CREATE TABLE IF NOT EXISTS cert_sessions (
    session_id TEXT PRIMARY KEY, school_year TEXT NOT NULL, uai TEXT NOT NULL, population TEXT NOT NULL,
    session_date TEXT NOT NULL, session_time TEXT, known_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS cert_sessions_year ON cert_sessions (school_year, uai)`,
  `CREATE TABLE IF NOT EXISTS cert_session_steps (
    position INTEGER PRIMARY KEY, session_id TEXT NOT NULL, school_year TEXT NOT NULL, step TEXT NOT NULL,
    on_date TEXT, detail TEXT, known_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS cert_session_steps_year ON cert_session_steps (school_year, session_id)`,
  `CREATE TABLE IF NOT EXISTS cert_candidates (
    session_id TEXT NOT NULL, candidate_id TEXT NOT NULL, school_year TEXT NOT NULL, exam TEXT NOT NULL,
    abort_reason TEXT, known_at INTEGER NOT NULL, PRIMARY KEY (session_id, candidate_id))`,
  `CREATE INDEX IF NOT EXISTS cert_candidates_year ON cert_candidates (school_year)`,
  `CREATE TABLE IF NOT EXISTS cert_results (
    session_id TEXT NOT NULL, candidate_id TEXT NOT NULL, version INTEGER NOT NULL, school_year TEXT NOT NULL,
    kind TEXT NOT NULL, reason TEXT, origin TEXT NOT NULL, status TEXT NOT NULL, pix_score INTEGER NOT NULL,
    format TEXT NOT NULL, competences TEXT NOT NULL, max_level INTEGER NOT NULL, max_score INTEGER NOT NULL,
    verification_code TEXT, published_on TEXT, known_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, candidate_id, version))`,
  `CREATE INDEX IF NOT EXISTS cert_results_year ON cert_results (school_year, session_id)`,
  `CREATE TABLE IF NOT EXISTS cert_6e_campaigns (
    uai TEXT NOT NULL, school_year TEXT NOT NULL, campaign_code TEXT NOT NULL, parcours TEXT NOT NULL,
    opened_on TEXT NOT NULL, known_at INTEGER NOT NULL, PRIMARY KEY (uai, school_year, campaign_code))`,
  `CREATE TABLE IF NOT EXISTS cert_6e_completions (
    uai TEXT NOT NULL, school_year TEXT NOT NULL, pupil_id TEXT NOT NULL, campaign_code TEXT NOT NULL,
    completed_on TEXT NOT NULL, score REAL, known_at INTEGER NOT NULL,
    PRIMARY KEY (uai, school_year, pupil_id, campaign_code))`,
  `CREATE TABLE IF NOT EXISTS cert_6e_outcomes (
    position INTEGER PRIMARY KEY, uai TEXT NOT NULL, school_year TEXT NOT NULL, pupil_id TEXT NOT NULL,
    campaign_code TEXT NOT NULL, obtained INTEGER NOT NULL, decided_on TEXT NOT NULL, known_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS cert_6e_outcomes_year ON cert_6e_outcomes (school_year, uai)`,
];

/** When the registry learnt the event: the backfilled source date, else its recording. */
export function knownAtOf(event: RecordedEvent): number {
  const from = (event.metadata.knownFrom as string | undefined) ?? event.metadata.recordedAt;
  return Date.parse(from);
}

const schoolYearOf = (event: RecordedEvent) => event.metadata.schoolYear ?? '';

async function applyEstablishment(
  tx: SqlExecutor,
  event: EstablishmentEvent,
  recorded: RecordedEvent,
) {
  const knownAt = knownAtOf(recorded);
  switch (event.type) {
    case 'EstablishmentRegistered': {
      const { uai, name, type, sector, academie, academieSince } = event.data;
      await tx.run(
        `INSERT INTO cert_establishments (uai, name, type, sector, known_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (uai) DO NOTHING`,
        [uai, name, type, sector, knownAt],
      );
      await tx.run(
        `INSERT INTO cert_academie_memberships (uai, position, academie, since, known_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (uai, position) DO NOTHING`,
        [uai, recorded.position, academie, academieSince, knownAt],
      );
      return;
    }
    case 'EstablishmentAcademieChanged':
      await tx.run(
        `INSERT INTO cert_academie_memberships (uai, position, academie, since, known_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (uai, position) DO NOTHING`,
        [event.data.uai, recorded.position, event.data.academie, event.data.since, knownAt],
      );
      return;
    case 'EstablishmentRenamed':
      await tx.run('UPDATE cert_establishments SET name = ? WHERE uai = ?', [
        event.data.name,
        event.data.uai,
      ]);
      return;
  }
}

async function setExam(
  tx: SqlExecutor,
  sessionId: string,
  candidateId: string,
  exam: string,
  abortReason?: string,
) {
  await tx.run(
    `UPDATE cert_candidates SET exam = ?, abort_reason = COALESCE(?, abort_reason)
     WHERE session_id = ? AND candidate_id = ?`,
    [exam, abortReason ?? null, sessionId, candidateId],
  );
}

async function addStep(
  tx: SqlExecutor,
  recorded: RecordedEvent,
  step: string,
  onDate: string | null,
  detail: string | null,
) {
  await tx.run(
    `INSERT INTO cert_session_steps (position, session_id, school_year, step, on_date, detail, known_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING`,
    [
      recorded.position,
      (recorded.data as { sessionId: string }).sessionId,
      schoolYearOf(recorded),
      step,
      onDate,
      detail,
      knownAtOf(recorded),
    ],
  );
}

interface ResultRowInput {
  sessionId: string;
  candidateId: string;
  version: number;
  kind: string;
  reason: string | null;
  origin: string;
  publishedOn: string | null;
  result: {
    status: string;
    pixScore: number;
    format: string;
    competences: unknown;
    maxReachableLevel: number;
    maxReachableScore: number;
    verificationCode?: string;
  };
}

async function addResult(tx: SqlExecutor, recorded: RecordedEvent, row: ResultRowInput) {
  const r = row.result;
  await tx.run(
    `INSERT INTO cert_results (session_id, candidate_id, version, school_year, kind, reason, origin, status, pix_score,
       format, competences, max_level, max_score, verification_code, published_on, known_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (session_id, candidate_id, version) DO NOTHING`,
    [
      row.sessionId,
      row.candidateId,
      row.version,
      schoolYearOf(recorded),
      row.kind,
      row.reason,
      row.origin,
      r.status,
      r.pixScore,
      r.format,
      JSON.stringify(r.competences),
      r.maxReachableLevel,
      r.maxReachableScore,
      r.verificationCode ?? null,
      row.publishedOn,
      knownAtOf(recorded),
    ],
  );
}

interface StoredResult {
  origin: string;
  status: string;
  pix_score: number;
  format: string;
  competences: string;
  max_level: number;
  max_score: number;
  verification_code: string | null;
  published_on: string | null;
}

async function previousResult(tx: SqlExecutor, sessionId: string, candidateId: string) {
  return tx.get<StoredResult>(
    `SELECT origin, status, pix_score, format, competences, max_level, max_score, verification_code, published_on
     FROM cert_results WHERE session_id = ? AND candidate_id = ? ORDER BY version DESC LIMIT 1`,
    [sessionId, candidateId],
  );
}

async function applySession(tx: SqlExecutor, event: SessionEvent, recorded: RecordedEvent) {
  const year = schoolYearOf(recorded);
  const knownAt = knownAtOf(recorded);
  switch (event.type) {
    case 'SessionScheduled': {
      const { sessionId, uai, population, date, time } = event.data;
      await tx.run(
        `INSERT INTO cert_sessions (session_id, school_year, uai, population, session_date, session_time, known_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING`,
        [sessionId, year, uai, population, date, time, knownAt],
      );
      return;
    }
    case 'CandidateEnrolled':
      await tx.run(
        `INSERT INTO cert_candidates (session_id, candidate_id, school_year, exam, abort_reason, known_at)
         VALUES (?, ?, ?, 'enrolled', NULL, ?) ON CONFLICT (session_id, candidate_id) DO NOTHING`,
        [event.data.sessionId, event.data.candidateId, year, knownAt],
      );
      return;
    case 'CertificationStarted':
      return setExam(tx, event.data.sessionId, event.data.candidateId, 'started');
    case 'CertificationCompleted':
      return setExam(tx, event.data.sessionId, event.data.candidateId, 'completed');
    case 'CertificationAborted':
      return setExam(
        tx,
        event.data.sessionId,
        event.data.candidateId,
        'aborted',
        event.data.reason,
      );
    case 'CertificationEndedByInvigilator':
      return setExam(tx, event.data.sessionId, event.data.candidateId, 'endedByInvigilator');
    case 'CertificationIssueReported':
      return addStep(tx, recorded, 'issueReported', null, event.data.category);
    case 'SessionFinalised':
      for (const { candidateId, reason } of event.data.abortReasons) {
        await tx.run(
          `UPDATE cert_candidates SET abort_reason = ?,
             exam = CASE WHEN exam = 'started' THEN 'endedDueToFinalisation' ELSE exam END
           WHERE session_id = ? AND candidate_id = ?`,
          [reason, event.data.sessionId, candidateId],
        );
      }
      return addStep(tx, recorded, 'finalised', event.data.finalisedOn, null);
    case 'SessionUnfinalised':
      return addStep(tx, recorded, 'unfinalised', null, event.data.reason);
    case 'SessionResultsPublished':
      return addStep(tx, recorded, 'published', event.data.publishedOn, null);
    case 'SessionResultsUnpublished':
      return addStep(tx, recorded, 'unpublished', null, event.data.reason);
    case 'SessionResultsTransmitted':
      return addStep(tx, recorded, 'transmitted', event.data.transmittedOn, event.data.channel);
    case 'CertificationScored':
      if (event.data.origin === 'import') {
        await setExam(tx, event.data.sessionId, event.data.candidateId, 'completed');
      }
      return addResult(tx, recorded, {
        ...event.data,
        kind: 'scored',
        reason: null,
      });
    case 'CertificationRescored': {
      const previous = await previousResult(tx, event.data.sessionId, event.data.candidateId);
      return addResult(tx, recorded, {
        ...event.data,
        kind: 'rescored',
        origin: previous?.origin ?? 'pix',
        publishedOn: previous?.published_on ?? null,
      });
    }
    case 'CertificationCancelled': {
      const previous = await previousResult(tx, event.data.sessionId, event.data.candidateId);
      if (!previous) return;
      return addResult(tx, recorded, {
        sessionId: event.data.sessionId,
        candidateId: event.data.candidateId,
        version: event.data.version,
        kind: 'cancelled',
        reason: event.data.reason,
        origin: previous.origin,
        publishedOn: previous.published_on,
        result: {
          status: 'cancelled',
          pixScore: previous.pix_score,
          format: previous.format,
          competences: JSON.parse(previous.competences),
          maxReachableLevel: previous.max_level,
          maxReachableScore: previous.max_score,
          verificationCode: previous.verification_code ?? undefined,
        },
      });
    }
  }
}

async function applyAttestation(
  tx: SqlExecutor,
  event: Attestation6eEvent,
  recorded: RecordedEvent,
) {
  const knownAt = knownAtOf(recorded);
  switch (event.type) {
    case 'Attestation6eCampaignOpened': {
      const { uai, schoolYear, campaignCode, parcours, openedOn } = event.data;
      await tx.run(
        `INSERT INTO cert_6e_campaigns (uai, school_year, campaign_code, parcours, opened_on, known_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uai, school_year, campaign_code) DO NOTHING`,
        [uai, schoolYear, campaignCode, parcours, openedOn, knownAt],
      );
      return;
    }
    case 'Attestation6eParcoursCompleted': {
      const { uai, schoolYear, pupilId, campaignCode, completedOn, score } = event.data;
      await tx.run(
        `INSERT INTO cert_6e_completions (uai, school_year, pupil_id, campaign_code, completed_on, score, known_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uai, school_year, pupil_id, campaign_code) DO NOTHING`,
        [uai, schoolYear, pupilId, campaignCode, completedOn, score, knownAt],
      );
      return;
    }
    case 'Attestation6eObtained':
    case 'Attestation6eNotObtained': {
      const { uai, schoolYear, pupilId, campaignCode, decidedOn } = event.data;
      await tx.run(
        `INSERT INTO cert_6e_outcomes (position, uai, school_year, pupil_id, campaign_code, obtained, decided_on, known_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING`,
        [
          recorded.position,
          uai,
          schoolYear,
          pupilId,
          campaignCode,
          event.type === 'Attestation6eObtained' ? 1 : 0,
          decidedOn,
          knownAt,
        ],
      );
      return;
    }
  }
}

export const certificationProjection: Projection = {
  name: 'certification',
  version: 1,
  filter: { categories: [ESTABLISHMENT_CATEGORY, SESSION_CATEGORY, ATTESTATION6E_CATEGORY] },
  schema: SCHEMA,
  tables: CERTIFICATION_TABLES,
  async apply(tx, recorded) {
    const event = { type: recorded.type, data: recorded.data };
    const category = recorded.streamId.slice(0, recorded.streamId.indexOf('-'));
    if (category === ESTABLISHMENT_CATEGORY)
      return applyEstablishment(tx, event as EstablishmentEvent, recorded);
    if (category === SESSION_CATEGORY) return applySession(tx, event as SessionEvent, recorded);
    if (category === ATTESTATION6E_CATEGORY)
      return applyAttestation(tx, event as Attestation6eEvent, recorded);
  },
};
