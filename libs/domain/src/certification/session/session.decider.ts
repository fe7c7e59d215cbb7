import { CommandRejected, type Decider } from '../../shared/decider';
import { isIsoDate, type IsoDate } from '../../shared/dates';
import { ineProblem } from '../identifiers/ine';
import { uaiProblem } from '../identifiers/uai';
import { isSessionPopulation, type SessionPopulation } from '../reference/populations';
import { isClockTime, isExternalId, isIsoInstant } from '../reference/timestamps';
import {
  type CertificationResult,
  certificationResultProblem,
  sameResult,
} from './certification-result';
import {
  ABORT_REASONS,
  type AbortReason,
  type CandidateIdentity,
  ISSUE_CATEGORIES,
  type IssueCategory,
  type SessionEvent,
  TRANSMISSION_CHANNELS,
  type TransmissionChannel,
} from './session.events';
import {
  type CandidateState,
  evolveSession,
  initialSessionState,
  latestResult,
  type SessionFacts,
  type SessionState,
} from './session.state';

/** What an establishment registry tells the session about its UAI (another stream). */
export interface EstablishmentCheck {
  establishmentRegistered: boolean;
}

export type SessionCommand =
  | ({
      type: 'ScheduleSession';
      sessionId: string;
      uai: string;
      population: SessionPopulation;
      date: IsoDate;
      time: string;
    } & EstablishmentCheck)
  | { type: 'EnrolCandidate'; candidateId: string; ine: string; identity: CandidateIdentity }
  | { type: 'StartCertification'; candidateId: string; at: string }
  | { type: 'CompleteCertification'; candidateId: string; at: string }
  | { type: 'AbortCertification'; candidateId: string; reason: AbortReason; at: string }
  | { type: 'EndCertificationByInvigilator'; candidateId: string; at: string }
  | {
      type: 'ReportIssue';
      candidateId: string | null;
      category: IssueCategory;
      description: string | null;
    }
  | {
      type: 'FinaliseSession';
      finalisedOn: IsoDate;
      abortReasons: { candidateId: string; reason: AbortReason }[];
      examinerGlobalComment: string | null;
      hasIncident: boolean;
      hasJoiningIssue: boolean;
    }
  | { type: 'UnfinaliseSession'; reason: string }
  | { type: 'ScoreCertification'; candidateId: string; result: CertificationResult }
  | {
      type: 'RescoreCertification';
      candidateId: string;
      result: CertificationResult;
      reason: string;
    }
  | { type: 'CancelCertification'; candidateId: string; reason: string }
  | { type: 'PublishResults'; publishedOn: IsoDate }
  | { type: 'UnpublishResults'; reason: string }
  | { type: 'TransmitResults'; channel: TransmissionChannel; transmittedOn: IsoDate }
  | ({
      /** One row of a Pix Certif results export: the session, the candidate and the result. */
      type: 'RecordImportedResult';
      session: SessionFacts;
      candidateId: string;
      ine: string;
      identity: CandidateIdentity;
      result: CertificationResult;
      publishedOn: IsoDate | null;
    } & EstablishmentCheck);

/** Which channel serves which population: LSU is the collège livret, LSL the lycée's (§3.5). */
const CHANNEL_POPULATIONS: Record<TransmissionChannel, SessionPopulation> = {
  LSU: 'COL',
  LSL: 'LYC',
  Parcoursup: 'LYC',
};

const invalid = CommandRejected.invalid;
const conflict = CommandRejected.conflict;

function requireText(field: string, value: unknown, max = 2000): string {
  if (typeof value !== 'string' || value.trim().length === 0)
    throw invalid(field, 'must not be empty');
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  return value;
}

function requireDate(field: string, value: unknown): IsoDate {
  if (!isIsoDate(value)) throw invalid(field, 'must be a calendar date YYYY-MM-DD');
  return value;
}

function requireInstant(field: string, value: unknown): string {
  if (!isIsoInstant(value)) throw invalid(field, 'must be an ISO-8601 date-time with a time zone');
  return value;
}

