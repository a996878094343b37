import { Command, CommanderError } from 'commander';
import { UsageError } from './usage-error.ts';
import { commands } from './commands.ts';

const program = new Command('tiaki')
  .description('Tiaki privacy office: requests, the statutory clock, review and release, access audit')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has already printed its message naming the argument; help and version exit 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`tiaki: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`tiaki: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
