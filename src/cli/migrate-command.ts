/**
 * `followup migrate`: applies the PostgreSQL schema migrations and exits, for a deploy step before the
 * replicas start (each replica would migrate at start as well; here a failure shows in the deploy, once).
 */
import { isPostgresUrl, migratePostgres } from '../store/index.js';
import type { CommandContext } from './context.js';
import { UsageError } from './usage.js';

export async function migrateCommand(positionals: string[], ctx: CommandContext): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`migrate takes no arguments; got: ${positionals.join(' ')}`);
  if (!isPostgresUrl(ctx.storeUrl)) {
    const kind = ctx.storeUrl.startsWith('sqlite:') ? 'SQLite' : 'This store';
    ctx.io.stdout.write(`${kind} creates its table when it is opened: nothing to migrate (${ctx.storeUrl}).\n`);
    return 0;
  }
  const report = await migratePostgres(ctx.storeUrl);
  const done = report.applied.length
    ? `applied migration${report.applied.length === 1 ? '' : 's'} ${report.applied.join(', ')}`
    : 'nothing to do';
  ctx.io.stdout.write(`${report.url}: ${done}; schema "${report.schema}" is at version ${report.version}.\n`);
  return 0;
}