function checkSessionFacts(facts: SessionFacts, check: EstablishmentCheck, prefix = ''): void {
  if (!isExternalId(facts.sessionId)) {
    throw invalid(`${prefix}sessionId`, 'must be 1 to 64 letters, digits or underscores');
  }
  const uai = uaiProblem(facts.uai);
  if (uai) throw invalid(`${prefix}uai`, uai);
  if (!check.establishmentRegistered) {
    throw invalid(`${prefix}uai`, `no establishment is registered with UAI ${facts.uai}`);
  }
  if (!isSessionPopulation(facts.population))
    throw invalid(`${prefix}population`, 'must be LYC or COL');
  requireDate(`${prefix}date`, facts.date);
  if (facts.time !== null && !isClockTime(facts.time))
    throw invalid(`${prefix}time`, 'must be a time HH:MM');
}

/** An unknown time (null) matches any time: an export does not give it. */
function compatibleFacts(recorded: SessionFacts, imported: SessionFacts): boolean {
  return (
    recorded.sessionId === imported.sessionId &&
    recorded.uai === imported.uai &&
    recorded.population === imported.population &&
    recorded.date === imported.date &&
    (recorded.time === null || imported.time === null || recorded.time === imported.time)
  );
}

function sameFacts(a: SessionFacts, b: SessionFacts): boolean {
  return (
    a.sessionId === b.sessionId &&
    a.uai === b.uai &&
    a.population === b.population &&
    a.date === b.date &&
    a.time === b.time
  );
}

function checkCandidateInput(state: SessionFacts, ine: string, identity: CandidateIdentity): void {
  const ineReason = ineProblem(ine);
  if (ineReason) throw invalid('ine', ineReason);
  if (!identity || typeof identity !== 'object') throw invalid('identity', 'is required');
  requireText('identity.lastName', identity.lastName, 200);
  requireText('identity.firstName', identity.firstName, 200);
  requireDate('identity.birthDate', identity.birthDate);
  if (identity.birthDate >= state.date)
    throw invalid('identity.birthDate', 'must be before the session date');
}

const sameIdentity = (a: CandidateIdentity, b: CandidateIdentity) =>
  a.lastName === b.lastName && a.firstName === b.firstName && a.birthDate === b.birthDate;

function scheduled(state: SessionState): SessionFacts {
  if (!state.session) throw CommandRejected.notFound('the session is not scheduled');
  return state.session;
}

/** The session accepts changes to its candidates and tests only before finalisation. */
function open(state: SessionState): SessionFacts {
  const session = scheduled(state);
  if (state.status !== 'scheduled') throw conflict(`the session is ${state.status}`);
  return session;
}

function candidateOf(state: SessionState, candidateId: string): CandidateState {
  const candidate = state.candidates[candidateId];
  if (!candidate)
    throw CommandRejected.notFound(`no candidate ${candidateId} in this session`, 'candidateId');
  return candidate;
}

const EXAM_OVER = new Set(['completed', 'aborted', 'endedByInvigilator', 'endedDueToFinalisation']);

