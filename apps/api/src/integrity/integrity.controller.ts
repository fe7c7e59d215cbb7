import { Controller, Get, Inject, NotImplementedException, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { Allow } from '../auth/access/access.decorators';
import { national } from '../auth/access/grants';
import { chainedLogOf, exportLine, NO_CHAIN } from './log-integrity';

/** Tamper evidence for auditors: re-check the hash chain, or take the log with its chain away. */
@ApiTags('integrity')
@Controller('integrity')
export class IntegrityController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private chained() {
    const log = chainedLogOf(this.store);
    if (!log) throw new NotImplementedException([NO_CHAIN]);
    return log;
  }

  @Get()
  @Allow(national)
  @ApiOperation({
    summary:
      'Walk the hash chain over the whole log: ok with the last hash, or the first broken position',
  })
  async verify() {
    const verdict = await this.chained().verifyIntegrity();
    return { algorithm: 'sha256-chain/v1', ...verdict };
  }

  @Get('export')
  @Allow(national)
  @ApiProduces('application/x-ndjson')
  @ApiOperation({
    summary:
      'The whole log as stored, one JSON event per line with its hash: verifiable offline (README)',
  })
  async export(@Res() res: Response): Promise<void> {
    const log = this.chained();
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="pix-ledger-log.ndjson"');
    for await (const event of log.exportLog()) {
      if (res.destroyed) return;
      if (!res.write(exportLine(event))) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }
}
