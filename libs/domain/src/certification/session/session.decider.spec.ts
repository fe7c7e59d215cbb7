import { COMPETENCE_CODES } from '../reference/competences';
import { specFor } from '../testing/given-when-then';
import type { CertificationResult } from './certification-result';
import { decideInSequence, inSequence } from './decide-in-sequence';
import { type SessionCommand, sessionDecider } from './session.decider';
import type { SessionEvent } from './session.events';
import { evolveSession, initialSessionState } from './session.state';

const given = specFor(sessionDecider);
const ids = { sessionId: 'S1', candidateId: 'c1' };
const AT = '2025-03-20T09:00:00+01:00';

const facts = {
  sessionId: 'S1',
  uai: '0510001Z',
  population: 'LYC',
  date: '2025-03-20',
  time: '09:00',
} as const;
const schedule: SessionCommand = {
  type: 'ScheduleSession',
  ...facts,
  establishmentRegistered: true,
};
const identity = { lastName: 'Martin', firstName: 'Léa', birthDate: '2007-05-02' };
const enrol: SessionCommand = {
  type: 'EnrolCandidate',
  candidateId: 'c1',
  ine: '123456789AB',
  identity,
};

const scheduled: SessionEvent = { type: 'SessionScheduled', data: { ...facts } };
const enrolled: SessionEvent = {
  type: 'CandidateEnrolled',
  data: { ...ids, ine: '123456789AB', identity },
};
const enrolled2: SessionEvent = {
  type: 'CandidateEnrolled',
  data: {
    sessionId: 'S1',
    candidateId: 'c2',
    ine: '0494004062M',
    identity: { ...identity, firstName: 'Tom' },
  },
};
const started: SessionEvent = { type: 'CertificationStarted', data: { ...ids, startedAt: AT } };
const started2: SessionEvent = {
  type: 'CertificationStarted',
  data: { sessionId: 'S1', candidateId: 'c2', startedAt: AT },
};
const completed: SessionEvent = {
  type: 'CertificationCompleted',
  data: { ...ids, completedAt: AT },
};
const finalised: SessionEvent = {
  type: 'SessionFinalised',
  data: {
    sessionId: 'S1',
    finalisedOn: '2025-03-21',
    abortReasons: [],
    examinerGlobalComment: null,
    hasIncident: false,
    hasJoiningIssue: false,
  },
};

function result(
  levels: number[] = Array(16).fill(2),
  overrides: Partial<CertificationResult> = {},
): CertificationResult {
  return {
    status: 'validated',
    pixScore: 256,
    format: 'v3',
    competences: COMPETENCE_CODES.map((code, i) => ({
      code,
      level: levels[i],
      score: levels[i] * 8,
    })),
    maxReachableLevel: 7,
    maxReachableScore: 895,
    verificationCode: 'P-AB12CD34',
    ...overrides,
  };
}
const scored: SessionEvent = {
  type: 'CertificationScored',
  data: { ...ids, version: 1, result: result(), origin: 'pix', publishedOn: null },
};
const published: SessionEvent = {
  type: 'SessionResultsPublished',
  data: { sessionId: 'S1', publishedOn: '2025-03-25' },
};
const ready = [scheduled, enrolled, started, completed] as const;

