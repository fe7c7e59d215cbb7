import { Module } from '@nestjs/common';
import { ConsoleStaticController } from './static/console-static.controller';

/** The audit console: the web page at `/` and the printable yearly report. */
@Module({
  controllers: [ConsoleStaticController],
})
export class ConsoleModule {}
