import type { Decider, DomainEvent, PersonalData, SealedPersonalData } from '@pix-ledger/domain';
import type { PersonalDataVault } from './personal-data-vault';

/** Events whose data carry `ine` and `identity` in the domain, `personalData` in the log. */
export const PERSONAL_DATA_EVENT_TYPES = new Set([
  'CandidateEnrolled',
  'Attestation6eParcoursCompleted',
]);

/**
 * What a decider folds in place of personal data it can no longer read: unique per pupil (so
 * "one INE per candidate" still holds) and never equal to real data (so a new enrolment of an
 * erased candidate is a conflict, not a silent no-op).
 */
export function erasedPlaceholder(pupilRef: string): PersonalData {
  return {
    ine: `erased:${pupilRef}`,
    identity: { lastName: '(effacé)', firstName: '(effacé)', birthDate: '0000-00-00' },
  };
}

export function sealedOf(data: unknown): SealedPersonalData | undefined {
  const sealed = (data as { personalData?: SealedPersonalData } | null)?.personalData;
  return sealed && typeof sealed === 'object' && typeof sealed.pupilRef === 'string'
    ? sealed
    : undefined;
}

/** The event as the log records it: INE and identity replaced by their sealed envelope. */
export function sealEvent<E extends DomainEvent>(event: E, vault: PersonalDataVault): E {
  if (!PERSONAL_DATA_EVENT_TYPES.has(event.type)) return event;
  const { ine, identity, ...rest } = event.data as PersonalData & Record<string, unknown>;
  return { ...event, data: { ...rest, personalData: vault.seal({ ine, identity }) } };
}

/** The event as the decider knows it: the envelope opened, or a placeholder once erased. */
export function openEvent<E extends DomainEvent>(event: E, vault: PersonalDataVault): E {
  const sealed = PERSONAL_DATA_EVENT_TYPES.has(event.type) ? sealedOf(event.data) : undefined;
  if (!sealed) return event;
  const { personalData: _sealed, ...rest } = event.data as Record<string, unknown>;
  const opened = vault.open(sealed) ?? erasedPlaceholder(sealed.pupilRef);
  return { ...event, data: { ...rest, ine: opened.ine, identity: opened.identity } };
}

/**
 * The same decider, for the API side of the log: it folds opened events and its decisions
 * leave sealed. The domain decider stays pure and keeps checking INE and identity in clear.
 */
export function sealingDecider<S, C, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  vault: PersonalDataVault,
): Decider<S, C, E> {
  return {
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, openEvent(event, vault)),
    decide: (command, state) => decider.decide(command, state).map((e) => sealEvent(e, vault)),
  };
}
