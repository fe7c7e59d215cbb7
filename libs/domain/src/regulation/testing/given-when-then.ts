import { CommandRejected, type Decider, type DomainEvent, fold } from '../../shared/decider';

/**
 * Given/when/then for deciders in specs: events already in the stream, a command, then the
 * events it causes or the refusal (kind and field) it meets.
 */
export function given<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  history: readonly Event[] = [],
) {
  return {
    when(command: Command) {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: readonly Event[]): void {
          expect(run()).toEqual(expected);
        },
        thenEvents(): readonly Event[] {
          return run();
        },
        thenRejected(
          kind: CommandRejected['kind'],
          field: string,
          reason?: RegExp,
        ): CommandRejected {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(CommandRejected);
          const rejection = caught as CommandRejected;
          expect({ kind: rejection.kind, field: rejection.field }).toEqual({ kind, field });
          if (reason) expect(rejection.reason).toMatch(reason);
          return rejection;
        },
      };
    },
  };
}
