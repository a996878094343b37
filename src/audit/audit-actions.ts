/** The closed list of audit actions. Each names what happened, in the past tense of the system. */
export const auditActions = {
  'auth.signed-in': 'a staff member signed in',
  'auth.sign-in-failed': 'a sign-in failed (wrong email or password, or a disabled account)',
  'auth.locked-out': 'too many failed sign-ins: the account or address is locked for a while',
  'auth.sign-in-refused-locked': 'a sign-in was refused because the account or address is locked',
  'auth.signed-out': 'a staff member signed out',
  'user.created': 'a staff account was created',
  'user.changed': 'a staff account was changed (role, name, team, site)',
  'user.disabled': 'a staff account was disabled and its sessions ended',
  'user.enabled': 'a staff account was enabled again',
  'person.created': 'a person record was created',
  'person.read': 'a person record was read',
  'request.created': 'a request was recorded',
  'request.read': 'a request was read',
  'request.listed': 'a list of requests was read',
  'request.changed': 'a request moved through its lifecycle (the details name the event)',
  'job.failed': 'a background job failed for good after its retries',
  'person.access-log-read': 'the list of staff roles and dates that accessed a person’s record was read',
  'audit.seq-void':
    'a sequence number taken by a transaction that rolled back, filled so the log has no gaps',
  'audit.event-erased':
    'an audit event’s details and reason were erased as the law requires (details name it)',
  'audit.relationships-loaded': 'work relationships between staff and people were loaded (API or CSV export)',
  'audit.profiles-loaded': 'staff or person facts used to explain accesses were loaded from a CSV export',
  'audit.access-reason-given': 'a staff member gave a reason for opening a record with no work relationship',
  'audit.report-read': 'a weekly report of flagged accesses (naming people) was read',
  'audit.report-mailed': 'a weekly report of flagged accesses was e-mailed to a manager',
  'audit.flag-reviewed': 'an auditor marked a flagged access justified or a breach',
} as const;

export type AuditAction = keyof typeof auditActions;
