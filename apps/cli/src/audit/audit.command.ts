import type { INestApplication } from '@nestjs/common';
import { resolve } from 'node:path';
import { createApp } from '../../../api/src/bootstrap';
import { SECURITY_CONFIG, type SecurityConfig } from '../../../api/src/auth/security.config';
import type { LocalSigningKey } from '../../../api/src/auth/tokens/local-signing-key';
import { signLocalToken } from '../../../api/src/auth/tokens/local-tokens';
import { LOCAL_SIGNING_KEY } from '../../../api/src/auth/tokens/token-verifier';
import { loadConfig } from '../../../api/src/config';
import { renderPdf } from './render-pdf';

export const AUDIT_USAGE = `audit --year <YYYY-YYYY> [--academie <code>] [--known-at <date|instant>] --out <report.pdf> [--api <url> [--token <jwt>]]

Prints the yearly audit report (GET /years/{year}/report) to PDF with headless Chromium
(Debian's chromium, or CHROMIUM_PATH). Without --api it starts the API in this process on the
configured store (PIX_LEDGER_DATA_DIR, PIX_LEDGER_SQLITE_PATH…), on 127.0.0.1 and a free port;
with --api it asks a running API (use that while a server owns the store), with the bearer
token --token or PIX_LEDGER_TOKEN (an académie's token gets that académie's report).
Without --known-at the report shows what the registry knows when it is produced, and prints
that instant: pass it as --known-at to produce the same report again.
Exit code: 0 written, 1 failed (bad argument, unknown year, no chromium…).`;

export interface AuditArguments {
  year: string;
  academie?: string;
  knownAt?: string;
  out: string;
  api?: string;
  token?: string;
}

export function parseAuditArguments(args: string[]): AuditArguments {
  const parsed: Partial<AuditArguments> = {};
  const options: Record<string, keyof AuditArguments> = {
    '--year': 'year',
    '--academie': 'academie',
    '--known-at': 'knownAt',
    '--out': 'out',
    '--api': 'api',
    '--token': 'token',
  };
  for (let i = 0; i < args.length; i++) {
    const key = options[args[i]];
    if (!key) throw new Error(`unknown argument ${args[i]}`);
    const value = args[++i];
    if (value === undefined || value.startsWith('--'))
      throw new Error(`${args[i - 1]} needs a value`);
    parsed[key] = value;
  }
  if (!parsed.year) throw new Error('--year is required (e.g. --year 2021-2022)');
  if (!parsed.out) throw new Error('--out is required (e.g. --out report.pdf)');
  return parsed as AuditArguments;
}

export function reportUrl(base: string, args: AuditArguments): string {
  const query = new URLSearchParams();
  if (args.academie) query.set('academie', args.academie);
  if (args.knownAt) query.set('knownAt', args.knownAt);
  const text = query.toString();
  return `${base.replace(/\/$/, '')}/years/${encodeURIComponent(args.year)}/report${text ? `?${text}` : ''}`;
}

/** The in-process API is this command's own: a national token for the next ten minutes. */
function auditorToken(app: INestApplication): string {
  const security = app.get<SecurityConfig>(SECURITY_CONFIG);
  return signLocalToken(app.get<LocalSigningKey>(LOCAL_SIGNING_KEY), security.localIssuer, {
    subject: 'cli-audit',
    scopes: [{ kind: 'national' }],
    expiresInSeconds: 600,
  });
}

export async function auditCommand(args: string[]): Promise<number> {
  const parsed = parseAuditArguments(args);
  const out = resolve(parsed.out);
  let app: INestApplication | undefined;
  try {
    let base = parsed.api;
    let token = parsed.token ?? process.env.PIX_LEDGER_TOKEN;
    if (!base) {
      app = await createApp(loadConfig(), { logger: false });
      await app.listen(0, '127.0.0.1');
      base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      token = auditorToken(app);
    }
    await renderPdf(reportUrl(base, parsed), out, token);
  } finally {
    await app?.close();
  }
  process.stdout.write(`audit report ${parsed.year} written to ${out}\n`);
  return 0;
}
