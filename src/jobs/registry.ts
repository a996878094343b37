import { escalateUntriagedKioskRequests } from '../requests/requests.service.ts';
import { MAIL_JOB, sendMail, type OutgoingMail } from '../mail/mail.ts';
import {
  AUDIT_CHECKPOINT_JOB,
  auditCheckpointJob,
  auditCheckpointRecurring,
} from '../audit/checkpoint.service.ts';
import { AUDIT_EVALUATE_JOB, auditEvaluateJob, auditEvaluateRecurring } from '../audit/evaluation.service.ts';
import {
  AUDIT_WEEKLY_REPORT_JOB,
  auditWeeklyReportJob,
  auditWeeklyReportRecurring,
} from '../audit/reports.service.ts';
import type { JobHandler, RecurringJob } from './worker.ts';

/** Every kind of background job and its handler; modules add theirs here. */
export const jobHandlers: Record<string, JobHandler> = {
  [AUDIT_CHECKPOINT_JOB]: auditCheckpointJob(),
  [AUDIT_EVALUATE_JOB]: auditEvaluateJob,
  [AUDIT_WEEKLY_REPORT_JOB]: auditWeeklyReportJob,
  [MAIL_JOB]: async (_tx, payload) => {
    await sendMail(payload as unknown as OutgoingMail);
  },
  // C.09: a kiosk request not triaged within 24 hours becomes a complaint.
  'requests.escalate-untriaged-kiosk': async (tx) => {
    await escalateUntriagedKioskRequests(tx);
  },
};

export const recurringJobs: RecurringJob[] = [
  { kind: 'requests.escalate-untriaged-kiosk', everyMs: 60_000 },
  auditCheckpointRecurring,
  auditEvaluateRecurring,
  auditWeeklyReportRecurring,
];
