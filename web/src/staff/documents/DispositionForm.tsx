import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  Form,
  problemFor,
  Radios,
  Select,
  TextArea,
  type Problem,
} from '../../components/forms.tsx';
import { groundOptions, groundText } from './grounds.ts';
import { dispositionLabels } from './labels.ts';
import { problemsFromError } from './parts.tsx';
import type { DocumentDetail, DocumentSummary } from './types.ts';

/** The decision for the whole document: release it in full, withhold it in full (with a ground), or in part. */
export function DispositionForm({
  document,
  track,
  editable,
  problems,
  setProblems,
  onSaved,
}: {
  document: DocumentDetail;
  track: string | null;
  editable: boolean;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onSaved: (summary: DocumentSummary) => void;
}) {
  const initial = document.disposition === 'undecided' ? '' : document.disposition;
  const [disposition, setDisposition] = useState<string>(initial);
  const [ground, setGround] = useState(document.withholdGround ?? '');
  const [note, setNote] = useState(document.dispositionNote ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => setDisposition(initial), [initial]);

  const submit = async () => {
    const found: Problem[] = [];
    if (!disposition)
      found.push({ target: 'disposition', message: 'Choose what happens to the whole document' });
    if (disposition === 'withhold-in-full' && !ground)
      found.push({
        target: 'disposition-ground',
        message: 'Choose the ground for withholding the whole document',
      });
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    setBusy(true);
    try {
      const summary = await api<DocumentSummary>(
        'PUT',
        `/api/documents/${encodeURIComponent(document.id)}/disposition`,
        {
          disposition,
          ...(disposition === 'withhold-in-full' ? { ground } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      );
      onSaved(summary);
    } catch (error) {
      setProblems(
        problemsFromError(
          error,
          { disposition: 'disposition', ground: 'disposition-ground', note: 'disposition-note' },
          'disposition',
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="disposition-heading" className="app-disposition">
      <h2 className="govuk-heading-m" id="disposition-heading">
        Decision for the whole document
      </h2>
      <p className="govuk-body">
        Now: {dispositionLabels[document.disposition]}
        {document.withholdGround ? `, on ${groundText(document.withholdGround)}` : ''}
        {document.dispositionNote ? `. Note: ${document.dispositionNote}` : ''}
      </p>
      {editable ? (
        <Form onSubmit={() => void submit()} label="Decision for the whole document">
          <Radios
            id="disposition"
            legend="What happens to this document?"
            choices={[
              {
                value: 'partial',
                label: dispositionLabels.partial,
                hint: 'Released with the accepted marks removed.',
              },
              {
                value: 'release-in-full',
                label: dispositionLabels['release-in-full'],
                hint: 'Nothing in it is withheld.',
              },
              {
                value: 'withhold-in-full',
                label: dispositionLabels['withhold-in-full'],
                hint: 'No page is released; each page is listed as withheld with the ground.',
              },
            ]}
            value={disposition}
            onChange={setDisposition}
            error={problemFor(problems, 'disposition')}
          />
          {disposition === 'withhold-in-full' ? (
            <div className="app-conditional">
              <Select
                id="disposition-ground"
                label="Ground for withholding the whole document"
                value={ground}
                onChange={setGround}
                options={groundOptions(track)}
                error={problemFor(problems, 'disposition-ground')}
              />
            </div>
          ) : null}
          <TextArea
            id="disposition-note"
            label="Note (optional)"
            value={note}
            onChange={setNote}
            error={problemFor(problems, 'disposition-note')}
            rows={3}
          />
          <ButtonGroup>
            <Button disabled={busy}>Save the decision for this document</Button>
          </ButtonGroup>
        </Form>
      ) : null}
    </section>
  );
}
