import type { Command } from 'commander';
import { seedDemo } from '../demo/demo-seed.ts';
import { loadConfig } from '../server/config.ts';
import { UsageError } from './usage-error.ts';
import { withDatabase } from './with-database.ts';

export function register(program: Command): void {
  const demo =
    program.commands.find((command) => command.name() === 'demo') ??
    program.command('demo').description('Synthetic demo data');
  demo
    .command('seed')
    .description('Fill the database with realistic synthetic demo staff and requests (idempotent)')
    .option('--requests <n>', 'how many demo requests', '300')
    .action(async (options: { requests: string }) => {
      const count = Number(options.requests);
      if (!Number.isInteger(count) || count < 1 || count > 100_000)
        throw new UsageError('--requests', 'must be a whole number from 1 to 100000');
      const summary = await withDatabase(({ db }) => seedDemo(db, { requests: count, config: loadConfig() }));
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      process.stderr.write(
        summary.alreadySeeded
          ? 'Demo data was already there; nothing changed.\n'
          : `Seeded ${summary.staff} demo staff and ${summary.requests} requests. Sign in as officer@demo.tiaki.nz (or intake@, decider@, manager@, auditor@, admin@) with the passphrase ${summary.password}\n` +
              (summary.casework?.toReview[0]
                ? `${summary.casework.toReview[0].officer} (officer@demo.tiaki.nz) has documents to review, decide on and release in ${summary.casework.toReview[0].reference}.\n`
                : ''),
      );
    });
}
