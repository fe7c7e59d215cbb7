import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  effectiveCalendar,
  type RegulationSnapshot,
  rulesInForce,
  rulesTimeline,
  schoolYearBounds,
  type SchoolYearCalendarView,
} from '@pix-ledger/domain';
import {
  AsOfQuery,
  CalendarQuery,
  KnownAtQuery,
  RulesQuery,
  SchoolYearParams,
} from '../http/query.dto';
import { expectedRevisionFrom, idempotencyKeyFrom, setETag } from '../http/revision-headers';
import { RegulationCommands, type RegulationCommandResult } from '../regulation-commands.service';
import { RegulationQueries } from '../regulation-queries.service';
import {
  AmendCalendarDto,
  CalendarErratumDto,
  NarrowCalendarDto,
  PublishCalendarDto,
} from './calendar-commands.dto';
import {
  amendCalendarCommand,
  calendarErratumCommand,
  narrowCalendarCommand,
  publishCalendarCommand,
} from './to-commands';
import { yearListing, yearSummary } from './year-views';
import { Allow } from '../../auth/access/access.decorators';
import { academie, anyRole, bodyField, national } from '../../auth/access/grants';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'Stream revision last seen ("3"): 409 if it moved',
};
const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key, same events: a retry adds nothing',
};
const YEAR = { name: 'schoolYear', example: '2021-2022', description: 'YYYY-(YYYY+1)' };

/** School years: their certification calendar (national and académie) and the rules in force. */
@ApiTags('regulation')
@Controller('years')
export class YearsController {
  constructor(
    private readonly queries: RegulationQueries,
    private readonly commands: RegulationCommands,
  ) {}

  private calendarOf(snapshot: RegulationSnapshot, schoolYear: string): SchoolYearCalendarView {
    const calendar = snapshot.calendars[schoolYear];
    if (!calendar) {
      const known = Object.keys(snapshot.calendars).join(', ') || 'none';
      throw new NotFoundException(
        `No calendar is recorded for ${schoolYear}${snapshot.knownAt ? ` as known at ${snapshot.knownAt}` : ''} (known years: ${known})`,
      );
    }
    return calendar;
  }

  @Get()
  @Allow(anyRole)
  @ApiOperation({ summary: 'The school years with a calendar, as known now or at knownAt' })
  async list(@Query() query: KnownAtQuery) {
    const snapshot = await this.queries.snapshot(query.knownAt);
    return {
      knownAt: query.knownAt ?? null,
      years: Object.values(snapshot.calendars)
        .sort((a, b) => a.schoolYear.localeCompare(b.schoolYear))
        .map(yearListing),
    };
  }

  @Get(':schoolYear')
  @Allow(anyRole)
  @ApiOperation({
    summary: 'A summary of one year: calendar, académie narrowings, texts in force, history',
  })
  @ApiParam(YEAR)
  @ApiNotFoundResponse({ description: 'No calendar for that year (or not known at knownAt)' })
  async one(
    @Param() params: SchoolYearParams,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const snapshot = await this.queries.snapshot(query.knownAt);
    const calendar = this.calendarOf(snapshot, params.schoolYear);
    if (!query.knownAt) setETag(res, calendar.history.length - 1);
    return yearSummary(snapshot, calendar, query.asOf);
  }

  @Get(':schoolYear/calendar')
  @Allow(anyRole)
  @ApiOperation({
    summary:
      'The windows of a year: start, end, mandatory, finalisation deadline, catch-up, scope, source texts',
    description:
      'With `academie`, each window is the national one narrowed by that académie’s circular.',
  })
  @ApiParam(YEAR)
  @ApiNotFoundResponse({ description: 'No calendar for that year' })
  async calendar(@Param() params: SchoolYearParams, @Query() query: CalendarQuery) {
    const snapshot = await this.queries.snapshot(query.knownAt);
    this.calendarOf(snapshot, params.schoolYear);
    const entries =
      effectiveCalendar(snapshot, params.schoolYear, query.academie, { asOf: query.asOf }) ?? [];
    return {
      schoolYear: params.schoolYear,
      academie: query.academie ?? null,
      asOf: query.asOf ?? null,
      knownAt: query.knownAt ?? null,
      windows: entries.filter(
        (entry) => query.population === undefined || entry.population === query.population,
      ),
    };
  }

