import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Migrate and serve the API and web app (the same as npm start, without building the web app)',
    )
    .action(async () => {
      await import('../server/main.ts');
    });
}
