import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  Form,
  problemFor,
  Radios,
  TextArea,
  TextInput,
  type Problem,
} from '../../components/forms.tsx';
import { SummaryList, WarningText } from '../../components/ui.tsx';
import { looksLikeEmail, methodLabels, releaseMethods, words } from './labels.ts';
import type { RunCommand } from './page-command.ts';
import type { Release } from './types.ts';

const methodHints: Record<string, string> = {
  email: 'The package and the decision letter are attached to an e-mail.',
  post: 'Print the package and the letter and post them.',
  inspection: 'The requester looks at it at the office, never left alone with the file (s 56).',
  'supervised-viewing': 'The requester hears or views a recording with a staff member present.',
  'copy-collected': 'The requester collects a printed copy in person.',
};

/**
 * Checks a send form's answers; returns the problems (by input id) or the body for POST /api/releases/:id/send.
 * @example sendBody('email', 'not an address') // { problems: [{ target: 'recipient', … }] }
 */
export function sendBody(
  method: string,
  recipient: string,
): { problems: Problem[] } | { body: { method: string; recipient?: string } } {
  const to = recipient.trim();
  if (!method) return { problems: [{ target: 'method', message: 'Select how the package is released' }] };
  if (method === 'email' && !to) {
    return { problems: [{ target: 'recipient', message: 'Enter the e-mail address to send it to' }] };
  }
  if (method === 'email' && !looksLikeEmail(to)) {
    return {
      problems: [
        {
          target: 'recipient',
          message: 'Enter an e-mail address in the correct format, like name@example.nz',
        },
      ],
    };
  }
  if (method === 'post' && !to) {
    return { problems: [{ target: 'recipient', message: 'Enter the postal address' }] };
  }
  return { body: to ? { method, recipient: to } : { method } };
}

/**
 * Sends a built package or records that it was made available: how (e-mail, post, inspection, supervised
 * viewing or a collected copy) and to whom, then a check step before anything leaves.
 */
export function SendForm({
  release,
  requesterContact,
  problems,
  busy,
  onProblems,
  run,
}: {
  release: Release;
  requesterContact: string | null;
  problems: Problem[];
  busy: boolean;
  onProblems: (problems: Problem[]) => void;
  run: RunCommand;
}) {
  const [method, setMethod] = useState('');
  const [recipient, setRecipient] = useState('');
  const [checking, setChecking] = useState<{ method: string; recipient?: string } | null>(null);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (checking) checkHeading.current?.focus();
  }, [checking]);

  const toCheck = () => {
    const built = sendBody(method, recipient);
    if ('problems' in built) {
      onProblems(built.problems);
      return;
    }
    onProblems([]);
    setChecking(built.body);
  };

  if (checking) {
    const confirm = () =>
      void run(
        () => api('POST', `/api/releases/${encodeURIComponent(release.id)}/send`, checking),
        checking.method === 'email'
          ? `Release package sent by e-mail to ${checking.recipient ?? ''}`
          : `Release recorded: ${words(methodLabels, checking.method).toLowerCase()}`,
      );
    return (
      <div className="app-send-check">
        <h4 className="govuk-heading-s" id="send-check-heading" tabIndex={-1} ref={checkHeading}>
          Check before you release it
        </h4>
        <SummaryList
          rows={[
            { key: 'Package', value: `${release.pageCount} ${release.pageCount === 1 ? 'page' : 'pages'}` },
            { key: 'How', value: words(methodLabels, checking.method) },
            { key: 'To', value: checking.recipient ?? 'The requester' },
          ]}
        />
        <WarningText>
          Once released it cannot be taken back. The disclosure log records what was released, to whom and
          how.
        </WarningText>
        <ButtonGroup>
          <Button type="button" disabled={busy} onClick={confirm}>
            {checking.method === 'email' ? 'Confirm and send' : 'Confirm and record'}
          </Button>
          <Button type="button" variant="secondary" disabled={busy} onClick={() => setChecking(null)}>
            Change
          </Button>
        </ButtonGroup>
      </div>
    );
  }

  return (
    <Form onSubmit={toCheck} label="Release the package">
      <Radios
        id="method"
        legend="How is it released?"
        choices={releaseMethods.map((value) => ({
          value,
          label: words(methodLabels, value),
          hint: methodHints[value],
        }))}
        value={method}
        onChange={(value) => {
          setMethod(value);
          // An address for one way of sending is no answer for another.
          setRecipient(value === 'email' && looksLikeEmail(requesterContact) ? (requesterContact ?? '') : '');
        }}
        error={problemFor(problems, 'method')}
      />
      {method === '' ? null : method === 'post' ? (
        <TextArea
          id="recipient"
          label="Postal address"
          value={recipient}
          onChange={setRecipient}
          error={problemFor(problems, 'recipient')}
          rows={4}
          autoComplete="off"
        />
      ) : (
        <TextInput
          id="recipient"
          label={method === 'email' ? 'E-mail address' : 'Who it is released to'}
          hint={
            method === 'email'
              ? looksLikeEmail(requesterContact)
                ? 'The requester’s contact address is filled in.'
                : 'The requester gave no e-mail address.'
              : 'Leave blank when it is the requester.'
          }
          type={method === 'email' ? 'email' : 'text'}
          value={recipient}
          onChange={setRecipient}
          error={problemFor(problems, 'recipient')}
          width="30"
        />
      )}
      <ButtonGroup>
        <Button disabled={busy}>Continue</Button>
      </ButtonGroup>
    </Form>
  );
}
