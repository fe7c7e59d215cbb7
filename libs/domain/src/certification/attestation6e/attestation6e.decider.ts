import { CommandRejected, type Decider } from '../../shared/decider';
import { isIsoDate, isSchoolYear, schoolYearOf, type IsoDate } from '../../shared/dates';
import { ineProblem } from '../identifiers/ine';
import { uaiProblem } from '../identifiers/uai';
import { isExternalId } from '../reference/timestamps';
import type { CandidateIdentity } from '../session/session.events';
import type { Attestation6eEvent } from './attestation6e.events';

export interface PupilAttestation {
  pupilId: string;
  ine: string;
  identity: CandidateIdentity;
  /** campaignCode -> completion */
  completed: Record<string, { completedOn: IsoDate; score: number | null }>;
  outcome: { obtained: boolean; decidedOn: IsoDate; campaignCode: string } | null;
}

export interface Attestation6eState {
  uai: string | null;
  schoolYear: string | null;
  campaigns: Record<string, { parcours: string; openedOn: IsoDate }>;
  pupils: Record<string, PupilAttestation>;
  pupilByIne: Record<string, string>;
}

export const initialAttestation6eState: Attestation6eState = {
  uai: null,
  schoolYear: null,
  campaigns: {},
  pupils: {},
  pupilByIne: {},
};

interface Scope {
  uai: string;
  schoolYear: string;
}

export type Attestation6eCommand =
  | ({
      type: 'OpenAttestation6eCampaign';
      campaignCode: string;
      parcours: string;
      openedOn: IsoDate;
    } & Scope)
  | ({
      type: 'RecordParcoursCompleted';
      campaignCode: string;
      pupilId: string;
      ine: string;
      identity: CandidateIdentity;
      completedOn: IsoDate;
      score: number | null;
    } & Scope)
  | ({
      type: 'RecordAttestation6eOutcome';
      pupilId: string;
      obtained: boolean;
      campaignCode: string;
      decidedOn: IsoDate;
    } & Scope);

const invalid = CommandRejected.invalid;

function checkScope(scope: Scope): void {
  const uai = uaiProblem(scope.uai);
  if (uai) throw invalid('uai', uai);
  if (!isSchoolYear(scope.schoolYear))
    throw invalid('schoolYear', 'must be a school year like 2024-2025');
}

function requireDayOfYear(field: string, value: unknown, schoolYear: string): IsoDate {
  if (!isIsoDate(value)) throw invalid(field, 'must be a calendar date YYYY-MM-DD');
  if (schoolYearOf(value) !== schoolYear)
    throw invalid(field, `${value} is not in the school year ${schoolYear}`);
  return value;
}

function campaignOf(state: Attestation6eState, code: string) {
  const campaign = state.campaigns[code];
  if (!campaign) throw CommandRejected.notFound(`no campaign ${code} this year`, 'campaignCode');
  return campaign;
}

function evolve(state: Attestation6eState, event: Attestation6eEvent): Attestation6eState {
  const base = { ...state, uai: event.data.uai, schoolYear: event.data.schoolYear };
  switch (event.type) {
    case 'Attestation6eCampaignOpened': {
      const { campaignCode, parcours, openedOn } = event.data;
      return { ...base, campaigns: { ...state.campaigns, [campaignCode]: { parcours, openedOn } } };
    }
    case 'Attestation6eParcoursCompleted': {
      const { pupilId, ine, identity, campaignCode, completedOn, score } = event.data;
      const pupil = state.pupils[pupilId] ?? {
        pupilId,
        ine,
        identity,
        completed: {},
        outcome: null,
      };
      return {
        ...base,
        pupils: {
          ...state.pupils,
          [pupilId]: {
            ...pupil,
            completed: { ...pupil.completed, [campaignCode]: { completedOn, score } },
          },
        },
        pupilByIne: { ...state.pupilByIne, [ine]: pupilId },
      };
    }
    case 'Attestation6eObtained':
    case 'Attestation6eNotObtained': {
      const { pupilId, decidedOn, campaignCode } = event.data;
      const pupil = state.pupils[pupilId];
      if (!pupil) return base;
      const outcome = { obtained: event.type === 'Attestation6eObtained', decidedOn, campaignCode };
      return { ...base, pupils: { ...state.pupils, [pupilId]: { ...pupil, outcome } } };
    }
    default:
      return state;
  }
}

