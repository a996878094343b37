import { Loading, SummaryList, Tag } from '../../components/ui.tsx';
import type { Resource } from './useResource.ts';
import type { ReviewStatus } from './types.ts';

/** Whether review is finished enough for a decision, and if not, what still stands in the way. */
export function ReviewStatusPanel({ status }: { status: Resource<ReviewStatus> }) {
  return (
    <section className="app-review-status" aria-labelledby="review-status-heading">
      <h2 className="govuk-heading-m" id="review-status-heading">
        Review status
      </h2>
      {status.kind === 'loading' ? <Loading>Checking the review…</Loading> : null}
      {status.kind === 'error' ? (
        <p className="govuk-body">Could not check the review: {status.error.message}</p>
      ) : null}
      {status.kind === 'ready' ? <StatusBody status={status.data} /> : null}
    </section>
  );
}

function StatusBody({ status }: { status: ReviewStatus }) {
  return (
    <>
      <p className="govuk-body">
        {status.ready ? (
          <>
            <Tag colour="green">Ready for a decision</Tag> Nothing in the review is waiting.
          </>
        ) : (
          <Tag colour="orange">Review not finished</Tag>
        )}
      </p>
      {!status.ready && status.blockers.length > 0 ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-2" id="blockers-intro">
            Before a decision can be made:
          </p>
          <ul className="govuk-list govuk-list--bullet" aria-labelledby="blockers-intro">
            {status.blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </>
      ) : null}
      {status.notes && status.notes.length > 0 ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-2" id="review-notes-intro">
            Also worth knowing:
          </p>
          <ul className="govuk-list govuk-list--bullet" aria-labelledby="review-notes-intro">
            {status.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
      <SummaryList
        rows={[
          { key: 'Documents', value: String(status.documents) },
          { key: 'Documents not decided', value: String(status.undecidedDocuments) },
          { key: 'Suggested marks waiting', value: String(status.suggestedMarks) },
          { key: 'Staff names still open', value: String(status.openStaffNames) },
        ]}
      />
    </>
  );
}