  @Get(':schoolYear/rules')
  @Allow(anyRole)
  @ApiOperation({
    summary: 'Every rule with its value, inForceFrom, inForceUntil (exclusive) and enacting text',
    description:
      'With `asOf`: the rules in force that day. Without: the timeline of each rule’s values over the year.',
  })
  @ApiParam(YEAR)
  @ApiBadRequestResponse({ description: 'asOf outside the school year, malformed date' })
  @ApiNotFoundResponse({ description: 'No calendar for that year' })
  async rules(@Param() params: SchoolYearParams, @Query() query: RulesQuery) {
    const snapshot = await this.queries.snapshot(query.knownAt);
    this.calendarOf(snapshot, params.schoolYear);
    const common = {
      schoolYear: params.schoolYear,
      population: query.population ?? null,
      academie: query.academie ?? null,
      knownAt: query.knownAt ?? null,
    };
    if (query.asOf === undefined) {
      return {
        ...common,
        timeline: rulesTimeline(snapshot, params.schoolYear, query.population, query.academie),
      };
    }
    const year = schoolYearBounds(params.schoolYear);
    if (query.asOf < year.start || query.asOf > year.end) {
      throw new BadRequestException([
        `asOf must fall within the school year ${params.schoolYear} (${year.start} → ${year.end})`,
      ]);
    }
    return {
      ...common,
      asOf: query.asOf,
      rules: rulesInForce(snapshot, query.asOf, query.population, query.academie),
    };
  }

  private answer(res: Response, result: RegulationCommandResult) {
    setETag(res, result.revision);
    return result;
  }

  @Post(':schoolYear/calendar')
  @Allow(national)
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish the national calendar of a school year' })
  @ApiParam(YEAR)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({
    description: 'Window end before start, bad year, unknown text…: nothing recorded',
  })
  @ApiConflictResponse({ description: 'Already published (amend it instead)' })
  async publish(
    @Param() params: SchoolYearParams,
    @Body() body: PublishCalendarDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(publishCalendarCommand(params.schoolYear, body), {
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    return this.answer(res, result);
  }

  @Post(':schoolYear/calendar/amendments')
  @Allow(national)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Amend the national calendar (a window extended or shortened, a deadline added…)',
  })
  @ApiParam(YEAR)
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({
    description: 'No calendar yet, window end before start…: nothing recorded',
  })
  @ApiConflictResponse({ description: 'If-Match does not match the stream revision' })
  async amend(
    @Param() params: SchoolYearParams,
    @Body() body: AmendCalendarDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(amendCalendarCommand(params.schoolYear, body), {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    return this.answer(res, result);
  }

  @Post(':schoolYear/calendar/narrowings')
  @Allow(academie(bodyField('academie')))
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record an académie circular’s window: inside the national one, never wider',
  })
  @ApiParam(YEAR)
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({
    description: 'Outside the national window, not that académie’s text…: nothing recorded',
  })
  @ApiConflictResponse({ description: 'If-Match does not match the stream revision' })
  async narrow(
    @Param() params: SchoolYearParams,
    @Body() body: NarrowCalendarDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(narrowCalendarCommand(params.schoolYear, body), {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    return this.answer(res, result);
  }

  @Post(':schoolYear/calendar/errata')
  @Allow(national)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Correct a calendar date its source wrote wrongly, keeping the original',
  })
  @ApiParam(YEAR)
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({ description: 'asWritten is not what was recorded…: nothing recorded' })
  async erratum(
    @Param() params: SchoolYearParams,
    @Body() body: CalendarErratumDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(calendarErratumCommand(params.schoolYear, body), {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    return this.answer(res, result);
  }
}
