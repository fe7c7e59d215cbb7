import {
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
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { isTextInForceOn } from '@pix-ledger/domain';
import { AsOfQuery, TextsQuery } from '../http/query.dto';
import { expectedRevisionFrom, idempotencyKeyFrom, setETag } from '../http/revision-headers';
import { RegulationCommands } from '../regulation-commands.service';
import { RegulationQueries } from '../regulation-queries.service';
import { AbrogateTextDto, AmendTextDto, PublishTextDto, TextErratumDto } from './text-commands.dto';
import { textDetail, textSummary } from './text-views';
import {
  abrogateTextCommand,
  amendTextCommand,
  publishTextCommand,
  textErratumCommand,
} from './to-commands';
import { Allow } from '../../auth/access/access.decorators';
import { academie, anyRole, national, textAcademie } from '../../auth/access/grants';

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
const knownAtSuffix = (knownAt?: string) => (knownAt ? ` as known at ${knownAt}` : '');

/** Regulatory texts: décrets, arrêtés, notes de service, circulaires académiques, lois. */
@ApiTags('regulation')
@Controller('texts')
export class TextsController {
  constructor(
    private readonly queries: RegulationQueries,
    private readonly commands: RegulationCommands,
  ) {}

  @Get()
  @Allow(anyRole)
  @ApiOperation({
    summary: 'The texts (in force on a date with inForceOn), as known now or at knownAt',
  })
  @ApiBadRequestResponse({ description: 'A malformed date, naming the parameter' })
  async list(@Query() query: TextsQuery) {
    const snapshot = await this.queries.snapshot(query.knownAt);
    const texts = Object.values(snapshot.texts)
      .filter((text) => query.inForceOn === undefined || isTextInForceOn(text, query.inForceOn))
      .sort(
        (a, b) => a.inForceFrom.localeCompare(b.inForceFrom) || a.textId.localeCompare(b.textId),
      );
    return {
      inForceOn: query.inForceOn ?? null,
      knownAt: query.knownAt ?? null,
      texts: texts.map(textSummary),
    };
  }

  @Get(':textId')
  @Allow(anyRole)
  @ApiOperation({
    summary:
      'One text with its rules and full history: published, amended, abrogated (by whom, from when)',
  })
  @ApiNotFoundResponse({ description: 'No such text (or not known at knownAt)' })
  async one(
    @Param('textId') textId: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const snapshot = await this.queries.snapshot(query.knownAt);
    const text = snapshot.texts[textId];
    if (!text)
      throw new NotFoundException(
        `No regulatory text "${textId}" is recorded${knownAtSuffix(query.knownAt)}`,
      );
    if (!query.knownAt) setETag(res, text.history.length - 1);
    return textDetail(text, query.asOf);
  }

  @Post()
  // An académie records its own circulars (scope.level academie, its code).
  @Allow(academie(textAcademie))
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a published text and the rules it enacts' })
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({
    description: 'Invalid input (unknown rule key, bad date…), nothing recorded',
  })
  @ApiConflictResponse({ description: 'The text is already published' })
  async publish(
    @Body() body: PublishTextDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(publishTextCommand(body), {
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
      expectedRevision: 'no_stream',
    });
    setETag(res, result.revision);
    return result;
  }

  @Post(':textId/amendments')
  @Allow(national)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Amend a text: rules added, changed or removed, each from its own date',
  })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({
    description: 'Unknown text or rule key, change dated before the value it replaces…',
  })
  @ApiConflictResponse({ description: 'If-Match does not match the stream revision' })
  async amend(
    @Param('textId') textId: string,
    @Body() body: AmendTextDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(amendTextCommand(textId, body), {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    setETag(res, result.revision);
    return result;
  }

  @Post(':textId/abrogations')
  @Allow(national)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Abrogate a text, wholly or only some rules, by another text from a date',
  })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({
    description: 'Unknown or already abrogated text, unknown abrogating text or rule key',
  })
  @ApiConflictResponse({ description: 'If-Match does not match the stream revision' })
  async abrogate(
    @Param('textId') textId: string,
    @Body() body: AbrogateTextDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(abrogateTextCommand(textId, body), {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    setETag(res, result.revision);
    return result;
  }

  @Post(':textId/errata')
  @Allow(national)
  @HttpCode(201)
  @ApiOperation({ summary: 'Correct a fact its source wrote wrongly, keeping the original' })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY)
  @ApiBadRequestResponse({ description: 'asWritten is not what was recorded, bad date…' })
  async erratum(
    @Param('textId') textId: string,
    @Body() body: TextErratumDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(textErratumCommand(textId, body), {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
    });
    setETag(res, result.revision);
    return result;
  }
}
