import {
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import type { Principal } from '../principal';
import type { Grant } from './grants';

export const ACCESS_POLICY = 'pix-ledger:access';

export type AccessPolicy = { public: true } | { public: false; grants: Grant[] };

/** No token needed: /health, /docs, the console's static page. */
export const Public = () => SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);

/**
 * Who may call the route: any one grant suffices. A route without @Allow or @Public is open to
 * `national` only (deny by default). Refused reads answer 404, refused writes 403.
 */
export const Allow = (...grants: Grant[]) =>
  SetMetadata(ACCESS_POLICY, { public: false, grants } satisfies AccessPolicy);

export type PrincipalRequest = { principal?: Principal };

/** The authenticated caller (set by the AccessGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<PrincipalRequest>().principal;
    if (!principal) throw new UnauthorizedException();
    return principal;
  },
);

/**
 * The caller, for views that narrow what they show to the caller's scope. Undefined only where
 * no guard ran (the guard authenticates every non-public route).
 */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<PrincipalRequest>().principal,
);
