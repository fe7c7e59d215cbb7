import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isNational } from '../principal';
import { TokenVerifier } from '../tokens/token-verifier';
import { ACCESS_POLICY, type AccessPolicy, type PrincipalRequest } from './access.decorators';
import { ScopeResolver } from './scope-resolver.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard (deny by default): authenticates the bearer token, then checks the
 * route's declared grants. A read the caller may not make answers 404, as for something that
 * does not exist, so that scopes do not reveal what exists elsewhere; a write answers 403.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly resolver: ScopeResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy?.public) return true;
    const req = context.switchToHttp().getRequest<Request & PrincipalRequest>();
    const principal = await this.tokens.principalOf(req.headers.authorization);
    req.principal = principal;
    if (isNational(principal)) return true;
    for (const grant of policy?.grants ?? []) {
      if (await grant({ principal, req, resolver: this.resolver })) return true;
    }
    if (READS.has(req.method))
      throw new NotFoundException({ statusCode: 404, message: 'Not Found' });
    throw new ForbiddenException({
      statusCode: 403,
      error: 'forbidden',
      message: ['your token does not grant this action here'],
    });
  }
}
