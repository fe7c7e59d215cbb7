import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { createHash } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';
import { parseScopes, type Principal } from '../principal';
import { SECURITY_CONFIG, type SecurityConfig } from '../security.config';
import type { LocalSigningKey } from './local-signing-key';

export const LOCAL_SIGNING_KEY = Symbol('LocalSigningKey');

const EXTERNAL_ALGORITHMS: jwt.Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];

/** A 401 that says why without echoing the token. */
export function unauthorized(reason: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'unauthorized', message: [reason] });
}

/**
 * Bearer tokens: the registry's own (ES256, `iss` = urn:pix-ledger:local) or, when an issuer is
 * configured, an SSO's (verified against its JWKS, keys cached and refetched for an unknown
 * `kid`). Both must carry `sub`, `exp` and a `scope` claim.
 */
/** Tokens verified lately, by digest (a dashboard sends the same one at every request). */
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_CACHE_MS = 5 * 60_000;

@Injectable()
export class TokenVerifier {
  private readonly jwks?: JwksClient;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(
    @Inject(SECURITY_CONFIG) private readonly config: SecurityConfig,
    @Inject(LOCAL_SIGNING_KEY) private readonly localKey: LocalSigningKey,
  ) {
    if (config.jwksUrl) {
      this.jwks = new JwksClient({
        jwksUri: config.jwksUrl,
        cache: true,
        cacheMaxAge: 10 * 60_000,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
        timeout: 5_000,
      });
    }
  }

  async principalOf(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/i.exec(
      authorization ?? '',
    );
    if (!match) throw unauthorized('send a bearer token: Authorization: Bearer <token>');
    const token = match[1];
    // A signature check costs more than most answers: a token verified in the last minutes
    // is taken again until it expires. Kept by digest, so the heap holds no bearer token.
    const digest = createHash('sha256').update(token).digest('base64url');
    const now = Date.now();
    const known = this.verified.get(digest);
    if (known && known.until > now) return known.principal;
    if (known) this.verified.delete(digest);
    const { principal, expiresAt } = await this.verify(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(digest, { principal, until: Math.min(expiresAt, now + VERIFIED_CACHE_MS) });
    return principal;
  }

  private async verify(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const unverified = jwt.decode(token, { complete: true });
    if (!unverified || typeof unverified.payload === 'string')
      throw unauthorized('the token is not a JWT');
    const issuer = unverified.payload.iss;
    let payload: JwtPayload;
    try {
      if (issuer === this.config.localIssuer) {
        payload = jwt.verify(token, this.localKey.publicKey, {
          algorithms: ['ES256'],
          issuer,
        }) as JwtPayload;
      } else if (this.jwks && issuer === this.config.issuer) {
        const key = await this.jwks.getSigningKey(unverified.header.kid);
        payload = jwt.verify(token, key.getPublicKey(), {
          algorithms: EXTERNAL_ALGORITHMS,
          issuer: this.config.issuer,
          ...(this.config.audience ? { audience: this.config.audience } : {}),
        }) as JwtPayload;
      } else {
        throw unauthorized('the token comes from an issuer this registry does not trust');
      }
    } catch (error) {
      if (error instanceof UnauthorizedException) throw error;
      if (error instanceof jwt.TokenExpiredError) throw unauthorized('the token has expired');
      throw unauthorized('the token signature or claims are not valid');
    }
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw unauthorized('the token has no subject');
    if (typeof payload.exp !== 'number') throw unauthorized('the token has no expiry');
    let scopes;
    try {
      scopes = parseScopes(payload.scope);
    } catch (error) {
      throw unauthorized(`the token's scope is not valid: ${(error as Error).message}`);
    }
    const actor = issuer === this.config.localIssuer ? payload.sub : `${payload.sub}@${issuer}`;
    return {
      principal: { actor, subject: payload.sub, issuer: String(issuer), scopes },
      expiresAt: payload.exp * 1000,
    };
  }
}
