import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { establishmentDecider, establishmentStream, fold } from '@pix-ledger/domain';
import type { EstablishmentEvent } from '@pix-ledger/domain';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { Inject } from '@nestjs/common';
import { CertificationCommands } from '../shared/certification-commands.service';
import { expectedRevisionFrom, setETag } from '../shared/revision-headers';
import {
  ChangeAcademieDto,
  RegisterEstablishmentDto,
  RenameEstablishmentDto,
  UaiParam,
} from './establishment.dto';
import { Allow } from '../../auth/access/access.decorators';
import {
  academie,
  academieOfEstablishment,
  bodyField,
  etablissement,
  national,
  param,
} from '../../auth/access/grants';

@ApiTags('certification: establishments')
@Controller('establishments')
export class EstablishmentsController {
  constructor(
    private readonly commands: CertificationCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @Allow(academie(bodyField('academie')))
  @ApiOperation({
    summary: 'Register an establishment (UAI with its check letter, académie, type, sector)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async register(
    @Body() dto: RegisterEstablishmentDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.onEstablishment(
      dto.uai,
      {
        type: 'RegisterEstablishment',
        uai: dto.uai,
        name: dto.name,
        establishmentType: dto.type,
        sector: dto.sector,
        academie: dto.academie,
        academieSince: dto.academieSince ?? null,
      },
      { idempotencyKey: idempotencyKey || undefined },
    );
    setETag(res, result.revision);
    res.setHeader('Location', `/establishments/${dto.uai}`);
    return { uai: dto.uai, ...result };
  }

  @Get(':uai')
  @Allow(academie(academieOfEstablishment(param('uai'))), etablissement(param('uai')))
  @ApiOperation({ summary: 'An establishment with its académie memberships (valid time)' })
  async get(@Param() { uai }: UaiParam, @Res({ passthrough: true }) res: Response) {
    const events = await this.store.readStream(establishmentStream(uai));
    if (events.length === 0) throw new NotFoundException(`No establishment ${uai}`);
    const state = fold(establishmentDecider, events as unknown as EstablishmentEvent[]);
    const revision = events[events.length - 1].revision;
    setETag(res, revision);
    return { ...state, revision };
  }

  @Post(':uai/academie-changes')
  @Allow(national)
  @HttpCode(200)
  @ApiOperation({ summary: 'From a day on, the establishment belongs to another académie' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Revision last seen (ETag)' })
  async changeAcademie(
    @Param() { uai }: UaiParam,
    @Body() dto: ChangeAcademieDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.onEstablishment(
      uai,
      { type: 'ChangeEstablishmentAcademie', academie: dto.academie, since: dto.since },
      { expectedRevision: expectedRevisionFrom(ifMatch) },
    );
    setETag(res, result.revision);
    return { uai, ...result };
  }

  @Post(':uai/name')
  @Allow(academie(academieOfEstablishment(param('uai'))), etablissement(param('uai')))
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename the establishment' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Revision last seen (ETag)' })
  async rename(
    @Param() { uai }: UaiParam,
    @Body() dto: RenameEstablishmentDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.onEstablishment(
      uai,
      { type: 'RenameEstablishment', name: dto.name },
      { expectedRevision: expectedRevisionFrom(ifMatch) },
    );
    setETag(res, result.revision);
    return { uai, ...result };
  }
}
