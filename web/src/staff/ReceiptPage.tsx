import { Link, useLocation } from '../router.tsx';
import { Button, ButtonGroup } from '../components/forms.tsx';
import { Loading, Panel, SummaryList, useTitle } from '../components/ui.tsx';
import { formatDate, formatDateTime, kindLabels, label } from '../format.ts';
import type { RequestDetail } from '../types.ts';
import { useApi } from './hooks.ts';
import { STAFF_SERVICE } from './session.tsx';
import { AccessGate } from './AccessGate.tsx';

/** The receipt handed to the person: reference, when received, when due, what happens next, no charge. Prints cleanly. */
export function ReceiptPage({ id }: { id: string }) {
  const request = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);
  const { search } = useLocation();
  const justRecorded = search.get('new') === '1';
  useTitle(request.kind === 'ready' ? `Receipt for ${request.data.reference}` : 'Receipt', STAFF_SERVICE);

  if (request.kind === 'loading') return <Loading>Loading the receipt…</Loading>;
  if (request.kind === 'error') {
    return (
      <>
        <h1 className="govuk-heading-l">Request not found</h1>
        <p className="govuk-body">
          <Link to="/work">Back to the request queues</Link>
        </p>
      </>
    );
  }
  const data = request.data;
  // The page has one h1: the panel's after recording, otherwise the receipt's own title.
  const Heading = justRecorded ? 'h2' : 'h1';
  return (
    <AccessGate
      key={data.id}
      personId={data.subject.id}
      placeholder={<span className="govuk-caption-l">Request {data.reference}</span>}
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {justRecorded ? (
            <Panel title="Request recorded">
              Reference <strong>{data.reference}</strong>
            </Panel>
          ) : null}
          <div className="app-no-print govuk-!-margin-bottom-4">
            <ButtonGroup>
              <Button type="button" onClick={() => window.print()}>
                Print the receipt
              </Button>
              <Link className="govuk-link" to={`/work/requests/${encodeURIComponent(data.id)}`}>
                Go to the request
              </Link>
              <Link className="govuk-link" to="/work/record">
                Record another request
              </Link>
            </ButtonGroup>
          </div>
          <section aria-labelledby="receipt-title" className="app-receipt">
            <Heading className="govuk-heading-l" id="receipt-title">
              Receipt for your request <span lang="mi">/ Te rīhiti mō tō tono</span>
            </Heading>
            <p className="govuk-body">
              Keep this receipt. You will need the reference number to ask about your request.
            </p>
            <p className="govuk-body govuk-!-margin-bottom-2">Reference number</p>
            <p className="app-receipt__reference govuk-!-margin-bottom-6">{data.reference}</p>
            <SummaryList
              rows={[
                { key: 'Name', value: data.subject.name },
                ...(data.subject.prn ? [{ key: 'PRN', value: data.subject.prn }] : []),
                { key: 'Request', value: label(kindLabels, data.kind) },
                { key: 'Date received', value: formatDateTime(data.receivedAt) },
                {
                  key: 'We will reply by',
                  value: data.decisionDueDate
                    ? formatDate(data.decisionDueDate, { weekday: true })
                    : 'Within 20 working days',
                },
                { key: 'Cost', value: 'Free. There is no charge for this request.' },
              ]}
            />
            <h3 className="govuk-heading-m">What happens next</h3>
            <ol className="govuk-list govuk-list--number">
              <li>A privacy officer looks at your request within 24 hours.</li>
              <li>
                We will tell you our decision as soon as we can, and by{' '}
                {data.decisionDueDate ? formatDate(data.decisionDueDate) : 'the date above'} at the latest.
                That is 20 working days after we received it (weekends and public holidays are not counted).
              </li>
              <li>
                If we need more time, for example because there is a lot of information, we will write to you
                before that date to say how long and why. This can happen only once.
              </li>
              <li>If we need to ask you something about your request, we will contact you.</li>
            </ol>
            <h3 className="govuk-heading-m">If you are not happy</h3>
            <p className="govuk-body">
              You can complain to the Privacy Commissioner if you are not happy with how we handle your
              request, or if we do not reply by the date above. Phone 0800 803 909 or visit privacy.org.nz.
            </p>
            <p className="govuk-body">
              You can check your request at a kiosk with your reference number and PRN, or ask a staff member.
            </p>
          </section>
        </div>
      </div>
    </AccessGate>
  );
}