function decide(command: Attestation6eCommand, state: Attestation6eState): Attestation6eEvent[] {
  checkScope(command);
  const scope = { uai: command.uai, schoolYear: command.schoolYear };
  switch (command.type) {
    case 'OpenAttestation6eCampaign': {
      if (!isExternalId(command.campaignCode)) {
        throw invalid('campaignCode', 'must be 1 to 64 letters, digits or underscores');
      }
      if (typeof command.parcours !== 'string' || command.parcours.trim() === '') {
        throw invalid('parcours', 'must not be empty');
      }
      const openedOn = requireDayOfYear('openedOn', command.openedOn, command.schoolYear);
      const existing = state.campaigns[command.campaignCode];
      if (existing) {
        if (existing.parcours === command.parcours && existing.openedOn === openedOn) return [];
        throw CommandRejected.conflict(
          `campaign ${command.campaignCode} is already open`,
          'campaignCode',
        );
      }
      return [
        {
          type: 'Attestation6eCampaignOpened',
          data: {
            ...scope,
            campaignCode: command.campaignCode,
            parcours: command.parcours,
            openedOn,
          },
        },
      ];
    }
    case 'RecordParcoursCompleted': {
      const campaign = campaignOf(state, command.campaignCode);
      if (!isExternalId(command.pupilId))
        throw invalid('pupilId', 'must be 1 to 64 letters, digits or underscores');
      const ine = ineProblem(command.ine);
      if (ine) throw invalid('ine', ine);
      const identity = command.identity;
      if (!identity?.lastName?.trim()) throw invalid('identity.lastName', 'must not be empty');
      if (!identity.firstName?.trim()) throw invalid('identity.firstName', 'must not be empty');
      if (!isIsoDate(identity.birthDate))
        throw invalid('identity.birthDate', 'must be a calendar date YYYY-MM-DD');
      const completedOn = requireDayOfYear('completedOn', command.completedOn, command.schoolYear);
      if (completedOn < campaign.openedOn) {
        throw invalid(
          'completedOn',
          `must not be before the campaign opened (${campaign.openedOn})`,
        );
      }
      if (
        command.score !== null &&
        !(typeof command.score === 'number' && command.score >= 0 && command.score <= 100)
      ) {
        throw invalid('score', 'must be a percentage from 0 to 100, or null');
      }
      const pupil = state.pupils[command.pupilId];
      if (pupil) {
        const same =
          pupil.ine === command.ine &&
          pupil.identity.lastName === identity.lastName &&
          pupil.identity.firstName === identity.firstName &&
          pupil.identity.birthDate === identity.birthDate;
        if (!same)
          throw CommandRejected.conflict(
            `pupil ${command.pupilId} is recorded with another INE or identity`,
            'pupilId',
          );
        const done = pupil.completed[command.campaignCode];
        if (done) {
          if (done.completedOn === completedOn && done.score === command.score) return [];
          throw CommandRejected.conflict(
            'this parcours is already recorded as completed',
            'campaignCode',
          );
        }
      } else if (state.pupilByIne[command.ine]) {
        throw CommandRejected.conflict(
          `this INE is already recorded as pupil ${state.pupilByIne[command.ine]}`,
          'ine',
        );
      }
      const { lastName, firstName, birthDate } = identity;
      return [
        {
          type: 'Attestation6eParcoursCompleted',
          data: {
            ...scope,
            campaignCode: command.campaignCode,
            pupilId: command.pupilId,
            ine: command.ine,
            identity: { lastName, firstName, birthDate },
            completedOn,
            score: command.score,
          },
        },
      ];
    }
    case 'RecordAttestation6eOutcome': {
      const pupil = state.pupils[command.pupilId];
      if (!pupil)
        throw CommandRejected.notFound(
          `pupil ${command.pupilId} completed no parcours this year`,
          'pupilId',
        );
      campaignOf(state, command.campaignCode);
      if (!pupil.completed[command.campaignCode]) {
        throw CommandRejected.conflict(
          `pupil ${command.pupilId} did not complete campaign ${command.campaignCode}`,
          'campaignCode',
        );
      }
      if (typeof command.obtained !== 'boolean') throw invalid('obtained', 'must be true or false');
      const decidedOn = requireDayOfYear('decidedOn', command.decidedOn, command.schoolYear);
      const current = pupil.outcome;
      if (current && current.obtained === command.obtained) return [];
      // A catch-up parcours can grant what an earlier one did not; the reverse is not a new fact.
      if (current?.obtained && !command.obtained) {
        throw CommandRejected.conflict('the attestation is already obtained this year', 'obtained');
      }
      if (current && decidedOn < current.decidedOn) {
        throw invalid(
          'decidedOn',
          `must not be before the previous outcome (${current.decidedOn})`,
        );
      }
      const data = {
        ...scope,
        pupilId: command.pupilId,
        campaignCode: command.campaignCode,
        decidedOn,
      };
      return [
        { type: command.obtained ? 'Attestation6eObtained' : 'Attestation6eNotObtained', data },
      ];
    }
  }
}

export const attestation6eDecider: Decider<
  Attestation6eState,
  Attestation6eCommand,
  Attestation6eEvent
> = {
  initialState: initialAttestation6eState,
  evolve,
  decide,
};
