import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { fold, sessionDecider, type SessionEvent, sessionStream } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { setETag } from '../shared/revision-headers';
import { CertificationYears } from '../years/certification-years.service';
import { SessionParam } from './session.dto';

/** Personal data appears once, with the candidate; the history shows it as withheld. */
function withoutIdentity(data: unknown): unknown {
  if (data && typeof data === 'object' && 'identity' in data)
    return { ...data, identity: '(see candidates)' };
  return data;
}

@ApiTags('certification: sessions')
@Controller('sessions')
export class SessionViewController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly years: CertificationYears,
  ) {}

  @Get(':sessionId')
  @ApiOperation({
    summary: 'A session: its state, candidates, every result version, and its history',
  })
  async get(@Param() { sessionId }: SessionParam, @Res({ passthrough: true }) res: Response) {
    const events = await this.store.readStream(sessionStream(sessionId));
    if (events.length === 0) throw new NotFoundException(`No session ${sessionId}`);
    const state = fold(sessionDecider, events as unknown as SessionEvent[]);
    const revision = events[events.length - 1].revision;
    setETag(res, revision);
    const schoolYear = events[0].metadata.schoolYear;
    const compliance = schoolYear ? await this.years.session(schoolYear, sessionId) : null;
    return {
      sessionId,
      revision,
      schoolYear: schoolYear ?? null,
      status: state.status,
      ...state.session,
      finalisedOn: state.finalisedOn,
      publishedOn: state.publishedOn,
      issuesReported: state.issuesReported,
      transmissions: state.transmissions,
      candidates: Object.values(state.candidates).map((c) => ({
        candidateId: c.candidateId,
        ine: c.ine,
        identity: c.identity,
        exam: c.exam,
        abortReason: c.abortReason,
        results: c.results,
      })),
      compliance,
      history: events.map((e) => ({
        revision: e.revision,
        position: e.position,
        type: e.type,
        recordedAt: e.metadata.recordedAt,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        data: withoutIdentity(e.data),
      })),
    };
  }
}
