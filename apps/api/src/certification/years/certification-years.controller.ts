import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificationYears } from './certification-years.service';
import {
  YearComplianceQuery,
  YearEstablishmentParams,
  YearParam,
  YearStatsQuery,
  YearTimeQuery,
} from './year-query.dto';
import { Allow, Caller } from '../../auth/access/access.decorators';
import { narrowAcademie } from '../../auth/access/narrowing';
import type { Principal } from '../../auth/principal';
import {
  academie,
  academieOfEstablishment,
  academieQuery,
  dashboard,
  etablissement,
  param,
} from '../../auth/access/grants';

/** What happened in a school year, judged under the rules in force at the time. */
@ApiTags('certification: years')
@Controller('years')
export class CertificationYearsController {
  constructor(private readonly years: CertificationYears) {}

  @Get(':schoolYear/establishments/:uai')
  @Allow(academie(academieOfEstablishment(param('uai'))), etablissement(param('uai')))
  @ApiOperation({
    summary:
      "An establishment's year: sessions, candidates, results with their verdicts, and compliance flags",
  })
  async establishment(@Param() params: YearEstablishmentParams, @Query() query: YearTimeQuery) {
    return this.years.establishment({ ...params, ...query });
  }

  @Get(':schoolYear/stats')
  @Allow(dashboard, academieQuery())
  @ApiOperation({
    summary:
      'Candidates, certified, rate, mean score, sessions out of window, late finalisations — by académie, establishment, population',
  })
  async stats(
    @Param() { schoolYear }: YearParam,
    @Query() query: YearStatsQuery,
    @Res({ passthrough: true }) res: Response,
    @Caller() caller?: Principal,
  ) {
    const answer = await this.years.servedStats({
      schoolYear,
      ...query,
      academie: narrowAcademie(caller, query.academie),
    });
    if (!('json' in answer)) return answer;
    // Express answers 304 itself when If-None-Match carries this ETag.
    res.type('application/json').setHeader('ETag', answer.etag);
    return answer.json;
  }

  @Get(':schoolYear/compliance')
  @Allow(academieQuery())
  @ApiOperation({
    summary:
      'Every compliance flag of the year with its rule and texts, and the result verdicts per session',
  })
  async compliance(
    @Param() { schoolYear }: YearParam,
    @Query() query: YearComplianceQuery,
    @Caller() caller?: Principal,
  ) {
    return this.years.compliance({
      schoolYear,
      ...query,
      academie: narrowAcademie(caller, query.academie),
    });
  }
}
