import { Module } from '@nestjs/common';
import { CertificationYears } from '../certification/years/certification-years.service';
import { RegulationModule } from '../regulation/regulation.module';
import { ReportController } from './report/report.controller';
import { YearlyReportService } from './report/yearly-report.service';
import { ConsoleStaticController } from './static/console-static.controller';

/** The audit console: the web page at `/` and the printable yearly report. */
@Module({
  imports: [RegulationModule],
  controllers: [ConsoleStaticController, ReportController],
  // The certification year views, as their controllers compute them (stateless).
  providers: [CertificationYears, YearlyReportService],
})
export class ConsoleModule {}
