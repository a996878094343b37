import { escalateUntriagedKioskRequests } from '../requests/requests.service.ts';
import { MAIL_JOB, sendMail, type OutgoingMail } from '../mail/mail.ts';
import type { JobHandler, RecurringJob } from './worker.ts';

/** Every kind of background job and its handler; modules add theirs here. */
export const jobHandlers: Record<string, JobHandler> = {
  [MAIL_JOB]: async (_tx, payload) => {
    await sendMail(payload as unknown as OutgoingMail);
  },
  // C.09: a kiosk request not triaged within 24 hours becomes a complaint.
  'requests.escalate-untriaged-kiosk': async (tx) => {
    await escalateUntriagedKioskRequests(tx);
  },
};

export const recurringJobs: RecurringJob[] = [{ kind: 'requests.escalate-untriaged-kiosk', everyMs: 60_000 }];
