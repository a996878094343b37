import type { Command } from 'commander';

/** Every `tiaki` sub-command, each registered by its own module. */
export const commands: Array<(program: Command) => void> = [];