describe('session decider', () => {
  describe('ScheduleSession', () => {
    it('records the session', () => given().when(schedule).then([scheduled]));
    it('is a no-op when scheduled again identically', () =>
      given(scheduled).when(schedule).thenNothing());
    it('refuses to reschedule with other details', () =>
      given(scheduled)
        .when({ ...schedule, date: '2025-03-21' })
        .thenRejects('conflict', 'sessionId'));
    it('refuses a bad session id', () =>
      given()
        .when({ ...schedule, sessionId: 'a b' })
        .thenRejects('invalid', 'sessionId'));
    it('refuses a bad UAI check letter', () =>
      given()
        .when({ ...schedule, uai: '0510001A' })
        .thenRejects('invalid', 'uai', /check letter/));
    it('refuses an unregistered establishment', () =>
      given()
        .when({ ...schedule, establishmentRegistered: false })
        .thenRejects('invalid', 'uai', /no establishment/));
    it('refuses another population', () =>
      given()
        .when({ ...schedule, population: '6E' as never })
        .thenRejects('invalid', 'population'));
    it('refuses a date that is not a date', () =>
      given()
        .when({ ...schedule, date: '2025-02-30' })
        .thenRejects('invalid', 'date'));
    it('refuses a time that is not a time', () =>
      given()
        .when({ ...schedule, time: '9h' })
        .thenRejects('invalid', 'time'));
  });

  describe('EnrolCandidate', () => {
    it('records the candidate with the identity apart', () =>
      given(scheduled).when(enrol).then([enrolled]));
    it('is a no-op when enrolled again identically', () =>
      given(scheduled, enrolled).when(enrol).thenNothing());
    it('refuses an unscheduled session', () =>
      given().when(enrol).thenRejects('not_found', undefined));
    it('refuses a finalised session', () =>
      given(...ready, finalised)
        .when({ ...enrol, candidateId: 'c9', ine: '1234A12345K' })
        .thenRejects('conflict', undefined));
    it('refuses a bad candidate id', () =>
      given(scheduled)
        .when({ ...enrol, candidateId: '' })
        .thenRejects('invalid', 'candidateId'));
    it('refuses a bad INE', () =>
      given(scheduled)
        .when({ ...enrol, ine: '12345' })
        .thenRejects('invalid', 'ine'));
    it('refuses an empty last name', () =>
      given(scheduled)
        .when({ ...enrol, identity: { ...identity, lastName: '' } })
        .thenRejects('invalid', 'identity.lastName'));
    it('refuses an empty first name', () =>
      given(scheduled)
        .when({ ...enrol, identity: { ...identity, firstName: ' ' } })
        .thenRejects('invalid', 'identity.firstName'));
    it('refuses a birth date that is not a date', () =>
      given(scheduled)
        .when({ ...enrol, identity: { ...identity, birthDate: '02/05/2007' } })
        .thenRejects('invalid', 'identity.birthDate'));
    it('refuses a birth date after the session', () =>
      given(scheduled)
        .when({ ...enrol, identity: { ...identity, birthDate: '2026-01-01' } })
        .thenRejects('invalid', 'identity.birthDate'));
    it('refuses the same id with other details', () =>
      given(scheduled, enrolled)
        .when({ ...enrol, ine: '0494004062M' })
        .thenRejects('conflict', 'candidateId'));
    it('refuses the same INE twice in a session', () =>
      given(scheduled, enrolled)
        .when({ ...enrol, candidateId: 'c2' })
        .thenRejects('conflict', 'ine'));
  });

  describe('the test: start, complete, abort, end by invigilator', () => {
    const start: SessionCommand = { type: 'StartCertification', candidateId: 'c1', at: AT };
    it('starts', () => given(scheduled, enrolled).when(start).then([started]));
    it('refuses to start twice', () =>
      given(scheduled, enrolled, started).when(start).thenRejects('conflict', 'candidateId'));
    it('refuses an unknown candidate', () =>
      given(scheduled).when(start).thenRejects('not_found', 'candidateId'));
    it('refuses an instant that is not one', () =>
      given(scheduled, enrolled)
        .when({ ...start, at: '2025-03-20' })
        .thenRejects('invalid', 'at'));
    it('refuses after finalisation', () =>
      given(...ready, enrolled2, finalised)
        .when({ ...start, candidateId: 'c2' })
        .thenRejects('conflict', undefined));

    const complete: SessionCommand = { type: 'CompleteCertification', candidateId: 'c1', at: AT };
    it('completes a started test', () =>
      given(scheduled, enrolled, started).when(complete).then([completed]));
    it('refuses to complete a test not started', () =>
      given(scheduled, enrolled).when(complete).thenRejects('conflict', 'candidateId'));
    it('refuses a completion instant that is not one', () =>
      given(scheduled, enrolled, started)
        .when({ ...complete, at: 'now' })
        .thenRejects('invalid', 'at'));

    const abort: SessionCommand = {
      type: 'AbortCertification',
      candidateId: 'c1',
      reason: 'technical',
      at: AT,
    };
    it('aborts with a reason', () =>
      given(scheduled, enrolled, started)
        .when(abort)
        .then([
          { type: 'CertificationAborted', data: { ...ids, reason: 'technical', abortedAt: AT } },
        ]));
    it('refuses an unknown reason', () =>
      given(scheduled, enrolled, started)
        .when({ ...abort, reason: 'weather' as never })
        .thenRejects('invalid', 'reason'));
    it('refuses to abort a completed test', () =>
      given(...ready)
        .when(abort)
        .thenRejects('conflict', 'candidateId'));
    it('refuses an abort instant that is not one', () =>
      given(scheduled, enrolled, started)
        .when({ ...abort, at: '' })
        .thenRejects('invalid', 'at'));

    const end: SessionCommand = {
      type: 'EndCertificationByInvigilator',
      candidateId: 'c1',
      at: AT,
    };
    it('ends a test by the invigilator', () =>
      given(scheduled, enrolled, started)
        .when(end)
        .then([{ type: 'CertificationEndedByInvigilator', data: { ...ids, endedAt: AT } }]));
    it('refuses to end a test not running', () =>
      given(...ready)
        .when(end)
        .thenRejects('conflict', 'candidateId'));
    it('refuses an end instant that is not one', () =>
      given(scheduled, enrolled, started)
        .when({ ...end, at: 'x' })
        .thenRejects('invalid', 'at'));
  });

  describe('ReportIssue', () => {
    const report: SessionCommand = {
      type: 'ReportIssue',
      candidateId: 'c1',
      category: 'TECHNICAL_PROBLEM',
      description: 'Wi-Fi',
    };
    it('records the issue', () =>
      given(scheduled, enrolled)
        .when(report)
        .then([
          {
            type: 'CertificationIssueReported',
            data: {
              sessionId: 'S1',
              candidateId: 'c1',
              category: 'TECHNICAL_PROBLEM',
              description: 'Wi-Fi',
            },
          },
        ]));
    it('refuses an unknown category', () =>
      given(scheduled, enrolled)
        .when({ ...report, category: 'RAIN' as never })
        .thenRejects('invalid', 'category'));
    it('refuses an unknown candidate', () =>
      given(scheduled).when(report).thenRejects('not_found', 'candidateId'));
    it('refuses an empty description', () =>
      given(scheduled, enrolled)
        .when({ ...report, description: '' })
        .thenRejects('invalid', 'description'));
    it('refuses after finalisation', () =>
      given(...ready, finalised)
        .when(report)
        .thenRejects('conflict', undefined));
  });

  describe('FinaliseSession', () => {
    const finalise: Extract<SessionCommand, { type: 'FinaliseSession' }> = {
      type: 'FinaliseSession',
      finalisedOn: '2025-03-21',
      abortReasons: [],
      examinerGlobalComment: null,
      hasIncident: false,
      hasJoiningIssue: false,
    };
    it('records the finalisation', () =>
      given(...ready)
        .when(finalise)
        .then([finalised]));
    it('gives unfinished tests their abort reason', () =>
      given(...ready, enrolled2, started2)
        .when({ ...finalise, abortReasons: [{ candidateId: 'c2', reason: 'candidate' }] })
        .then([
          {
            type: 'SessionFinalised',
            data: {
              ...finalised.data,
              abortReasons: [{ candidateId: 'c2', reason: 'candidate' }],
            } as never,
          },
        ]));
    it('refuses an unfinished test without abort reason', () =>
      given(...ready, enrolled2, started2)
        .when(finalise)
        .thenRejects('invalid', 'abortReasons', /c2/));
    it('refuses a test ended by the invigilator without abort reason', () =>
      given(...ready, enrolled2, started2, {
        type: 'CertificationEndedByInvigilator',
        data: { sessionId: 'S1', candidateId: 'c2', endedAt: AT },
      })
        .when(finalise)
        .thenRejects('invalid', 'abortReasons'));
    it('refuses an abort reason for a completed test', () =>
      given(...ready)
        .when({ ...finalise, abortReasons: [{ candidateId: 'c1', reason: 'technical' }] })
        .thenRejects('invalid', 'abortReasons[0].candidateId', /completed/));
    it('refuses an abort reason for a candidate who never started', () =>
      given(...ready, enrolled2)
        .when({ ...finalise, abortReasons: [{ candidateId: 'c2', reason: 'technical' }] })
        .thenRejects('invalid', 'abortReasons[0].candidateId', /never started/));
    it('refuses an abort reason for an unknown candidate', () =>
      given(...ready)
        .when({ ...finalise, abortReasons: [{ candidateId: 'zz', reason: 'technical' }] })
        .thenRejects('invalid', 'abortReasons[0].candidateId'));
    it('refuses an unknown abort reason', () =>
      given(...ready, enrolled2, started2)
        .when({ ...finalise, abortReasons: [{ candidateId: 'c2', reason: 'meh' as never }] })
        .thenRejects('invalid', 'abortReasons[0].reason'));
    it('refuses a candidate listed twice', () =>
      given(...ready, enrolled2, started2)
        .when({
          ...finalise,
          abortReasons: [
            { candidateId: 'c2', reason: 'candidate' },
            { candidateId: 'c2', reason: 'technical' },
          ],
        })
        .thenRejects('invalid', 'abortReasons[1].candidateId'));
    it('refuses a session where no test started', () =>
      given(scheduled, enrolled)
        .when(finalise)
        .thenRejects('conflict', undefined, /no certification test/));
    it('refuses an unscheduled session', () =>
      given().when(finalise).thenRejects('not_found', undefined));
    it('refuses to finalise twice', () =>
      given(...ready, finalised)
        .when(finalise)
        .thenRejects('conflict', undefined));
    it('refuses a day that is not a date', () =>
      given(...ready)
        .when({ ...finalise, finalisedOn: '2025-13-01' })
        .thenRejects('invalid', 'finalisedOn'));
    it('refuses a day before the session', () =>
      given(...ready)
        .when({ ...finalise, finalisedOn: '2025-03-19' })
        .thenRejects('invalid', 'finalisedOn'));
    it('refuses an empty examiner comment', () =>
      given(...ready)
        .when({ ...finalise, examinerGlobalComment: '' })
        .thenRejects('invalid', 'examinerGlobalComment'));
    it('accepts a finalisation after a deadline: lateness is a compliance flag, not a refusal', () =>
      given(...ready)
        .when({ ...finalise, finalisedOn: '2025-04-02' })
        .then([
          {
            type: 'SessionFinalised',
            data: { ...finalised.data, finalisedOn: '2025-04-02' },
          } as SessionEvent,
        ]));
  });

  describe('UnfinaliseSession', () => {
    const unfinalise: SessionCommand = { type: 'UnfinaliseSession', reason: 'missing signalement' };
    it('reopens a finalised session', () =>
      given(...ready, finalised)
        .when(unfinalise)
        .then([
          { type: 'SessionUnfinalised', data: { sessionId: 'S1', reason: 'missing signalement' } },
        ]));
    it('refuses a session not finalised', () =>
      given(...ready)
        .when(unfinalise)
        .thenRejects('conflict', undefined));
    it('refuses a published session', () =>
      given(...ready, scored, finalised, published)
        .when(unfinalise)
        .thenRejects('conflict', undefined, /unpublished first/));
    it('refuses an empty reason', () =>
      given(...ready, finalised)
        .when({ ...unfinalise, reason: '' })
        .thenRejects('invalid', 'reason'));
    it('refuses an unscheduled session', () =>
      given().when(unfinalise).thenRejects('not_found', undefined));
  });

  describe('ScoreCertification', () => {
    const score: SessionCommand = {
      type: 'ScoreCertification',
      candidateId: 'c1',
      result: result(),
    };
    it('records version 1', () =>
      given(...ready)
        .when(score)
        .then([scored]));
    it('refuses a competence level of 9, naming the competence', () => {
      const levels = Array(16).fill(2);
      levels[1] = 9;
      given(...ready)
        .when({ ...score, result: result(levels) })
        .thenRejects('invalid', 'result.competences[1.2].level', /from -1 to 8/);
    });
    it('refuses a competence score above 64', () => {
      const bad = result();
      bad.competences[0] = { code: '1.1', level: 2, score: 65 };
      given(...ready)
        .when({ ...score, result: bad })
        .thenRejects('invalid', 'result.competences[1.1].score');
    });
    it('refuses 15 competences', () =>
      given(...ready)
        .when({ ...score, result: { ...result(), competences: result().competences.slice(1) } })
        .thenRejects('invalid', 'result.competences'));
    it('refuses an unknown status', () =>
      given(...ready)
        .when({ ...score, result: result(undefined, { status: 'passed' as never }) })
        .thenRejects('invalid', 'result.status'));
    it('refuses an unknown format', () =>
      given(...ready)
        .when({ ...score, result: result(undefined, { format: 'v4' as never }) })
        .thenRejects('invalid', 'result.format'));
    it('refuses a score above the reachable maximum', () =>
      given(...ready)
        .when({ ...score, result: result(undefined, { pixScore: 900 }) })
        .thenRejects('invalid', 'result.pixScore'));
    it('refuses a test still running', () =>
      given(scheduled, enrolled, started).when(score).thenRejects('conflict', 'candidateId'));
    it('refuses a second score', () =>
      given(...ready, scored)
        .when(score)
        .thenRejects('conflict', 'candidateId', /rescoring/));
    it('refuses an unknown candidate', () =>
      given(scheduled).when(score).thenRejects('not_found', 'candidateId'));
    it('scores a test that ended with the finalisation', () =>
      given(scheduled, enrolled, started, {
        ...finalised,
        data: { ...finalised.data, abortReasons: [{ candidateId: 'c1', reason: 'technical' }] },
      } as SessionEvent)
        .when(score)
        .then([scored]));
  });

  describe('RescoreCertification and CancelCertification (versions)', () => {
    const better = result(Array(16).fill(3), { pixScore: 384 });
    const rescore: SessionCommand = {
      type: 'RescoreCertification',
      candidateId: 'c1',
      result: better,
      reason: 'neutralisation',
    };
    const rescored: SessionEvent = {
      type: 'CertificationRescored',
      data: { ...ids, version: 2, result: better, reason: 'neutralisation' },
    };
    it('records version 2 after publication, keeping version 1', () => {
      given(...ready, scored, finalised, published)
        .when(rescore)
        .then([rescored]);
      const state = [...ready, scored, finalised, published, rescored].reduce(
        evolveSession,
        initialSessionState,
      );
      expect(state.candidates.c1.results.map((r) => [r.version, r.result.pixScore])).toEqual([
        [1, 256],
        [2, 384],
      ]);
    });
    it('is a no-op when the values are the same', () =>
      given(...ready, scored)
        .when({ ...rescore, result: result() })
        .thenNothing());
    it('refuses a candidate never scored', () =>
      given(...ready)
        .when(rescore)
        .thenRejects('conflict', 'candidateId'));
    it('refuses an empty reason', () =>
      given(...ready, scored)
        .when({ ...rescore, reason: '' })
        .thenRejects('invalid', 'reason'));
    it('refuses an invalid result', () =>
      given(...ready, scored)
        .when({ ...rescore, result: result(Array(16).fill(-2)) })
        .thenRejects('invalid', 'result.competences[1.1].level'));

    const cancel: SessionCommand = {
      type: 'CancelCertification',
      candidateId: 'c1',
      reason: 'fraude',
    };
    const cancelled: SessionEvent = {
      type: 'CertificationCancelled',
      data: { ...ids, version: 2, reason: 'fraude' },
    };
    it('cancels as a new version with status cancelled', () => {
      given(...ready, scored, finalised, published)
        .when(cancel)
        .then([cancelled]);
      const state = [...ready, scored, cancelled].reduce(evolveSession, initialSessionState);
      expect(state.candidates.c1.results.map((r) => r.result.status)).toEqual([
        'validated',
        'cancelled',
      ]);
    });
    it('is a no-op when already cancelled', () =>
      given(...ready, scored, cancelled)
        .when(cancel)
        .thenNothing());
    it('refuses a candidate never scored', () =>
      given(...ready)
        .when(cancel)
        .thenRejects('conflict', 'candidateId'));
    it('refuses an empty reason', () =>
      given(...ready, scored)
        .when({ ...cancel, reason: ' ' })
        .thenRejects('invalid', 'reason'));
  });

  describe('PublishResults, UnpublishResults, TransmitResults', () => {
    const publish: SessionCommand = { type: 'PublishResults', publishedOn: '2025-03-25' };
    it('publishes a finalised session whose tests all have a result', () =>
      given(...ready, scored, finalised)
        .when(publish)
        .then([published]));
    it('refuses a session not finalised', () =>
      given(...ready, scored)
        .when(publish)
        .thenRejects('conflict', undefined));
    it('refuses to publish twice', () =>
      given(...ready, scored, finalised, published)
        .when(publish)
        .thenRejects('conflict', undefined));
    it('refuses a started test without result', () =>
      given(...ready, finalised)
        .when(publish)
        .thenRejects('conflict', undefined, /no result/));
    it('refuses a result in error', () =>
      given(
        ...ready,
        {
          ...scored,
          data: { ...scored.data, result: result(undefined, { status: 'error' }) },
        } as SessionEvent,
        finalised,
      )
        .when(publish)
        .thenRejects('conflict', undefined, /in error/));
    it('refuses a day before the finalisation', () =>
      given(...ready, scored, finalised)
        .when({ ...publish, publishedOn: '2025-03-20' })
        .thenRejects('invalid', 'publishedOn'));
    it('refuses a day that is not a date', () =>
      given(...ready, scored, finalised)
        .when({ ...publish, publishedOn: 'soon' })
        .thenRejects('invalid', 'publishedOn'));

    const unpublish: SessionCommand = { type: 'UnpublishResults', reason: 'erreur de jury' };
    it('unpublishes', () =>
      given(...ready, scored, finalised, published)
        .when(unpublish)
        .then([
          {
            type: 'SessionResultsUnpublished',
            data: { sessionId: 'S1', reason: 'erreur de jury' },
          },
        ]));
    it('refuses unpublished results', () =>
      given(...ready, scored, finalised)
        .when(unpublish)
        .thenRejects('conflict', undefined));
    it('refuses an empty reason', () =>
      given(...ready, scored, finalised, published)
        .when({ ...unpublish, reason: '' })
        .thenRejects('invalid', 'reason'));

    const transmit: SessionCommand = {
      type: 'TransmitResults',
      channel: 'Parcoursup',
      transmittedOn: '2025-04-08',
    };
    it('transmits published LYC results to Parcoursup', () =>
      given(...ready, scored, finalised, published)
        .when(transmit)
        .then([
          {
            type: 'SessionResultsTransmitted',
            data: { sessionId: 'S1', channel: 'Parcoursup', transmittedOn: '2025-04-08' },
          },
        ]));
    it('refuses LSU for a LYC session', () =>
      given(...ready, scored, finalised, published)
        .when({ ...transmit, channel: 'LSU' })
        .thenRejects('invalid', 'channel'));
    it('refuses an unknown channel', () =>
      given(...ready, scored, finalised, published)
        .when({ ...transmit, channel: 'ENT' as never })
        .thenRejects('invalid', 'channel'));
    it('refuses unpublished results', () =>
      given(...ready, scored, finalised)
        .when(transmit)
        .thenRejects('conflict', undefined));
    it('refuses a day before publication', () =>
      given(...ready, scored, finalised, published)
        .when({ ...transmit, transmittedOn: '2025-03-01' })
        .thenRejects('invalid', 'transmittedOn'));
  });

  describe('RecordImportedResult (one row of a Pix Certif export)', () => {
    const row: Extract<SessionCommand, { type: 'RecordImportedResult' }> = {
      type: 'RecordImportedResult',
      session: { ...facts },
      candidateId: 'c1',
      ine: '123456789AB',
      identity,
      result: result(),
      publishedOn: '2025-03-25',
      establishmentRegistered: true,
    };
    const importedScore: SessionEvent = {
      type: 'CertificationScored',
      data: { ...ids, version: 1, result: result(), origin: 'import', publishedOn: '2025-03-25' },
    };
    it('records the session, the candidate and the result when all are new', () =>
      given().when(row).then([scheduled, enrolled, importedScore]));
    it('records nothing for the same row again', () =>
      given(scheduled, enrolled, importedScore).when(row).thenNothing());
    it('records a new version when the row changed', () =>
      given(scheduled, enrolled, importedScore)
        .when({ ...row, result: result(undefined, { pixScore: 300 }) })
        .then([
          {
            type: 'CertificationRescored',
            data: {
              ...ids,
              version: 2,
              result: result(undefined, { pixScore: 300 }),
              reason: 'imported again with other values',
            },
          },
        ]));
    it('finds an enrolled pupil by INE', () =>
      given(scheduled, enrolled)
        .when({ ...row, candidateId: 'other' })
        .then([importedScore]));
    it('refuses a session recorded with other details', () =>
      given(scheduled)
        .when({ ...row, session: { ...facts, date: '2025-03-21' } })
        .thenRejects('conflict', 'sessionId'));
    it('matches a session whose time the export does not give', () =>
      given(scheduled, enrolled, importedScore)
        .when({ ...row, session: { ...facts, time: null } })
        .thenNothing());
    it('records a session without time from an export', () =>
      given()
        .when({ ...row, session: { ...facts, time: null } })
        .then([
          { type: 'SessionScheduled', data: { ...facts, time: null } },
          enrolled,
          importedScore,
        ]));
    it('refuses another identity for the same INE', () =>
      given(scheduled, enrolled)
        .when({ ...row, identity: { ...identity, lastName: 'Dupont' } })
        .thenRejects('conflict', 'identity'));
    it('refuses a bad INE', () =>
      given()
        .when({ ...row, ine: 'ABC' })
        .thenRejects('invalid', 'ine'));
    it('refuses a bad UAI', () =>
      given()
        .when({ ...row, session: { ...facts, uai: '0510001Y' } })
        .thenRejects('invalid', 'uai'));
    it('refuses an unregistered establishment', () =>
      given()
        .when({ ...row, establishmentRegistered: false })
        .thenRejects('invalid', 'uai'));
    it('refuses a level of 9', () =>
      given()
        .when({ ...row, result: result([9, ...Array(15).fill(1)]) })
        .thenRejects('invalid', 'result.competences[1.1].level'));
    it('refuses a publication day that is not a date', () =>
      given()
        .when({ ...row, publishedOn: '31/02/2025' })
        .thenRejects('invalid', 'publishedOn'));
    it('refuses a new candidate in a finalised session', () =>
      given(...ready, finalised)
        .when({ ...row, candidateId: 'c5', ine: '1234A12345K' })
        .thenRejects('conflict', undefined, /finalised/));
  });

  describe('decideInSequence / inSequence', () => {
    const row = (candidateId: string, ine: string): SessionCommand => ({
      type: 'RecordImportedResult',
      session: { ...facts },
      candidateId,
      ine,
      identity,
      result: result(),
      publishedOn: null,
      establishmentRegistered: true,
    });
    it('plans a group: each command sees the ones before, refusals are set aside', () => {
      const outcome = decideInSequence(sessionDecider, initialSessionState, [
        row('c1', '123456789AB'),
        row('c2', 'bad'),
        row('c3', '0494004062M'),
      ]);
      expect(outcome.accepted).toEqual([0, 2]);
      expect(outcome.unchanged).toEqual([]);
      const again = decideInSequence(
        sessionDecider,
        outcome.events.reduce(evolveSession, initialSessionState),
        [row('c1', '123456789AB')],
      );
      expect(again).toMatchObject({ events: [], accepted: [0], unchanged: [0] });
      expect(outcome.rejected.map((r) => [r.index, r.error.field])).toEqual([[1, 'ine']]);
      // One SessionScheduled for the group, then enrolment and score per accepted row.
      expect(outcome.events.map((e) => e.type)).toEqual([
        'SessionScheduled',
        'CandidateEnrolled',
        'CertificationScored',
        'CandidateEnrolled',
        'CertificationScored',
      ]);
    });
    it('inSequence refuses the whole list on one refusal', () => {
      expect(() =>
        inSequence(sessionDecider).decide(
          [row('c1', '123456789AB'), row('c2', 'bad')],
          initialSessionState,
        ),
      ).toThrow(/ine/);
    });
  });
});
