import { type DynamicModule, type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Clock } from '@pix-ledger/event-store';
import { AppModule } from './app.module';
import { SECURITY_CONFIG, type SecurityConfig } from './auth/security.config';
import type { AppConfig } from './config';
import { DomainErrorsFilter } from './infrastructure/domain-errors.filter';

export interface CreateAppOptions {
  clock?: Clock;
  logger?: false;
  /** On unless a test of what lies behind the guard says otherwise (AppModule.forRoot). */
  accessControl?: boolean;
}

/** Builds the HTTP app; main.ts listens with it, the e2e tests drive it with supertest. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  return createAppOf(
    AppModule.forRoot(config, options.clock, { accessControl: options.accessControl }),
    options,
  );
}

/** The HTTP app around a root module: security headers, CORS, body limits, validation, docs. */
export async function createAppOf(
  root: DynamicModule,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: options.logger,
    bodyParser: false,
  });
  const security = app.get<SecurityConfig>(SECURITY_CONFIG);
  app.use(helmet());
  app.enableCors({
    origin: security.corsOrigins.length > 0 ? security.corsOrigins : false,
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'Idempotency-Key',
      'Last-Event-ID',
    ],
    exposedHeaders: ['ETag', 'Location'],
  });
  app.useBodyParser('json', { limit: security.bodyLimit });
  app.useBodyParser('urlencoded', { limit: security.bodyLimit, extended: true });
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
    .setDescription(
      'Event-sourced registry of the Pix digital-competence certification. Every route but ' +
        '/health and /docs needs a bearer token (README, "Security and personal data").',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
