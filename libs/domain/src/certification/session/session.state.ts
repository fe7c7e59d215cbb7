import type { IsoDate } from '../../shared/dates';
import type { SessionPopulation } from '../reference/populations';
import type { CertificationResult } from './certification-result';
import type {
  AbortReason,
  CandidateIdentity,
  SessionEvent,
  TransmissionChannel,
} from './session.events';

/** Where a candidate's test stands (Pix `Assessment.state`, DOMAIN.md §4.1). */
export type ExamState =
  | 'enrolled'
  | 'started'
  | 'completed'
  | 'aborted'
  | 'endedByInvigilator'
  | 'endedDueToFinalisation';

export interface ResultVersion {
  version: number;
  result: CertificationResult;
  kind: 'scored' | 'rescored' | 'cancelled';
  reason: string | null;
  origin: 'pix' | 'import';
  /** Publication day given by an import (the export's); otherwise the session's publication. */
  publishedOn: IsoDate | null;
}

export interface CandidateState {
  candidateId: string;
  ine: string;
  identity: CandidateIdentity;
  exam: ExamState;
  abortReason: AbortReason | null;
  /** Every version, oldest first: a rescoring adds one and keeps the others. */
  results: ResultVersion[];
}

export type SessionStatus = 'unscheduled' | 'scheduled' | 'finalised' | 'published';

export interface SessionFacts {
  sessionId: string;
  uai: string;
  population: SessionPopulation;
  date: IsoDate;
  /** Null when the source gave no time (a results export). */
  time: string | null;
}

export interface SessionState {
  status: SessionStatus;
  session: SessionFacts | null;
  candidates: Record<string, CandidateState>;
  /** candidateId by INE: a pupil sits once per session. */
  candidateByIne: Record<string, string>;
  issuesReported: number;
  finalisedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  transmissions: { channel: TransmissionChannel; transmittedOn: IsoDate }[];
}

export const initialSessionState: SessionState = {
  status: 'unscheduled',
  session: null,
  candidates: {},
  candidateByIne: {},
  issuesReported: 0,
  finalisedOn: null,
  publishedOn: null,
  transmissions: [],
};

export const latestResult = (candidate: CandidateState): ResultVersion | undefined =>
  candidate.results[candidate.results.length - 1];

function withCandidate(
  state: SessionState,
  candidateId: string,
  change: (candidate: CandidateState) => CandidateState,
): SessionState {
  const candidate = state.candidates[candidateId];
  if (!candidate) return state;
  return { ...state, candidates: { ...state.candidates, [candidateId]: change(candidate) } };
}

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionScheduled': {
      const { sessionId, uai, population, date, time } = event.data;
      return { ...state, status: 'scheduled', session: { sessionId, uai, population, date, time } };
    }
    case 'CandidateEnrolled': {
      const { candidateId, ine, identity } = event.data;
      return {
        ...state,
        candidates: {
          ...state.candidates,
          [candidateId]: {
            candidateId,
            ine,
            identity,
            exam: 'enrolled',
            abortReason: null,
            results: [],
          },
        },
        candidateByIne: { ...state.candidateByIne, [ine]: candidateId },
      };
    }
    case 'CertificationStarted':
      return withCandidate(state, event.data.candidateId, (c) => ({ ...c, exam: 'started' }));
    case 'CertificationCompleted':
      return withCandidate(state, event.data.candidateId, (c) => ({ ...c, exam: 'completed' }));
    case 'CertificationAborted':
      return withCandidate(state, event.data.candidateId, (c) => ({
        ...c,
        exam: 'aborted',
        abortReason: event.data.reason,
      }));
    case 'CertificationEndedByInvigilator':
      return withCandidate(state, event.data.candidateId, (c) => ({
        ...c,
        exam: 'endedByInvigilator',
      }));
    case 'CertificationIssueReported':
      return { ...state, issuesReported: state.issuesReported + 1 };
    case 'SessionFinalised': {
      let next: SessionState = {
        ...state,
        status: 'finalised',
        finalisedOn: event.data.finalisedOn,
      };
      for (const { candidateId, reason } of event.data.abortReasons) {
        next = withCandidate(next, candidateId, (c) => ({
          ...c,
          exam: c.exam === 'started' ? 'endedDueToFinalisation' : c.exam,
          abortReason: reason,
        }));
      }
      return next;
    }
    case 'SessionUnfinalised':
      return { ...state, status: 'scheduled', finalisedOn: null };
    case 'CertificationScored':
      return withCandidate(state, event.data.candidateId, (c) => ({
        // An imported result stands for a test run on Pix: it is over.
        ...c,
        exam: event.data.origin === 'import' && c.exam === 'enrolled' ? 'completed' : c.exam,
        results: [
          {
            version: 1,
            result: event.data.result,
            kind: 'scored',
            reason: null,
            origin: event.data.origin,
            publishedOn: event.data.publishedOn,
          },
        ],
      }));
    case 'CertificationRescored':
      return withCandidate(state, event.data.candidateId, (c) => ({
        ...c,
        results: [
          ...c.results,
          {
            version: event.data.version,
            result: event.data.result,
            kind: 'rescored',
            reason: event.data.reason,
            origin: latestResult(c)?.origin ?? 'pix',
            publishedOn: latestResult(c)?.publishedOn ?? null,
          },
        ],
      }));
    case 'CertificationCancelled':
      return withCandidate(state, event.data.candidateId, (c) => {
        const previous = latestResult(c);
        if (!previous) return c;
        return {
          ...c,
          results: [
            ...c.results,
            {
              ...previous,
              version: event.data.version,
              result: { ...previous.result, status: 'cancelled' },
              kind: 'cancelled',
              reason: event.data.reason,
            },
          ],
        };
      });
    case 'SessionResultsPublished':
      return { ...state, status: 'published', publishedOn: event.data.publishedOn };
    case 'SessionResultsUnpublished':
      return { ...state, status: 'finalised', publishedOn: null };
    case 'SessionResultsTransmitted':
      return {
        ...state,
        transmissions: [
          ...state.transmissions,
          { channel: event.data.channel, transmittedOn: event.data.transmittedOn },
        ],
      };
    default:
      return state;
  }
}
