import type { Command } from 'commander';
import { withDatabase } from './with-database.ts';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const kind = await withDatabase(async (handle) => handle.kind);
      process.stdout.write(`${JSON.stringify({ migrated: true, database: kind })}\n`);
    });
}
