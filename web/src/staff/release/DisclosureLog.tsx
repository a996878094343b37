import { formatDate, formatDateTime } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useApi } from '../hooks.ts';
import { sectionText } from './grounds.ts';
import { methodLabels, scheduleOutcomeLabels, words } from './labels.ts';
import { SectionState } from './RequestFrame.tsx';
import type { DisclosureEntry, SinceLastRelease } from './types.ts';

/** What was released and withheld for this request, to whom, when and how. */
export function DisclosureLog({ requestId, version }: { requestId: string; version: number }) {
  const log = useApi<{ entries: DisclosureEntry[] }>(
    `/api/requests/${encodeURIComponent(requestId)}/disclosures`,
    version,
  );
  return (
    <section aria-labelledby="disclosure-log-heading">
      <h2 className="govuk-heading-m" id="disclosure-log-heading">
        Disclosure log
      </h2>
      {log.kind !== 'ready' ? (
        <SectionState state={log} what="the disclosure log" />
      ) : log.data.entries.length === 0 ? (
        <p className="govuk-body">Nothing has been released for this request yet.</p>
      ) : (
        <div className="app-table-scroll" role="region" aria-labelledby="disclosure-log-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="disclosure-log-caption">
              What was released and withheld for this request
            </caption>
            <thead>
              <tr>
                <th scope="col" className="govuk-table__header">
                  Released
                </th>
                <th scope="col" className="govuk-table__header">
                  Document
                </th>
                <th scope="col" className="govuk-table__header">
                  Outcome
                </th>
                <th scope="col" className="govuk-table__header app-numeric">
                  Pages released
                </th>
                <th scope="col" className="govuk-table__header app-numeric">
                  Pages withheld
                </th>
                <th scope="col" className="govuk-table__header">
                  Grounds
                </th>
                <th scope="col" className="govuk-table__header">
                  To
                </th>
                <th scope="col" className="govuk-table__header">
                  How
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="govuk-table__cell">{formatDateTime(entry.disclosedAt)}</td>
                  <td className="govuk-table__cell app-break">{entry.title}</td>
                  <td className="govuk-table__cell">{words(scheduleOutcomeLabels, entry.outcome)}</td>
                  <td className="govuk-table__cell app-numeric">{entry.pagesReleased}</td>
                  <td className="govuk-table__cell app-numeric">{entry.pagesWithheld}</td>
                  <td className="govuk-table__cell">
                    {entry.grounds.length > 0 ? entry.grounds.map(sectionText).join(', ') : 'None'}
                  </td>
                  <td className="govuk-table__cell app-break">{entry.recipient}</td>
                  <td className="govuk-table__cell">{words(methodLabels, entry.method)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * For a repeat request for a whole file: what was gathered for the person since their last release, so
 * the answer can be just that.
 */
export function SinceLastReleaseList({ requestId, version }: { requestId: string; version: number }) {
  const since = useApi<SinceLastRelease>(
    `/api/requests/${encodeURIComponent(requestId)}/since-last-release`,
    version,
  );
  return (
    <section aria-labelledby="since-heading">
      <h2 className="govuk-heading-m" id="since-heading">
        Gathered since the last release
      </h2>
      {since.kind !== 'ready' ? (
        <SectionState state={since} what="what was gathered since the last release" />
      ) : (
        <>
          <p className="govuk-body">
            {since.data.lastRelease
              ? `The person’s last release was on request ${since.data.lastRelease.reference}, on ${formatDate(since.data.lastRelease.sentAt)}. A repeat request for the whole file may be answered with what was gathered since.`
              : 'Nothing has been released to this person before.'}
          </p>
          {since.data.lastRelease && since.data.documents.length === 0 ? (
            <p className="govuk-body">No documents have been gathered since then.</p>
          ) : null}
          {since.data.documents.length > 0 ? (
            <ul className="govuk-list govuk-list--bullet">
              {since.data.documents.map((document) => (
                <li key={document.documentId}>
                  <span className="app-break">{document.title}</span>{' '}
                  <span className="app-secondary-text">
                    (request{' '}
                    <Link
                      className="govuk-link"
                      to={`/work/requests/${encodeURIComponent(document.requestId)}`}
                    >
                      {document.reference}
                    </Link>
                    , gathered {formatDate(document.gatheredAt)})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
