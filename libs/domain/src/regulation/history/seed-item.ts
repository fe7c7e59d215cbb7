import type { UnresolvedRegulationCommand } from '../references';

/** A command of the seeded history; the texts it names are resolved when it is replayed. */
export type SeedCommand = UnresolvedRegulationCommand;

/**
 * One fact of the regulatory history, replayed through the same command as a live one.
 * `key` is its idempotency key (it makes the event ids deterministic): never change the key
 * of an item once released, add new items instead.
 */
export interface SeedItem {
  key: string;
  /** Knowledge time: when the fact became known (the source's publication or the PR date). */
  knownFrom: string;
  /** Why that date: the source of `knownFrom`, and its confidence when it is only a bound. */
  knownFromBasis: string;
  command: SeedCommand;
}

export interface RegulatoryHistory {
  version: string;
  /** Where the facts come from. */
  basis: string;
  items: readonly SeedItem[];
}
