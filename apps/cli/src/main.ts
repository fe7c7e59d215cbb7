import { AUDIT_USAGE, auditCommand } from './audit/audit.command';
import {
  IMPORT_RESULTS_USAGE,
  importResultsCommand,
} from './import-results/import-results.command';
import { EXPORT_USAGE, exportCommand } from './integrity/export.command';
import { VERIFY_USAGE, verifyCommand } from './integrity/verify.command';
import { TOKEN_USAGE, tokenCommand } from './token/token-create.command';
import { REBUILD_USAGE, rebuildCommand } from './projections/rebuild.command';
import { STATUS_USAGE, statusCommand } from './projections/status.command';

/** `npm run cli -- <command> …`: operations on the registry that do not need the HTTP API. */
const COMMANDS: Record<string, { usage: string; run: (args: string[]) => Promise<number> }> = {
  'import-results': { usage: IMPORT_RESULTS_USAGE, run: importResultsCommand },
  token: { usage: TOKEN_USAGE, run: tokenCommand },
  verify: { usage: VERIFY_USAGE, run: verifyCommand },
  export: { usage: EXPORT_USAGE, run: exportCommand },
  rebuild: { usage: REBUILD_USAGE, run: rebuildCommand },
  status: { usage: STATUS_USAGE, run: statusCommand },
  audit: { usage: AUDIT_USAGE, run: auditCommand },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command || args.includes('--help')) {
    const usage = Object.values(COMMANDS)
      .map((c) => c.usage)
      .join('\n\n');
    process.stderr.write(`usage: npm run cli -- <command>\n\n${usage}\n`);
    return command || name === undefined || name === '--help' ? 0 : 1;
  }
  try {
    return await command.run(args);
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
