import type { Command } from 'commander';
import { register as auditCheckpoint } from './audit-checkpoint.command.ts';
import { register as auditEvaluate } from './audit-evaluate.command.ts';
import { register as auditImport } from './audit-import.command.ts';
import { register as auditProve } from './audit-prove.command.ts';
import { register as auditVerify } from './audit-verify.command.ts';
import { register as deadline } from './deadline.command.ts';
import { register as demoSeed } from './demo-seed.command.ts';
import { register as migrate } from './migrate.command.ts';
import { register as piiScan } from './pii.command.ts';
import { register as redact } from './redact.command.ts';
import { register as serve } from './serve.command.ts';
import { register as userCreate } from './user-create.command.ts';

/** Every `tiaki` sub-command, each registered by its own module. */
export const commands: Array<(program: Command) => void> = [
  deadline,
  migrate,
  serve,
  userCreate,
  demoSeed,
  piiScan,
  redact,
  auditVerify,
  auditEvaluate,
  auditProve,
  auditCheckpoint,
  auditImport,
];
