import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pix-ledger/event-store';
import { EventLogQuery, StreamQuery } from './event-log.query';
import { Allow, Caller } from '../auth/access/access.decorators';
import { integrationQuery, integrationStream, param } from '../auth/access/grants';
import { narrowCategories } from '../auth/access/narrowing';
import type { Principal } from '../auth/principal';

/** The raw log, for auditors and for integrations that poll. */
@ApiTags('event log')
@Controller()
export class EventLogController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('events')
  @Allow(integrationQuery())
  @ApiOperation({ summary: 'A page of the global log, in order, optionally filtered' })
  async page(@Query() query: EventLogQuery, @Caller() caller?: Principal) {
    const limit = query.limit ?? 100;
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readAll({
      fromPosition: query.from ?? 1,
      maxCount: limit,
      filter: {
        categories: narrowCategories(caller, query.categories),
        eventTypes: query.types,
        schoolYears: query.schoolYear ? [query.schoolYear] : undefined,
      },
    })) {
      events.push(event);
    }
    const last = events[events.length - 1];
    return {
      events,
      headPosition: await this.store.headPosition(),
      nextFrom: events.length === limit && last ? last.position + 1 : null,
    };
  }

  @Get('streams/:streamId')
  @Allow(integrationStream(param('streamId')))
  @ApiOperation({ summary: 'The events of one stream' })
  async stream(@Param('streamId') streamId: string, @Query() query: StreamQuery) {
    const events = await this.store.readStream(streamId, {
      fromRevision: query.fromRevision,
      maxCount: query.maxCount ?? 1000,
      direction: query.direction,
    });
    if (events.length === 0 && (query.fromRevision ?? 0) === 0) {
      throw new NotFoundException(`Stream ${streamId} does not exist`);
    }
    return { streamId, events };
  }
}
