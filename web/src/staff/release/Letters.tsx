import { api } from '../../api.ts';
import { Button, ButtonGroup } from '../../components/forms.tsx';
import { formatDateTime } from '../../format.ts';
import type { RequestDetail } from '../../types.ts';
import { letterKindLabels, words } from './labels.ts';
import type { RunCommand } from './page-command.ts';
import type { Letter, LetterKind } from './types.ts';

/**
 * The letters and notices made for the request, each a PDF, and the notices that can be produced: an
 * extension notice (s 48) once the time limit is extended, a transfer notice (s 43) once transferred.
 * The decision letter is made when the decision is approved.
 */
export function Letters({
  request,
  letters,
  role,
  busy,
  run,
}: {
  request: RequestDetail;
  letters: Letter[];
  role: string;
  busy: boolean;
  run: RunCommand;
}) {
  const canProduce = role === 'officer' || role === 'decision-maker';
  const producible: Array<{ kind: LetterKind; text: string }> = [];
  if (request.extension) producible.push({ kind: 'extension', text: 'Produce the extension notice' });
  if (request.transfer) producible.push({ kind: 'transfer', text: 'Produce the transfer notice' });
  const produce = (kind: LetterKind) =>
    void run(
      () => api('POST', `/api/requests/${encodeURIComponent(request.id)}/letters`, { kind }),
      `${words(letterKindLabels, kind)} produced`,
    );
  const sorted = [...letters].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section aria-labelledby="letters-heading">
      <h2 className="govuk-heading-m" id="letters-heading">
        Letters and notices
      </h2>
      {sorted.length === 0 ? (
        <p className="govuk-body">
          No letters yet. The decision letter is made when the decision is approved (or, for a grant in full,
          when it is submitted).
        </p>
      ) : (
        <ul className="govuk-list app-letter-list">
          {sorted.map((letter) => (
            <li key={letter.id}>
              <a className="govuk-link" href={letter.url}>
                {words(letterKindLabels, letter.kind)} (PDF)
              </a>{' '}
              <span className="app-secondary-text">made {formatDateTime(letter.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {canProduce && producible.length > 0 ? (
        <ButtonGroup>
          {producible.map((item) => (
            <Button
              key={item.kind}
              type="button"
              variant="secondary"
              disabled={busy}
              onClick={() => produce(item.kind)}
            >
              {item.text}
            </Button>
          ))}
        </ButtonGroup>
      ) : null}
    </section>
  );
}