function decide(command: SessionCommand, state: SessionState): SessionEvent[] {
  switch (command.type) {
    case 'ScheduleSession': {
      const facts: SessionFacts = {
        sessionId: command.sessionId,
        uai: command.uai,
        population: command.population,
        date: command.date,
        time: command.time,
      };
      checkSessionFacts(facts, command);
      if (state.session) {
        if (sameFacts(state.session, facts)) return [];
        throw conflict('the session is already scheduled with other details', 'sessionId');
      }
      return [{ type: 'SessionScheduled', data: facts }];
    }

    case 'EnrolCandidate': {
      const session = open(state);
      if (!isExternalId(command.candidateId)) {
        throw invalid('candidateId', 'must be 1 to 64 letters, digits or underscores');
      }
      checkCandidateInput(session, command.ine, command.identity);
      const existing = state.candidates[command.candidateId];
      if (existing) {
        if (existing.ine === command.ine && sameIdentity(existing.identity, command.identity))
          return [];
        throw conflict(
          `candidate ${command.candidateId} is already enrolled with other details`,
          'candidateId',
        );
      }
      const other = state.candidateByIne[command.ine];
      if (other) throw conflict(`this INE is already enrolled in the session as ${other}`, 'ine');
      const { lastName, firstName, birthDate } = command.identity;
      return [
        {
          type: 'CandidateEnrolled',
          data: {
            sessionId: session.sessionId,
            candidateId: command.candidateId,
            ine: command.ine,
            identity: { lastName, firstName, birthDate },
          },
        },
      ];
    }

    case 'StartCertification': {
      const session = open(state);
      const candidate = candidateOf(state, command.candidateId);
      const startedAt = requireInstant('at', command.at);
      if (candidate.exam !== 'enrolled')
        throw conflict(`the test is already ${candidate.exam}`, 'candidateId');
      return [
        {
          type: 'CertificationStarted',
          data: { sessionId: session.sessionId, candidateId: candidate.candidateId, startedAt },
        },
      ];
    }

    case 'CompleteCertification': {
      const session = open(state);
      const candidate = candidateOf(state, command.candidateId);
      const completedAt = requireInstant('at', command.at);
      if (candidate.exam !== 'started')
        throw conflict(`the test is ${candidate.exam}, not started`, 'candidateId');
      return [
        {
          type: 'CertificationCompleted',
          data: { sessionId: session.sessionId, candidateId: candidate.candidateId, completedAt },
        },
      ];
    }

    case 'AbortCertification': {
      const session = open(state);
      const candidate = candidateOf(state, command.candidateId);
      if (!ABORT_REASONS.includes(command.reason))
        throw invalid('reason', 'must be candidate or technical');
      const abortedAt = requireInstant('at', command.at);
      if (candidate.exam !== 'started' && candidate.exam !== 'endedByInvigilator') {
        throw conflict(
          `the test is ${candidate.exam}: only a running or ended test can be aborted`,
          'candidateId',
        );
      }
      return [
        {
          type: 'CertificationAborted',
          data: {
            sessionId: session.sessionId,
            candidateId: candidate.candidateId,
            reason: command.reason,
            abortedAt,
          },
        },
      ];
    }

    case 'EndCertificationByInvigilator': {
      const session = open(state);
      const candidate = candidateOf(state, command.candidateId);
      const endedAt = requireInstant('at', command.at);
      if (candidate.exam !== 'started')
        throw conflict(`the test is ${candidate.exam}, not started`, 'candidateId');
      return [
        {
          type: 'CertificationEndedByInvigilator',
          data: { sessionId: session.sessionId, candidateId: candidate.candidateId, endedAt },
        },
      ];
    }

    case 'ReportIssue': {
      const session = open(state);
      if (command.candidateId !== null) candidateOf(state, command.candidateId);
      if (!ISSUE_CATEGORIES.includes(command.category)) {
        throw invalid('category', `must be one of ${ISSUE_CATEGORIES.join(', ')}`);
      }
      if (command.description !== null) requireText('description', command.description);
      return [
        {
          type: 'CertificationIssueReported',
          data: {
            sessionId: session.sessionId,
            candidateId: command.candidateId,
            category: command.category,
            description: command.description,
          },
        },
      ];
    }

    case 'FinaliseSession': {
      const session = scheduled(state);
      if (state.status !== 'scheduled') throw conflict(`the session is already ${state.status}`);
      const finalisedOn = requireDate('finalisedOn', command.finalisedOn);
      if (finalisedOn < session.date)
        throw invalid('finalisedOn', `must not be before the session date ${session.date}`);
      const candidates = Object.values(state.candidates);
      if (!candidates.some((c) => c.exam !== 'enrolled')) {
        throw conflict('no certification test was started in this session');
      }
      const given = new Map<string, AbortReason>();
      command.abortReasons.forEach(({ candidateId, reason }, index) => {
        const field = `abortReasons[${index}]`;
        const candidate = state.candidates[candidateId];
        if (!candidate)
          throw invalid(`${field}.candidateId`, `no candidate ${candidateId} in this session`);
        if (!ABORT_REASONS.includes(reason))
          throw invalid(`${field}.reason`, 'must be candidate or technical');
        if (candidate.exam === 'completed') {
          throw invalid(
            `${field}.candidateId`,
            `the test of ${candidateId} was completed: no abort reason`,
          );
        }
        if (candidate.exam === 'enrolled') {
          throw invalid(
            `${field}.candidateId`,
            `${candidateId} never started a test: no abort reason`,
          );
        }
        if (given.has(candidateId))
          throw invalid(`${field}.candidateId`, `${candidateId} is listed twice`);
        given.set(candidateId, reason);
      });
      const missing = candidates.filter(
        (c) =>
          (c.exam === 'started' || c.exam === 'endedByInvigilator') &&
          !c.abortReason &&
          !given.has(c.candidateId),
      );
      if (missing.length > 0) {
        throw invalid(
          'abortReasons',
          `unfinished tests need an abort reason (candidate or technical): ${missing.map((c) => c.candidateId).join(', ')}`,
        );
      }
      if (command.examinerGlobalComment !== null)
        requireText('examinerGlobalComment', command.examinerGlobalComment);
      return [
        {
          type: 'SessionFinalised',
          data: {
            sessionId: session.sessionId,
            finalisedOn,
            abortReasons: [...given].map(([candidateId, reason]) => ({ candidateId, reason })),
            examinerGlobalComment: command.examinerGlobalComment,
            hasIncident: command.hasIncident === true,
            hasJoiningIssue: command.hasJoiningIssue === true,
          },
        },
      ];
    }

    case 'UnfinaliseSession': {
      const session = scheduled(state);
      if (state.status === 'published')
        throw conflict('published results must be unpublished first');
      if (state.status !== 'finalised') throw conflict('the session is not finalised');
      return [
        {
          type: 'SessionUnfinalised',
          data: { sessionId: session.sessionId, reason: requireText('reason', command.reason) },
        },
      ];
    }

    case 'ScoreCertification': {
      const session = scheduled(state);
      const candidate = candidateOf(state, command.candidateId);
      const problem = certificationResultProblem(command.result);
      if (problem) throw invalid(problem.field, problem.reason);
      if (!EXAM_OVER.has(candidate.exam)) {
        throw conflict(
          `the test is ${candidate.exam}: a result comes once it is over`,
          'candidateId',
        );
      }
      if (candidate.results.length > 0)
        throw conflict('already scored: record a rescoring instead', 'candidateId');
      if (state.status === 'published')
        throw conflict('the results are published: record a rescoring instead');
      return [
        {
          type: 'CertificationScored',
          data: {
            sessionId: session.sessionId,
            candidateId: candidate.candidateId,
            version: 1,
            result: command.result,
            origin: 'pix',
            publishedOn: null,
          },
        },
      ];
    }

    case 'RescoreCertification': {
      const session = scheduled(state);
      const candidate = candidateOf(state, command.candidateId);
      const problem = certificationResultProblem(command.result);
      if (problem) throw invalid(problem.field, problem.reason);
      const reason = requireText('reason', command.reason);
      const latest = latestResult(candidate);
      if (!latest) throw conflict('no result to rescore: score it first', 'candidateId');
      if (sameResult(latest.result, command.result)) return [];
      return [
        {
          type: 'CertificationRescored',
          data: {
            sessionId: session.sessionId,
            candidateId: candidate.candidateId,
            version: latest.version + 1,
            result: command.result,
            reason,
          },
        },
      ];
    }

    case 'CancelCertification': {
      const session = scheduled(state);
      const candidate = candidateOf(state, command.candidateId);
      const reason = requireText('reason', command.reason);
      const latest = latestResult(candidate);
      if (!latest) throw conflict('no result to cancel', 'candidateId');
      if (latest.result.status === 'cancelled' || latest.result.status === 'cancelled_by_jury')
        return [];
      return [
        {
          type: 'CertificationCancelled',
          data: {
            sessionId: session.sessionId,
            candidateId: candidate.candidateId,
            version: latest.version + 1,
            reason,
          },
        },
      ];
    }

    case 'PublishResults': {
      const session = scheduled(state);
      if (state.status === 'published') throw conflict('the results are already published');
      if (state.status !== 'finalised')
        throw conflict('the session must be finalised before publication');
      const publishedOn = requireDate('publishedOn', command.publishedOn);
      if (state.finalisedOn && publishedOn < state.finalisedOn) {
        throw invalid('publishedOn', `must not be before the finalisation (${state.finalisedOn})`);
      }
      for (const candidate of Object.values(state.candidates)) {
        if (candidate.exam === 'enrolled') continue;
        const latest = latestResult(candidate);
        if (!latest) throw conflict(`candidate ${candidate.candidateId} has no result yet`);
        if (latest.result.status === 'error')
          throw conflict(`candidate ${candidate.candidateId}'s result is in error`);
      }
      return [
        { type: 'SessionResultsPublished', data: { sessionId: session.sessionId, publishedOn } },
      ];
    }

    case 'UnpublishResults': {
      const session = scheduled(state);
      if (state.status !== 'published') throw conflict('the results are not published');
      return [
        {
          type: 'SessionResultsUnpublished',
          data: { sessionId: session.sessionId, reason: requireText('reason', command.reason) },
        },
      ];
    }

    case 'TransmitResults': {
      const session = scheduled(state);
      if (!TRANSMISSION_CHANNELS.includes(command.channel)) {
        throw invalid('channel', `must be one of ${TRANSMISSION_CHANNELS.join(', ')}`);
      }
      if (CHANNEL_POPULATIONS[command.channel] !== session.population) {
        throw invalid(
          'channel',
          `${command.channel} does not receive ${session.population} results`,
        );
      }
      const transmittedOn = requireDate('transmittedOn', command.transmittedOn);
      if (state.status !== 'published' || !state.publishedOn)
        throw conflict('only published results are transmitted');
      if (transmittedOn < state.publishedOn) {
        throw invalid('transmittedOn', `must not be before the publication (${state.publishedOn})`);
      }
      return [
        {
          type: 'SessionResultsTransmitted',
          data: { sessionId: session.sessionId, channel: command.channel, transmittedOn },
        },
      ];
    }

    case 'RecordImportedResult':
      return decideImportedResult(command, state);
  }
}

