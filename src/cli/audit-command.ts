import type { Command } from 'commander';

/**
 * The `audit` parent command, shared by every `tiaki audit …` sub-command: found when another module made it,
 * made otherwise.
 *
 * @example auditCommand(program).command('verify')
 */
export function auditCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'audit') ??
    program.command('audit').description('the access audit: verify the log, explain and flag accesses')
  );
}

/** Writes one line and resolves once it is handed to the stream. */
export function writeLine(out: NodeJS.WritableStream, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(`${line}\n`, (error) => (error ? reject(error) : resolve()));
  });
}
