import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  fold,
  REGULATION_TEXT_CATEGORY,
  type RegulatoryText,
  regulatoryTextDecider,
  type RegulatoryTextEvent,
  regulationStreamOf,
  referencedTextIds,
  type SchoolYearCalendarCommand,
  schoolYearCalendarDecider,
  type RegulatoryTextCommand,
  TEXT_ID,
  type UnresolvedRegulationCommand,
  withReferences,
} from '@pix-ledger/domain';
import {
  type Clock,
  deterministicEventId,
  EVENT_STORE,
  type EventStore,
  type ExpectedRevision,
  runCommand,
} from '@pix-ledger/event-store';
import { CLOCK } from '../infrastructure/event-store.module';
import { ProjectionsService } from '../projections/projections.service';

export interface RegulationCommandContext {
  /** HTTP If-Match. */
  expectedRevision?: ExpectedRevision;
  /** HTTP Idempotency-Key, or a seed item's key: makes the event ids deterministic. */
  idempotencyKey?: string;
  actor?: string;
  correlationId?: string;
  /** Backfilled history only: the date the fact became known (its source's date). */
  knownFrom?: string;
  knownFromBasis?: string;
  /** Skip the read-model catch-up (a batch catches up once at its end). */
  deferCatchUp?: boolean;
}

export interface RegulationCommandResult {
  streamId: string;
  revision: number;
  position?: number;
  events: string[];
  recordedAt: string;
  knownFrom: string;
  /** True when the idempotency key had already been used: the original outcome, nothing added. */
  replayed: boolean;
}

/**
 * Runs the regulation commands through runCommand (load, decide, append with the expected
 * revision). Texts a command names are loaded first and handed to the pure decider. Knowledge
 * time: a live command is known when it is recorded; the seeded history carries its source's date.
 */
@Injectable()
export class RegulationCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly projections?: ProjectionsService,
  ) {}

  async loadText(textId: string): Promise<RegulatoryText | null> {
    if (!TEXT_ID.test(textId)) return null;
    const events = await this.store.readStream(`${REGULATION_TEXT_CATEGORY}-${textId}`);
    return fold(regulatoryTextDecider, events as unknown as RegulatoryTextEvent[]);
  }

  async execute(
    command: UnresolvedRegulationCommand,
    context: RegulationCommandContext = {},
  ): Promise<RegulationCommandResult> {
    const streamId = regulationStreamOf(command);
    const earlier = context.idempotencyKey
      ? await this.earlierOutcome(streamId, context.idempotencyKey)
      : undefined;
    if (earlier) return earlier;
    const texts = new Map<string, RegulatoryText | null>();
    for (const id of referencedTextIds(command)) texts.set(id, await this.loadText(id));
    const resolved = withReferences(command, (id) => texts.get(id));
    const recordedAt = this.clock.now().toISOString();
    const backfilled = context.knownFrom !== undefined;
    const metadata = {
      actor: context.actor ?? 'api',
      recordedAt,
      knownFrom: context.knownFrom ?? recordedAt,
      ...(backfilled ? { backfilled: true, knownFromBasis: context.knownFromBasis } : {}),
      ...('schoolYear' in resolved ? { schoolYear: resolved.schoolYear } : {}),
      ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    };
    const runContext = {
      expectedRevision: context.expectedRevision,
      idempotencyKey: context.idempotencyKey,
      metadata,
    };
    const outcome =
      'schoolYear' in resolved
        ? await runCommand(
            this.store,
            streamId,
            schoolYearCalendarDecider,
            resolved as SchoolYearCalendarCommand,
            runContext,
          )
        : await runCommand(
            this.store,
            streamId,
            regulatoryTextDecider,
            resolved as RegulatoryTextCommand,
            runContext,
          );
    if (!context.deferCatchUp) await this.projections?.catchUp();
    return {
      streamId,
      revision: outcome.revision,
      ...(outcome.position !== undefined ? { position: outcome.position } : {}),
      events: outcome.events.map((event) => event.type),
      recordedAt,
      knownFrom: metadata.knownFrom,
      replayed: false,
    };
  }

  /** The outcome of a command already run with this idempotency key, if any. */
  private async earlierOutcome(
    streamId: string,
    key: string,
  ): Promise<RegulationCommandResult | undefined> {
    const firstId = deterministicEventId(streamId, key, 0);
    const events = await this.store.readStream(streamId);
    const first = events.findIndex((event) => event.eventId === firstId);
    if (first === -1) return undefined;
    const ids = new Set(events.slice(first).map((_, i) => deterministicEventId(streamId, key, i)));
    const own = events.slice(first).filter((event) => ids.has(event.eventId));
    const last = own[own.length - 1];
    return {
      streamId,
      revision: last.revision,
      position: last.position,
      events: own.map((event) => event.type),
      recordedAt: last.metadata.recordedAt,
      knownFrom: (last.metadata.knownFrom as string | undefined) ?? last.metadata.recordedAt,
      replayed: true,
    };
  }
}
