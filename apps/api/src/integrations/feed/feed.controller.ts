import { BadRequestException, Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pix-ledger/event-store';
import { toCloudEvent } from '../cloud-events/to-cloud-event';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../integrations.config';
import { FeedStreams } from './feed-streams.service';
import { Caller } from '../../auth/access/access.decorators';
import { narrowCategories } from '../../auth/access/narrowing';
import type { Principal } from '../../auth/principal';
import { eventFilterOf, FeedPageQuery, FeedQuery } from './feed.query';
import { Allow } from '../../auth/access/access.decorators';
import { integrationQuery } from '../../auth/access/grants';

/** The log for integrations, as CloudEvents: live over SSE, or in pages for clients that poll. */
@ApiTags('integrations')
@Controller('feed')
export class FeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
    private readonly streams: FeedStreams,
  ) {}

  @Get()
  @Allow(integrationQuery())
  @ApiOperation({
    summary: 'Server-Sent Events: catch-up from a position, then live',
    description:
      'Each message has the global position as `id` and a CloudEvent (JSON) as `data`. On ' +
      'reconnection the `Last-Event-ID` header wins over `from`: delivery resumes strictly after ' +
      'it. A comment line is sent as a heartbeat. See docs/asyncapi.yaml.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Last position received' })
  open(
    @Query() query: FeedQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
    @Caller() caller?: Principal,
  ): void {
    this.streams.open(
      {
        after: resumeAfter(query.from, lastEventId),
        // An integration reads only the categories it was granted.
        filter: eventFilterOf({ ...query, categories: narrowCategories(caller, query.categories) }),
      },
      res,
    );
  }

  @Get('page')
  @Allow(integrationQuery())
  @ApiOperation({
    summary: 'A page of the feed as JSON CloudEvents, with the cursor of the next page',
    description:
      '`next` is always given: pass it as `from` to get what follows, now or later. Events ' +
      'appended after the page was read are never skipped.',
  })
  async page(@Query() query: FeedPageQuery, @Caller() caller?: Principal) {
    const limit = query.limit ?? 100;
    // The head is read first: every position up to it is committed, so when the page is short
    // the filtered log has been scanned up to the head and the next page starts after it.
    const head = await this.store.headPosition();
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readAll({
      fromPosition: query.from ?? 1,
      maxCount: limit,
      filter: eventFilterOf({ ...query, categories: narrowCategories(caller, query.categories) }),
    })) {
      if (event.position > head) break;
      events.push(event);
    }
    const full = events.length === limit;
    const next = full
      ? events[events.length - 1].position + 1
      : Math.max(head + 1, query.from ?? 1);
    return {
      events: events.map((event) => toCloudEvent(event, this.config.cloudEventsSource)),
      next,
      headPosition: head,
    };
  }
}

/** `Last-Event-ID` is the last position received; `from` the first wanted; neither: live only. */
function resumeAfter(from: number | undefined, lastEventId: string | undefined): number | 'end' {
  if (lastEventId !== undefined && lastEventId.trim() !== '') {
    if (!/^\d+$/.test(lastEventId.trim())) {
      throw new BadRequestException([
        'Last-Event-ID must be a global position (a non-negative integer)',
      ]);
    }
    return Number(lastEventId.trim());
  }
  if (from !== undefined) return Math.max(0, from - 1);
  return 'end';
}
