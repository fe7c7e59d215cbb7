import { type Static, Type } from '@sinclair/typebox';
import { CommandRejected, type Decider } from '../shared/decider';
import { defineEvent, type EventDefinition } from '../shared/event-catalogue';

/** One stream per erased pupil, `pupil-<pupilRef>`: the trail of the erasure, not the data. */
export const PUPIL_CATEGORY = 'pupil';
export const pupilStream = (pupilRef: string) => `${PUPIL_CATEGORY}-${pupilRef}`;

export const PupilPersonalDataErased = defineEvent({
  type: 'PupilPersonalDataErased',
  category: PUPIL_CATEGORY,
  schemaVersion: 1,
  description:
    "The pupil's key was destroyed (GDPR erasure): every sealed INE and identity of this pupil " +
    'is unreadable from now on. Results and statistics stay; who asked is in metadata.actor.',
  schema: Type.Object(
    {
      pupilRef: Type.String(),
      erasedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Day of erasure' }),
      reason: Type.Union([Type.String(), Type.Null()], {
        description: 'Why (e.g. the request reference); never personal data',
      }),
    },
    { additionalProperties: false },
  ),
});

export const privacyEventDefinitions: EventDefinition[] = [PupilPersonalDataErased];

export type PupilErasureEvent = {
  type: 'PupilPersonalDataErased';
  data: Static<typeof PupilPersonalDataErased.schema>;
};

export interface ErasePupilPersonalData {
  type: 'ErasePupilPersonalData';
  pupilRef: string;
  erasedOn: string;
  reason: string | null;
  /** Whether the key store knows this pupil (another store: passed in, like a registry check). */
  pupilKnown: boolean;
}

export interface PupilErasureState {
  erased: boolean;
}

/** Erasing twice is a no-op; an unknown pupil cannot be erased. */
export const pupilErasureDecider: Decider<
  PupilErasureState,
  ErasePupilPersonalData,
  PupilErasureEvent
> = {
  initialState: { erased: false },
  evolve: (state, event) => (event.type === 'PupilPersonalDataErased' ? { erased: true } : state),
  decide(command, state) {
    if (state.erased) return [];
    if (!command.pupilKnown) throw CommandRejected.notFound(`no pupil ${command.pupilRef}`);
    if (command.reason !== null && command.reason.length > 500)
      throw CommandRejected.invalid('reason', 'must be at most 500 characters');
    const { pupilRef, erasedOn, reason } = command;
    return [{ type: 'PupilPersonalDataErased', data: { pupilRef, erasedOn, reason } }];
  },
};
