import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { fold, sessionDecider, type SessionEvent, sessionStream } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { PersonalDataVault } from '../../privacy/sealing/personal-data-vault';
import { sealedOf, sealingDecider } from '../../privacy/sealing/sealing-decider';
import { setETag } from '../shared/revision-headers';
import { CertificationYears } from '../years/certification-years.service';
import { SessionParam } from './session.dto';
import { Allow } from '../../auth/access/access.decorators';
import {
  academie,
  academieOfEstablishment,
  etablissement,
  param,
  sessionUai,
} from '../../auth/access/grants';

/** Personal data appears once, with the candidate; the history shows it as withheld. */
function withoutIdentity(data: unknown): unknown {
  if (!data || typeof data !== 'object') return data;
  const { identity, ine, personalData, ...rest } = data as Record<string, unknown>;
  if (identity === undefined && ine === undefined && personalData === undefined) return data;
  return { ...rest, personalData: '(see candidates)' };
}

@ApiTags('certification: sessions')
// Whoever may read a session reads its candidates' identity: the personal data is here only.
@Allow(
  academie(academieOfEstablishment(sessionUai(param('sessionId')))),
  etablissement(sessionUai(param('sessionId'))),
)
@Controller('sessions')
export class SessionViewController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly years: CertificationYears,
    private readonly vault: PersonalDataVault,
  ) {}

  /** Each candidate's personal data, opened with the pupil's key; null once erased. */
  private personalData(events: { type: string; data: unknown }[]) {
    const byCandidate = new Map<string, { pupilRef: string | null; opened: unknown }>();
    for (const event of events) {
      if (event.type !== 'CandidateEnrolled') continue;
      const { candidateId, ine, identity } = event.data as Record<string, unknown>;
      const sealed = sealedOf(event.data);
      byCandidate.set(String(candidateId), {
        pupilRef: sealed?.pupilRef ?? null,
        opened: sealed ? (this.vault.open(sealed) ?? null) : { ine, identity },
      });
    }
    return byCandidate;
  }

  @Get(':sessionId')
  @ApiOperation({
    summary: 'A session: its state, candidates, every result version, and its history',
  })
  async get(@Param() { sessionId }: SessionParam, @Res({ passthrough: true }) res: Response) {
    const events = await this.store.readStream(sessionStream(sessionId));
    if (events.length === 0) throw new NotFoundException(`No session ${sessionId}`);
    const state = fold(
      sealingDecider(sessionDecider, this.vault),
      events as unknown as SessionEvent[],
    );
    const personal = this.personalData(events);
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
      candidates: Object.values(state.candidates).map((c) => {
        const { pupilRef, opened } = personal.get(c.candidateId) ?? {
          pupilRef: null,
          opened: null,
        };
        const data = opened as { ine: string; identity: unknown } | null;
        return {
          candidateId: c.candidateId,
          pupilRef,
          ine: data?.ine ?? null,
          identity: data?.identity ?? null,
          personalDataErased: data === null,
          exam: c.exam,
          abortReason: c.abortReason,
          results: c.results,
        };
      }),
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