/**
 * An imported row stands for what Pix already did: the session, the candidate and the
 * scored test. Unknown parts are recorded; known ones must match; a different result for the
 * same candidate is a new version; the very same row again records nothing.
 */
function decideImportedResult(
  command: Extract<SessionCommand, { type: 'RecordImportedResult' }>,
  state: SessionState,
): SessionEvent[] {
  checkSessionFacts(command.session, command);
  const problem = certificationResultProblem(command.result);
  if (problem) throw invalid(problem.field, problem.reason);
  if (command.publishedOn !== null) requireDate('publishedOn', command.publishedOn);
  const events: SessionEvent[] = [];
  if (state.session) {
    if (!compatibleFacts(state.session, command.session)) {
      throw conflict(
        'the session is recorded with another establishment, population, date or time',
        'sessionId',
      );
    }
  } else {
    events.push({ type: 'SessionScheduled', data: command.session });
  }
  const session = command.session;
  const candidateId = state.candidateByIne[command.ine] ?? command.candidateId;
  const existing = state.candidates[candidateId];
  if (existing) {
    if (existing.ine !== command.ine) {
      throw conflict(`candidate ${candidateId} is enrolled with another INE`, 'candidateId');
    }
    if (!sameIdentity(existing.identity, command.identity)) {
      throw conflict('the candidate is enrolled with another name or birth date', 'identity');
    }
    const latest = latestResult(existing);
    if (latest && sameResult(latest.result, command.result)) return events;
    if (latest) {
      return [
        ...events,
        {
          type: 'CertificationRescored',
          data: {
            sessionId: session.sessionId,
            candidateId,
            version: latest.version + 1,
            result: command.result,
            reason: 'imported again with other values',
          },
        },
      ];
    }
    if (!EXAM_OVER.has(existing.exam) && existing.exam !== 'enrolled') {
      throw conflict(`the test is ${existing.exam}: a result comes once it is over`, 'candidateId');
    }
  } else {
    if (!isExternalId(candidateId))
      throw invalid('candidateId', 'must be 1 to 64 letters, digits or underscores');
    if (state.status !== 'scheduled' && state.session) {
      throw conflict(`the session is ${state.status}: no new candidate can be enrolled`);
    }
    checkCandidateInput(session, command.ine, command.identity);
    const { lastName, firstName, birthDate } = command.identity;
    events.push({
      type: 'CandidateEnrolled',
      data: {
        sessionId: session.sessionId,
        candidateId,
        ine: command.ine,
        identity: { lastName, firstName, birthDate },
      },
    });
  }
  events.push({
    type: 'CertificationScored',
    data: {
      sessionId: session.sessionId,
      candidateId,
      version: 1,
      result: command.result,
      origin: 'import',
      publishedOn: command.publishedOn,
    },
  });
  return events;
}

export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = {
  initialState: initialSessionState,
  evolve: evolveSession,
  decide,
};
