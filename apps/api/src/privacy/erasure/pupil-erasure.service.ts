import { Inject, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { PUPIL_CATEGORY, pupilErasureDecider, pupilStream } from '@pix-ledger/domain';
import { type Clock, EVENT_STORE, type EventStore, runCommand } from '@pix-ledger/event-store';
import { CLOCK } from '../../infrastructure/event-store.module';
import { parisDay } from '../../certification/shared/paris-day';
import { PupilKeyStore } from '../keys/pupil-key-store';

/**
 * Erasure by crypto-shredding: the erasure is recorded in the log (who, when, why — no personal
 * data), then the pupil's key is destroyed. Nothing in the log is rewritten, so the hash chain
 * still verifies, and every sealed INE and identity of the pupil becomes unreadable: in views,
 * the feed, exports and any rebuild. On start, the keys of pupils the log says were erased are
 * destroyed again, in case an old copy of the key file was restored.
 */
@Injectable()
export class PupilErasures implements OnModuleInit {
  private readonly logger = new Logger('Privacy');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: PupilKeyStore,
  ) {}

  async onModuleInit(): Promise<void> {
    let shredded = 0;
    for await (const event of this.store.readAll({ filter: { categories: [PUPIL_CATEGORY] } })) {
      const pupilRef = (event.data as { pupilRef?: unknown }).pupilRef;
      if (typeof pupilRef === 'string' && this.keys.keyOf(pupilRef)) {
        this.keys.destroy(pupilRef, this.clock.now());
        shredded++;
      }
    }
    if (shredded > 0) this.logger.warn(`destroyed again ${shredded} key(s) of erased pupils`);
  }

  async erase(pupilRef: string, reason: string | null) {
    const now = this.clock.now();
    const outcome = await runCommand(
      this.store,
      pupilStream(pupilRef),
      pupilErasureDecider,
      {
        type: 'ErasePupilPersonalData',
        pupilRef,
        erasedOn: parisDay(now),
        reason,
        pupilKnown: this.keys.keyOf(pupilRef) !== undefined,
      },
      { metadata: { actor: 'api:privacy' } },
    );
    // After the record: a crash in between is repaired on the next start (onModuleInit).
    this.keys.destroy(pupilRef, now);
    return {
      pupilRef,
      erased: true,
      alreadyErased: outcome.events.length === 0,
      revision: outcome.revision,
    };
  }

  lookup(ine: string): { pupilRef: string } {
    const pupilRef = this.keys.refOfIne(ine);
    if (!pupilRef) throw new NotFoundException('No pupil with this INE holds data in the registry');
    return { pupilRef };
  }
}
