import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '@pix-ledger/event-store';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { DomainErrorsFilter } from './infrastructure/domain-errors.filter';

/** Builds the HTTP app; main.ts listens with it, the e2e tests drive it with supertest. */
export async function createApp(
  config: AppConfig,
  options: { clock?: Clock; logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, options.clock), {
    logger: options.logger,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  app.useGlobalFilters(new DomainErrorsFilter());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('pix-ledger')
    .setDescription('Event-sourced registry of the Pix digital-competence certification')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
