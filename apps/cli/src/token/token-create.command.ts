import { loadSecurityConfig } from '../../../api/src/auth/security.config';
import { parseScope, ROLES, type Role, type Scope } from '../../../api/src/auth/principal';
import { loadOrCreateSigningKey } from '../../../api/src/auth/tokens/local-signing-key';
import { parseLifetime, signLocalToken } from '../../../api/src/auth/tokens/local-tokens';
import { loadConfig } from '../../../api/src/config';

export const TOKEN_USAGE = `token create --role <role> [--academie <code>] [--uai <UAI>] [--categories <a,b>]
             [--expires <30d|12h|90m|3600s>] [--subject <name>]

Signs a bearer token with this registry's local key (created beside the log on first use).
Roles: national (everything), academie (--academie: its establishments), etablissement
(--uai: that establishment), dashboard (statistics and regulation only), integration
(--categories: the feed and log of those stream categories). Prints the token alone on stdout.
--expires defaults to 30d; --subject (who, written into the events it causes) to the role.`;

interface TokenArguments {
  role?: string;
  academie?: string;
  uai?: string;
  categories?: string;
  expires: string;
  subject?: string;
}

function parseArguments(args: string[]): TokenArguments {
  const [action, ...rest] = args;
  if (action !== 'create') throw new Error('usage: token create --role <role> …');
  const parsed: TokenArguments = { expires: '30d' };
  const options = ['role', 'academie', 'uai', 'categories', 'expires', 'subject'] as const;
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i].replace(/^--/, '') as (typeof options)[number];
    if (!rest[i].startsWith('--') || !options.includes(name))
      throw new Error(`unknown option ${rest[i]}`);
    const value = rest[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    parsed[name] = value;
  }
  return parsed;
}

function scopeOf(args: TokenArguments): Scope {
  const role = args.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const needs: Record<Role, keyof TokenArguments | undefined> = {
    national: undefined,
    dashboard: undefined,
    academie: 'academie',
    etablissement: 'uai',
    integration: 'categories',
  };
  for (const option of ['academie', 'uai', 'categories'] as const) {
    if (args[option] !== undefined && needs[role] !== option)
      throw new Error(`--${option} does not go with --role ${role}`);
  }
  const needed = needs[role];
  if (needed && args[needed] === undefined) throw new Error(`--role ${role} needs --${needed}`);
  return parseScope(needed ? `${role}:${args[needed]}` : role);
}

export async function tokenCommand(args: string[]): Promise<number> {
  const parsed = parseArguments(args);
  const scope = scopeOf(parsed);
  const expiresInSeconds = parseLifetime(parsed.expires);
  const config = loadConfig();
  const security = loadSecurityConfig(config.dataDir);
  const key = loadOrCreateSigningKey(security.signingKeyPath);
  const token = signLocalToken(key, security.localIssuer, {
    subject: parsed.subject ?? `${parsed.role}-token`,
    scopes: [scope],
    expiresInSeconds,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}
