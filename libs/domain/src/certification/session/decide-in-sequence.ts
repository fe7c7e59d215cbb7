import { CommandRejected, type Decider, type DomainEvent } from '../../shared/decider';

export interface SequenceOutcome<Event> {
  /** Events of the accepted commands, in order. */
  events: Event[];
  /** Index of each accepted command. */
  accepted: number[];
  /** Index of each accepted command that changed nothing (already recorded). */
  unchanged: number[];
  /** Index and refusal of each refused command; they record nothing. */
  rejected: { index: number; error: CommandRejected }[];
}

/**
 * Decides commands one after the other on the same stream, each seeing the events of the
 * ones before: a file import plans a whole group of rows with one read and one append.
 */
export function decideInSequence<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  state: State,
  commands: readonly Command[],
): SequenceOutcome<Event> {
  const outcome: SequenceOutcome<Event> = { events: [], accepted: [], unchanged: [], rejected: [] };
  let current = state;
  commands.forEach((command, index) => {
    try {
      const events = decider.decide(command, current);
      current = events.reduce(decider.evolve, current);
      outcome.events.push(...events);
      outcome.accepted.push(index);
      if (events.length === 0) outcome.unchanged.push(index);
    } catch (error) {
      if (!(error instanceof CommandRejected)) throw error;
      outcome.rejected.push({ index, error });
    }
  });
  return outcome;
}

/**
 * A decider over lists of commands that must all be accepted (a planned group, re-decided on
 * the state the runner loads): one refusal refuses the whole list.
 */
export function inSequence<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
): Decider<State, readonly Command[], Event> {
  return {
    initialState: decider.initialState,
    evolve: decider.evolve,
    decide(commands, state) {
      const outcome = decideInSequence(decider, state, commands);
      if (outcome.rejected.length > 0) throw outcome.rejected[0].error;
      return outcome.events;
    },
  };
}
