import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Caller } from '../../auth/access/access.decorators';
import { academieQuery } from '../../auth/access/grants';
import { narrowAcademie } from '../../auth/access/narrowing';
import type { Principal } from '../../auth/principal';
import { SchoolYearParams } from '../../regulation/http/query.dto';
import { renderReport } from './render-report';
import { ReportQuery } from './report.query';
import { YearlyReportService } from './yearly-report.service';

@ApiTags('audit')
@Controller('years')
export class ReportController {
  constructor(private readonly reports: YearlyReportService) {}

  @Get(':schoolYear/report')
  // As the compliance view: national, or an académie for its own sessions.
  @Allow(academieQuery())
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'The yearly audit report, printable HTML',
    description:
      'First page: the scope, the knownAt it shows, the windows and the rules in force. Last: the events it was built from (positions, SHA-256), so it can be produced again identically. `npm run cli -- audit` prints it to PDF.',
  })
  @ApiOkResponse({ description: 'text/html' })
  @ApiNotFoundResponse({ description: 'No calendar for that year as known at knownAt' })
  async report(
    @Param() params: SchoolYearParams,
    @Query() query: ReportQuery,
    @Caller() caller?: Principal,
  ): Promise<string> {
    const academie = narrowAcademie(caller, query.academie);
    return renderReport(
      await this.reports.build({ schoolYear: params.schoolYear, ...query, academie }),
    );
  }
}
