import { Inject, Injectable } from '@nestjs/common';
import {
  type EstablishmentEvent,
  establishmentDecider,
  establishmentStream,
  fold,
  sessionStream,
} from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';

/** Where a target sits, for the access checks: a session's establishment, an establishment's académie. */
@Injectable()
export class ScopeResolver {
  /** A session never changes establishment: remembered once read. */
  private readonly sessionUais = new Map<string, string>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async uaiOfSession(sessionId: string): Promise<string | undefined> {
    const known = this.sessionUais.get(sessionId);
    if (known) return known;
    let events;
    try {
      events = await this.store.readStream(sessionStream(sessionId), { maxCount: 1 });
    } catch {
      return undefined; // not a valid stream name: no such session
    }
    const uai = (events[0]?.data as { uai?: unknown } | undefined)?.uai;
    if (typeof uai !== 'string') return undefined;
    if (this.sessionUais.size > 100_000) this.sessionUais.clear();
    this.sessionUais.set(sessionId, uai);
    return uai;
  }

  /** The académie the establishment belongs to now (its latest membership). */
  async academieOfEstablishment(uai: string): Promise<string | undefined> {
    let events;
    try {
      events = await this.store.readStream(establishmentStream(uai));
    } catch {
      return undefined;
    }
    if (events.length === 0) return undefined;
    const state = fold(establishmentDecider, events as unknown as EstablishmentEvent[]);
    return state.memberships[state.memberships.length - 1]?.academie;
  }
}
