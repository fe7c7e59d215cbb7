import { CommandRejected, type Decider } from '../../shared/decider';
import { isIsoDate, type IsoDate } from '../../shared/dates';
import { academieProblem, findAcademie } from '../identifiers/academies';
import { uaiProblem } from '../identifiers/uai';
import {
  ESTABLISHMENT_SECTORS,
  ESTABLISHMENT_TYPES,
  type EstablishmentSector,
  type EstablishmentType,
} from '../reference/populations';
import type { AcademieMembership } from './academie-membership';
import type { EstablishmentEvent } from './establishment.events';

export interface EstablishmentState {
  registered: boolean;
  uai: string | null;
  name: string | null;
  type: EstablishmentType | null;
  sector: EstablishmentSector | null;
  /** Oldest first; each one holds from its `since` until the next. */
  memberships: AcademieMembership[];
}

export const initialEstablishmentState: EstablishmentState = {
  registered: false,
  uai: null,
  name: null,
  type: null,
  sector: null,
  memberships: [],
};

export type EstablishmentCommand =
  | {
      type: 'RegisterEstablishment';
      uai: string;
      name: string;
      establishmentType: EstablishmentType;
      sector: EstablishmentSector;
      academie: string;
      academieSince: IsoDate | null;
    }
  | { type: 'ChangeEstablishmentAcademie'; academie: string; since: IsoDate }
  | { type: 'RenameEstablishment'; name: string };

const invalid = CommandRejected.invalid;

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim().length === 0)
    throw invalid('name', 'must not be empty');
  if (name.length > 300) throw invalid('name', 'must be at most 300 characters');
  return name.trim();
}

function evolve(state: EstablishmentState, event: EstablishmentEvent): EstablishmentState {
  switch (event.type) {
    case 'EstablishmentRegistered': {
      const { uai, name, type, sector, academie, academieSince } = event.data;
      return {
        registered: true,
        uai,
        name,
        type,
        sector,
        memberships: [{ academie, since: academieSince }],
      };
    }
    case 'EstablishmentAcademieChanged':
      return {
        ...state,
        memberships: [
          ...state.memberships,
          { academie: event.data.academie, since: event.data.since },
        ],
      };
    case 'EstablishmentRenamed':
      return { ...state, name: event.data.name };
    default:
      return state;
  }
}

function decide(command: EstablishmentCommand, state: EstablishmentState): EstablishmentEvent[] {
  switch (command.type) {
    case 'RegisterEstablishment': {
      const uai = uaiProblem(command.uai);
      if (uai) throw invalid('uai', uai);
      const name = requireName(command.name);
      if (!ESTABLISHMENT_TYPES.includes(command.establishmentType)) {
        throw invalid('type', `must be one of ${ESTABLISHMENT_TYPES.join(', ')}`);
      }
      if (!ESTABLISHMENT_SECTORS.includes(command.sector))
        throw invalid('sector', 'must be public or private');
      const academie = academieProblem(command.academie);
      if (academie) throw invalid('academie', academie);
      if (command.academieSince !== null) {
        if (!isIsoDate(command.academieSince))
          throw invalid('academieSince', 'must be a calendar date YYYY-MM-DD');
        const onThatDay = academieProblem(command.academie, command.academieSince);
        if (onThatDay) throw invalid('academieSince', onThatDay);
      }
      const data = {
        uai: command.uai,
        name,
        type: command.establishmentType,
        sector: command.sector,
        academie: command.academie,
        academieSince: command.academieSince,
      };
      if (state.registered) {
        const first = state.memberships[0];
        const same =
          state.name === name &&
          state.type === data.type &&
          state.sector === data.sector &&
          first?.academie === data.academie &&
          first?.since === data.academieSince;
        if (same) return [];
        throw CommandRejected.conflict(`establishment ${command.uai} is already registered`, 'uai');
      }
      return [{ type: 'EstablishmentRegistered', data }];
    }
    case 'ChangeEstablishmentAcademie': {
      if (!state.registered || !state.uai)
        throw CommandRejected.notFound('no establishment with this UAI');
      const academie = academieProblem(command.academie);
      if (academie) throw invalid('academie', academie);
      if (!isIsoDate(command.since)) throw invalid('since', 'must be a calendar date YYYY-MM-DD');
      const onThatDay = academieProblem(command.academie, command.since);
      if (onThatDay) throw invalid('since', onThatDay);
      const last = state.memberships[state.memberships.length - 1];
      if (last.academie === command.academie) return [];
      const lastSince = last.since ?? findAcademie(last.academie)?.validFrom;
      if (lastSince && command.since <= lastSince) {
        throw invalid('since', `must be after the current membership's start (${lastSince})`);
      }
      return [
        {
          type: 'EstablishmentAcademieChanged',
          data: { uai: state.uai, academie: command.academie, since: command.since },
        },
      ];
    }
    case 'RenameEstablishment': {
      if (!state.registered || !state.uai)
        throw CommandRejected.notFound('no establishment with this UAI');
      const name = requireName(command.name);
      if (name === state.name) return [];
      return [{ type: 'EstablishmentRenamed', data: { uai: state.uai, name } }];
    }
  }
}

export const establishmentDecider: Decider<
  EstablishmentState,
  EstablishmentCommand,
  EstablishmentEvent
> = {
  initialState: initialEstablishmentState,
  evolve,
  decide,
};
