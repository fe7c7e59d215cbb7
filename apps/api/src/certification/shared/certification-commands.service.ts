import { Inject, Injectable } from '@nestjs/common';
import {
  attestation6eDecider,
  type Attestation6eCommand,
  attestation6eStream,
  establishmentDecider,
  type EstablishmentCommand,
  establishmentStream,
  schoolYearOf,
  sessionDecider,
  type SessionCommand,
  sessionStream,
} from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore, runCommand } from '@pix-ledger/event-store';
import { ProjectionsService } from '../../projections/projections.service';
import { PersonalDataVault } from '../../privacy/sealing/personal-data-vault';
import { sealingDecider } from '../../privacy/sealing/sealing-decider';

export interface HttpCommandContext {
  expectedRevision?: number;
  idempotencyKey?: string;
  actor?: string;
}

export interface CommandResult {
  revision: number;
  events: string[];
}

/**
 * The certification commands: each goes through runCommand (load, decide, append with the
 * expected revision), carries metadata.schoolYear for per-year reads, and catches the views
 * up before answering so the caller reads its own writes.
 */
@Injectable()
export class CertificationCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
    private readonly vault: PersonalDataVault,
  ) {}

  async establishmentRegistered(uai: string): Promise<boolean> {
    const first = await this.store.readStream(establishmentStream(uai), { maxCount: 1 });
    return first.some((event) => event.type === 'EstablishmentRegistered');
  }

  /** The school year of a session: from its scheduling event, or the date being scheduled. */
  async sessionSchoolYear(sessionId: string, scheduledDate?: string): Promise<string | undefined> {
    const [first] = await this.store.readStream(sessionStream(sessionId), { maxCount: 1 });
    const date = (first?.data as { date?: string } | undefined)?.date ?? scheduledDate;
    return date ? schoolYearOf(date) : undefined;
  }

  async onEstablishment(
    uai: string,
    command: EstablishmentCommand,
    context: HttpCommandContext = {},
  ) {
    return this.run(establishmentStream(uai), establishmentDecider, command, context, undefined);
  }

  async onSession(sessionId: string, command: SessionCommand, context: HttpCommandContext = {}) {
    const scheduling = command.type === 'ScheduleSession' ? command.date : undefined;
    const schoolYear = await this.sessionSchoolYear(sessionId, scheduling);
    return this.run(sessionStream(sessionId), sessionDecider, command, context, schoolYear);
  }

  async onAttestation6e(command: Attestation6eCommand, context: HttpCommandContext = {}) {
    return this.run(
      attestation6eStream(command.uai, command.schoolYear),
      attestation6eDecider,
      command,
      context,
      command.schoolYear,
    );
  }

  private async run<S, C, E extends { type: string; data: unknown }>(
    streamId: string,
    decider: Parameters<typeof runCommand<S, C, E>>[2],
    command: C,
    context: HttpCommandContext,
    schoolYear: string | undefined,
  ): Promise<CommandResult> {
    // INE and identity leave sealed with the pupil's key (the decider sees them in clear).
    const outcome = await runCommand(
      this.store,
      streamId,
      sealingDecider(decider, this.vault),
      command,
      {
        expectedRevision: context.expectedRevision,
        idempotencyKey: context.idempotencyKey,
        metadata: { actor: context.actor ?? 'api', ...(schoolYear ? { schoolYear } : {}) },
      },
    );
    await this.projections.catchUp();
    return { revision: outcome.revision, events: outcome.events.map((e) => e.type) };
  }
}
