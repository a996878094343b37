import type { JobHandler, RecurringJob } from './worker.ts';

/** Every kind of background job and its handler; modules add theirs here. */
export const jobHandlers: Record<string, JobHandler> = {};

export const recurringJobs: RecurringJob[] = [];
