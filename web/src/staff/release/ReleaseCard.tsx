import type { ReactNode } from 'react';
import { SummaryList, Tag, type SummaryRow } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { sectionText } from './grounds.ts';
import { methodLabels, pagesText, releaseStatusLabels, scheduleOutcomeLabels, words } from './labels.ts';
import type { Release } from './types.ts';

/** One built package: its state, the PDF, and the schedule of what it holds. */
export function ReleaseCard({ release, children }: { release: Release; children?: ReactNode }) {
  const headingId = `release-${release.id}-heading`;
  const captionId = `release-${release.id}-schedule`;
  const rows: SummaryRow[] = [
    {
      key: 'Status',
      value: (
        <Tag colour={release.status === 'built' ? 'blue' : 'green'}>
          {words(releaseStatusLabels, release.status)}
        </Tag>
      ),
    },
    { key: 'Pages', value: String(release.pageCount) },
    { key: 'Built', value: formatDateTime(release.builtAt) },
  ];
  if (release.method) rows.push({ key: 'How', value: words(methodLabels, release.method) });
  if (release.recipient)
    rows.push({ key: 'To', value: <span className="app-preserve-lines">{release.recipient}</span> });
  if (release.sentAt) {
    rows.push({
      key: release.status === 'sent' ? 'Sent' : 'Made available',
      value: formatDateTime(release.sentAt),
    });
  }
  return (
    <section className="govuk-summary-card" aria-labelledby={headingId}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={headingId}>
          Package built {formatDateTime(release.builtAt)}
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
        <p className="govuk-body">
          <a className="govuk-link" href={release.url}>
            Download the release package (PDF, {release.pageCount}{' '}
            {release.pageCount === 1 ? 'page' : 'pages'})
          </a>
        </p>
        <div className="app-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption" id={captionId}>
              Schedule of documents
            </caption>
            <thead>
              <tr>
                <th scope="col" className="govuk-table__header">
                  Document
                </th>
                <th scope="col" className="govuk-table__header">
                  Pages in the package
                </th>
                <th scope="col" className="govuk-table__header">
                  Outcome
                </th>
                <th scope="col" className="govuk-table__header">
                  Grounds
                </th>
              </tr>
            </thead>
            <tbody>
              {release.schedule.map((entry) => (
                <tr key={entry.documentId}>
                  <td className="govuk-table__cell app-break">{entry.title}</td>
                  <td className="govuk-table__cell">{pagesText(entry)}</td>
                  <td className="govuk-table__cell">{words(scheduleOutcomeLabels, entry.outcome)}</td>
                  <td className="govuk-table__cell">
                    {entry.grounds.length > 0 ? entry.grounds.map(sectionText).join(', ') : 'None'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {children}
      </div>
    </section>
  );
}
