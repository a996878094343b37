import type { Command } from 'commander';
import { z } from 'zod';
import { staffRoles, type StaffRole } from '../auth/auth.schema.ts';
import { createUser } from '../auth/auth.service.ts';
import { commandLineActor } from '../auth/actor.ts';
import { passwordProblem } from '../auth/password.rules.ts';
import { AppError } from '../server/errors.ts';
import { readStdin } from './read-stdin.ts';
import { UsageError } from './usage-error.ts';
import { withDatabase } from './with-database.ts';

const emailSchema = z.string().email();

export function register(program: Command): void {
  const user =
    program.commands.find((command) => command.name() === 'user') ??
    program.command('user').description('Staff accounts');
  user
    .command('create')
    .description('Create a staff account; the password is read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', `one of ${staffRoles.join(', ')}`)
    .option('--team <team>', 'team (officers see their team’s requests)')
    .option('--site <site>', 'site')
    .action(async (options: { email: string; name: string; role: string; team?: string; site?: string }) => {
      if (!emailSchema.safeParse(options.email).success)
        throw new UsageError('--email', 'is not an email address');
      if (!options.name.trim()) throw new UsageError('--name', 'must not be empty');
      if (!(staffRoles as readonly string[]).includes(options.role)) {
        throw new UsageError('--role', `must be one of ${staffRoles.join(', ')}`);
      }
      const password = (await readStdin()).replace(/\r?\n$/, '');
      if (!password) throw new UsageError('password', 'give the password on standard input');
      // Checked before the database is opened, so a refused password leaves nothing behind (not even a new folder).
      const problem = passwordProblem(password);
      if (problem) throw new UsageError('password', problem);
      try {
        const created = await withDatabase(({ db }) =>
          createUser(db, commandLineActor(), {
            email: options.email,
            name: options.name.trim(),
            role: options.role as StaffRole,
            password,
            team: options.team ?? null,
            site: options.site ?? null,
          }),
        );
        process.stdout.write(`${JSON.stringify({ id: created.id })}\n`);
      } catch (error) {
        if (error instanceof AppError && error.fields?.[0]) {
          const field = error.fields[0];
          throw new UsageError(field.path === 'password' ? 'password' : `--${field.path}`, field.message);
        }
        throw error;
      }
    });
}
