import { formatDate, humanise, label, roleLabels } from '../format.ts';
import type { StaffRole } from '../types.ts';
import { auditActionLabels } from './audit-format.ts';
import { useApi } from './hooks.ts';

interface AccessLogAnswer {
  personId: string;
  accesses: Array<{ date: string; role: string; action: string; count: number }>;
}

/** The roles the API lets read a person's access log (officers only for their own access requests). */
export function canReadAccessLog(role: StaffRole): boolean {
  return role === 'officer' || role === 'manager' || role === 'auditor';
}

/**
 * "Who looked at my record", for a person's own access request: staff roles and dates (never names) of every
 * audited access to the record. A 403 or 404 (not this officer's request) shows nothing at all.
 */
export function AccessLog({ personId }: { personId: string }) {
  const log = useApi<AccessLogAnswer>(`/api/people/${encodeURIComponent(personId)}/access-log`);
  if (log.kind === 'error' && (log.error.status === 403 || log.error.status === 404)) return null;
  return (
    <section aria-labelledby="access-log-heading">
      <h2 className="govuk-heading-m" id="access-log-heading">
        Who looked at this person’s record
      </h2>
      <p className="govuk-body">
        The staff roles and dates of every recorded access to the person’s record, without staff names. You
        may include this list in the release to the person.
      </p>
      {log.kind === 'loading' ? <p className="govuk-body">Loading the list…</p> : null}
      {log.kind === 'error' ? <p className="govuk-body">{log.error.message}</p> : null}
      {log.kind === 'ready' && log.data.accesses.length === 0 ? (
        <p className="govuk-body">No accesses are recorded.</p>
      ) : null}
      {log.kind === 'ready' && log.data.accesses.length > 0 ? (
        <div
          className="app-table-scroll app-table-scroll--narrow"
          role="region"
          aria-labelledby="access-log-caption"
          tabIndex={0}
        >
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="access-log-caption">
              Accesses to the person’s record, oldest first
            </caption>
            <thead>
              <tr>
                <th scope="col" className="govuk-table__header">
                  Date
                </th>
                <th scope="col" className="govuk-table__header">
                  Staff role
                </th>
                <th scope="col" className="govuk-table__header">
                  What they did
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Times
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.accesses.map((access, index) => (
                <tr key={`${access.date}-${access.role}-${access.action}-${index}`}>
                  <td className="govuk-table__cell app-nowrap">{formatDate(access.date)}</td>
                  <td className="govuk-table__cell">{label(roleLabels, access.role)}</td>
                  <td className="govuk-table__cell">
                    {auditActionLabels[access.action] ?? humanise(access.action)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{access.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
