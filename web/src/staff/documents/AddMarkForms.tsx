import { useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  Form,
  problemFor,
  Select,
  TextInput,
  type Problem,
} from '../../components/forms.tsx';
import { groundOptions, sectionText } from './grounds.ts';
import { problemsFromError } from './parts.tsx';
import type { TextSelection } from './selection.ts';
import { findText, parseRect, type RectInput } from './text-marks.ts';
import type { DocumentPage, Mark } from './types.ts';

type Setter = (problems: Problem[]) => void;

/**
 * An officer's own marks on the page: the words selected in the page text, words typed in, or an area
 * given as four numbers (or dragged on the image). Each is withheld at once, with its ground.
 */
export function AddMarkForms({
  documentId,
  page,
  track,
  selection,
  clearSelection,
  area,
  setArea,
  problems,
  setProblems,
  onAdded,
}: {
  documentId: string;
  page: DocumentPage;
  track: string | null;
  selection: TextSelection | null;
  clearSelection: () => void;
  area: RectInput;
  setArea: (area: RectInput) => void;
  problems: Problem[];
  setProblems: Setter;
  onAdded: (mark: Mark, message: string) => void;
}) {
  const [busy, setBusy] = useState(false);

  const add = async (
    body: Record<string, unknown>,
    targets: Record<string, string>,
    message: string,
    after: () => void,
  ): Promise<void> => {
    setBusy(true);
    try {
      const mark = await api<Mark>('POST', `/api/documents/${encodeURIComponent(documentId)}/marks`, body);
      after();
      onAdded(mark, message);
    } catch (error) {
      setProblems(problemsFromError(error, targets, Object.values(targets)[0] ?? null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="add-mark-heading">
      <h2 className="govuk-heading-m" id="add-mark-heading">
        Add a mark to page {page.page}
      </h2>
      <SelectionForm
        page={page}
        track={track}
        selection={selection}
        busy={busy}
        problems={problems}
        setProblems={setProblems}
        add={add}
        clearSelection={clearSelection}
      />
      <TypedTextForm
        page={page}
        track={track}
        busy={busy}
        problems={problems}
        setProblems={setProblems}
        add={add}
      />
      <AreaForm
        page={page}
        track={track}
        area={area}
        setArea={setArea}
        busy={busy}
        problems={problems}
        setProblems={setProblems}
        add={add}
      />
    </section>
  );
}

interface SubFormProps {
  page: DocumentPage;
  track: string | null;
  busy: boolean;
  problems: Problem[];
  setProblems: Setter;
  add: (
    body: Record<string, unknown>,
    targets: Record<string, string>,
    message: string,
    after: () => void,
  ) => Promise<void>;
}

function GroundAndNote({
  prefix,
  track,
  ground,
  setGround,
  note,
  setNote,
  problems,
}: {
  prefix: string;
  track: string | null;
  ground: string;
  setGround: (value: string) => void;
  note: string;
  setNote: (value: string) => void;
  problems: Problem[];
}) {
  return (
    <>
      <Select
        id={`${prefix}-ground`}
        label="Ground for withholding"
        value={ground}
        onChange={setGround}
        options={groundOptions(track)}
        error={problemFor(problems, `${prefix}-ground`)}
      />
      <TextInput
        id={`${prefix}-note`}
        label="Note (optional)"
        value={note}
        onChange={setNote}
        error={problemFor(problems, `${prefix}-note`)}
      />
    </>
  );
}

function SelectionForm(
  props: SubFormProps & { selection: TextSelection | null; clearSelection: () => void },
) {
  const { page, track, selection, busy, problems, setProblems, add, clearSelection } = props;
  const [ground, setGround] = useState('');
  const [note, setNote] = useState('');

  const submit = () => {
    const found: Problem[] = [];
    if (!selection)
      found.push({ target: 'page-text', message: 'Select the words to withhold in the text of the page' });
    if (!ground)
      found.push({ target: 'selection-ground', message: 'Choose the ground for withholding the selection' });
    if (found.length > 0 || !selection) {
      setProblems(found);
      return;
    }
    void add(
      {
        page: page.page,
        kind: 'text',
        text: selection.text,
        startOffset: selection.start,
        endOffset: selection.end,
        ground,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { ground: 'selection-ground', note: 'selection-note', text: 'page-text', startOffset: 'page-text' },
      `Withheld “${selection.text}” on ${sectionText(ground)}.`,
      () => {
        setNote('');
        clearSelection();
        window.getSelection()?.removeAllRanges();
      },
    );
  };

  return (
    <div className="app-add-mark">
      <h3 className="govuk-heading-s">Withhold selected text</h3>
      <p className="govuk-body" role="status" id="selection-status">
        {selection ? (
          <>
            Selected: <span className="app-selected-text">{selection.text}</span>
          </>
        ) : (
          'No text selected yet. Select words in the text of the page above.'
        )}
      </p>
      <Form onSubmit={submit} label="Withhold selected text">
        <GroundAndNote
          prefix="selection"
          track={track}
          ground={ground}
          setGround={setGround}
          note={note}
          setNote={setNote}
          problems={problems}
        />
        <ButtonGroup>
          <Button disabled={busy}>Withhold selection</Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}

function TypedTextForm(props: SubFormProps) {
  const { page, track, busy, problems, setProblems, add } = props;
  const [text, setText] = useState('');
  const [ground, setGround] = useState('');
  const [note, setNote] = useState('');

  const submit = () => {
    const found: Problem[] = [];
    const wanted = text.trim();
    const place = wanted ? findText(page.text, wanted) : null;
    if (!wanted) found.push({ target: 'typed-text', message: 'Enter the words to withhold' });
    else if (!place)
      found.push({ target: 'typed-text', message: `“${wanted}” is not in the text of page ${page.page}` });
    if (!ground)
      found.push({ target: 'typed-ground', message: 'Choose the ground for withholding the words' });
    if (found.length > 0 || !place) {
      setProblems(found);
      return;
    }
    void add(
      {
        page: page.page,
        kind: 'text',
        text: wanted,
        startOffset: place.start,
        endOffset: place.end,
        ground,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { text: 'typed-text', startOffset: 'typed-text', ground: 'typed-ground', note: 'typed-note' },
      `Withheld “${wanted}” on ${sectionText(ground)}.`,
      () => {
        setText('');
        setNote('');
      },
    );
  };

  return (
    <div className="app-add-mark">
      <h3 className="govuk-heading-s">Withhold words you type</h3>
      <Form onSubmit={submit} label="Withhold words you type">
        <TextInput
          id="typed-text"
          label="Words to withhold"
          hint="Exactly as they appear on this page. They are withheld wherever they occur in the document."
          value={text}
          onChange={setText}
          error={problemFor(problems, 'typed-text')}
          width="30"
        />
        <GroundAndNote
          prefix="typed"
          track={track}
          ground={ground}
          setGround={setGround}
          note={note}
          setNote={setNote}
          problems={problems}
        />
        <ButtonGroup>
          <Button disabled={busy}>Withhold these words</Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}

function AreaForm(props: SubFormProps & { area: RectInput; setArea: (area: RectInput) => void }) {
  const { page, track, area, setArea, busy, problems, setProblems, add } = props;
  const [ground, setGround] = useState('');
  const [note, setNote] = useState('');
  const edge = (key: keyof RectInput) => (value: string) => setArea({ ...area, [key]: value });
  const width = Math.round(page.width);
  const height = Math.round(page.height);

  const submit = () => {
    const parsed = parseRect(area, page.width, page.height);
    const found: Problem[] =
      'problems' in parsed
        ? parsed.problems.map((problem) => ({ target: `area-${problem.field}`, message: problem.message }))
        : [];
    if (!ground) found.push({ target: 'area-ground', message: 'Choose the ground for withholding the area' });
    if (found.length > 0 || !('rect' in parsed)) {
      setProblems(found);
      return;
    }
    void add(
      {
        page: page.page,
        kind: 'area',
        rect: parsed.rect,
        ground,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { rect: 'area-x0', ground: 'area-ground', note: 'area-note' },
      `Withheld an area of page ${page.page} on ${sectionText(ground)}.`,
      () => {
        setArea({ x0: '', y0: '', x1: '', y1: '' });
        setNote('');
      },
    );
  };

  return (
    <div className="app-add-mark">
      <h3 className="govuk-heading-s">Withhold an area of the page</h3>
      <Form onSubmit={submit} label="Withhold an area of the page">
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset" aria-describedby="area-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Where the area is</legend>
            <div className="govuk-hint" id="area-hint">
              In points from the top-left corner of the page, which is {width} points wide and {height} high.
              For example a photo, a signature or a handwritten note.
            </div>
            <div className="app-area-inputs">
              <TextInput
                id="area-x0"
                label="Left edge"
                value={area.x0}
                onChange={edge('x0')}
                inputMode="numeric"
                width="4"
                error={problemFor(problems, 'area-x0')}
              />
              <TextInput
                id="area-y0"
                label="Top edge"
                value={area.y0}
                onChange={edge('y0')}
                inputMode="numeric"
                width="4"
                error={problemFor(problems, 'area-y0')}
              />
              <TextInput
                id="area-x1"
                label="Right edge"
                value={area.x1}
                onChange={edge('x1')}
                inputMode="numeric"
                width="4"
                error={problemFor(problems, 'area-x1')}
              />
              <TextInput
                id="area-y1"
                label="Bottom edge"
                value={area.y1}
                onChange={edge('y1')}
                inputMode="numeric"
                width="4"
                error={problemFor(problems, 'area-y1')}
              />
            </div>
          </fieldset>
        </div>
        <GroundAndNote
          prefix="area"
          track={track}
          ground={ground}
          setGround={setGround}
          note={note}
          setNote={setNote}
          problems={problems}
        />
        <ButtonGroup>
          <Button disabled={busy}>Withhold this area</Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}
