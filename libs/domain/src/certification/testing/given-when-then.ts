import { CommandRejected, type Decider, type DomainEvent, fold } from '../../shared/decider';

/**
 * given(past events) / when(command) / then(new events | refusal) for decider specs.
 * `thenRejects(kind, field)` checks the refusal's kind and the field it names.
 */
export function specFor<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
) {
  return (...history: Event[]) => ({
    when(command: Command) {
      const act = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: Event[]) {
          expect(act()).toEqual(expected);
        },
        thenNothing() {
          expect(act()).toEqual([]);
        },
        thenRejects(kind: CommandRejected['kind'], field?: string, reason?: RegExp) {
          let error: unknown;
          try {
            act();
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(CommandRejected);
          const rejected = error as CommandRejected;
          expect({ kind: rejected.kind, field: rejected.field }).toEqual({ kind, field });
          if (reason) expect(rejected.reason).toMatch(reason);
        },
      };
    },
  });
}
