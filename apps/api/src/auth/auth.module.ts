import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { AppConfig } from '../config';
import { AccessGuard } from './access/access.guard';
import { ScopeResolver } from './access/scope-resolver.service';
import { SlidingWindowThrottlerStorage } from './rate-limit/sliding-window-storage';
import { RequestActorInterceptor } from './request-actor';
import { loadSecurityConfig, SECURITY_CONFIG, type SecurityConfig } from './security.config';
import { loadOrCreateSigningKey } from './tokens/local-signing-key';
import { LOCAL_SIGNING_KEY, TokenVerifier } from './tokens/token-verifier';

/** Tokens (the local signing key, the verifier) and the lookups the access checks need. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const security = loadSecurityConfig(config.dataDir, process.env, config.security);
    return {
      module: AuthModule,
      providers: [
        { provide: SECURITY_CONFIG, useValue: security },
        {
          provide: LOCAL_SIGNING_KEY,
          useFactory: () => loadOrCreateSigningKey(security.signingKeyPath),
        },
        TokenVerifier,
        ScopeResolver,
      ],
      exports: [SECURITY_CONFIG, LOCAL_SIGNING_KEY, TokenVerifier, ScopeResolver],
    };
  }
}

/** A client is its token when it sends one (hashed: tokens are never kept), else its address. */
function clientOf(req: Record<string, unknown>): string {
  const authorization = (req as unknown as Request).headers?.authorization;
  if (authorization) return createHash('sha256').update(authorization).digest('hex').slice(0, 32);
  return addressOf(req);
}
const addressOf = (req: Record<string, unknown>) => String((req as unknown as Request).ip ?? '');

/**
 * Every route behind the rate limits, then the access guard (deny by default), and the
 * caller's identity around each handler so that the events it appends name their actor.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [SECURITY_CONFIG],
      useFactory: (security: SecurityConfig) => ({
        errorMessage: 'too many requests: slow down and retry later',
        storage: new SlidingWindowThrottlerStorage(),
        throttlers: [
          {
            name: 'client',
            ttl: security.rateWindowMs,
            limit: security.rateLimit,
            getTracker: clientOf,
          },
          {
            name: 'address',
            ttl: security.rateWindowMs,
            limit: security.rateLimit * 10,
            getTracker: addressOf,
          },
        ],
      }),
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: RequestActorInterceptor },
  ],
})
export class AccessControlModule {}
