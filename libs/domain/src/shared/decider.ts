/**
 * A decider is the pure heart of one aggregate: fold past events into state (`evolve`), and
 * turn a command into new events or a refusal (`decide`). No I/O, no clock: the command
 * carries the time it needs.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<State, Command, Event extends DomainEvent> {
  initialState: State;
  evolve(state: State, event: Event): State;
  /** Returns the events the command causes (none for a no-op), or throws CommandRejected. */
  decide(command: Command, state: State): readonly Event[];
}

export type RejectionKind = 'invalid' | 'not_found' | 'conflict';

/**
 * A command refused by a rule. `field` names the input at fault so an API can answer
 * "400: <field>: <reason>"; `kind` says whether it is bad input, a missing target or a clash
 * with the current state.
 */
export class CommandRejected extends Error {
  override readonly name = 'CommandRejected';
  constructor(
    readonly kind: RejectionKind,
    readonly reason: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }

  static invalid(field: string, reason: string): CommandRejected {
    return new CommandRejected('invalid', reason, field);
  }
  static notFound(reason: string, field?: string): CommandRejected {
    return new CommandRejected('not_found', reason, field);
  }
  static conflict(reason: string, field?: string): CommandRejected {
    return new CommandRejected('conflict', reason, field);
  }
}

/** Folds a stream's events into the decider's state. */
export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}
