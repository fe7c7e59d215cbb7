import { categoryOf } from '@pix-ledger/event-store';
import type { Request } from 'express';
import {
  academiesOf,
  categoriesOf,
  isNational,
  type Principal,
  type Scope,
  uaisOf,
} from '../principal';
import type { ScopeResolver } from './scope-resolver.service';

export interface AccessContext {
  principal: Principal;
  req: Request;
  resolver: ScopeResolver;
}

/** One way a route may be granted; a route lists its grants and any one suffices. */
export type Grant = (context: AccessContext) => boolean | Promise<boolean>;

/** Something the request names (before validation: anything may come in). */
export type Target = (context: AccessContext) => string | undefined | Promise<string | undefined>;

const has = (p: Principal, kind: Scope['kind']) => p.scopes.some((s) => s.kind === kind);
const text = (value: unknown): string | undefined => {
  // A repeated query parameter arrives as an array: judge all its values.
  if (Array.isArray(value)) return text(value.map(String).join(','));
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

// Targets --------------------------------------------------------------------------------------

export const param =
  (name: string): Target =>
  ({ req }) =>
    text(req.params?.[name]);
export const bodyField =
  (name: string): Target =>
  ({ req }) =>
    text((req.body as Record<string, unknown> | undefined)?.[name]);
export const queryField =
  (name: string): Target =>
  ({ req }) =>
    text((req.query as Record<string, unknown> | undefined)?.[name]);
export const upper =
  (target: Target): Target =>
  async (context) =>
    (await target(context))?.toUpperCase();
/** The establishment a session was scheduled in. */
export const sessionUai =
  (sessionId: Target): Target =>
  async (context) => {
    const id = await sessionId(context);
    return id ? context.resolver.uaiOfSession(id) : undefined;
  };
/** The académie an establishment belongs to now. */
export const academieOfEstablishment =
  (uai: Target): Target =>
  async (context) => {
    const code = await uai(context);
    return code ? context.resolver.academieOfEstablishment(code.toUpperCase()) : undefined;
  };

// Grants ---------------------------------------------------------------------------------------

/** Any valid token (regulation is public law, read by every role). */
export const anyRole: Grant = () => true;
export const national: Grant = ({ principal }) => isNational(principal);
export const dashboard: Grant = ({ principal }) => has(principal, 'dashboard');

/** `academie:<code>` where the target's académie is that code. */
export const academie =
  (academieOfTarget: Target): Grant =>
  async (context) => {
    const mine = academiesOf(context.principal);
    if (mine.length === 0) return false;
    const code = await academieOfTarget(context);
    return code !== undefined && mine.includes(code);
  };

/** `academie:<code>`, for views that a query narrows to one académie (absent: the caller's own). */
export const academieQuery =
  (name = 'academie'): Grant =>
  (context) => {
    const mine = academiesOf(context.principal);
    const asked = queryField(name)(context) as string | undefined;
    return asked === undefined ? mine.length === 1 : mine.includes(asked);
  };

/** `etablissement:<uai>` where the target is that establishment. */
export const etablissement =
  (uaiOfTarget: Target): Grant =>
  async (context) => {
    const mine = uaisOf(context.principal);
    if (mine.length === 0) return false;
    const uai = (await uaiOfTarget(context))?.toUpperCase();
    return uai !== undefined && mine.includes(uai);
  };

/** `integration:<categories>`: the categories asked (absent: all it was granted) are all granted. */
export const integrationQuery =
  (name = 'categories'): Grant =>
  (context) => {
    const granted = categoriesOf(context.principal);
    if (granted.length === 0) return false;
    const asked = (queryField(name)(context) as string | undefined)
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return !asked || asked.every((c) => granted.includes(c));
  };

/** `integration:<categories>` for one stream of a granted category. */
export const integrationStream =
  (streamId: Target): Grant =>
  async (context) => {
    const granted = categoriesOf(context.principal);
    const id = await streamId(context);
    return id !== undefined && granted.includes(categoryOf(id));
  };

/** The académie of a text being published: `scope: { level: 'academie', academie }`. */
export const textAcademie: Target = ({ req }) => {
  const scope = (req.body as { scope?: { level?: unknown; academie?: unknown } } | undefined)
    ?.scope;
  return scope?.level === 'academie' ? text(scope.academie) : undefined;
};
