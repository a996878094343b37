import { useState } from 'react';
import {
  Button,
  ButtonGroup,
  FileUpload,
  Form,
  problemFor,
  TextInput,
  type Problem,
} from '../../components/forms.tsx';
import { problemsFromError } from './parts.tsx';
import type { UploadResult } from './types.ts';
import { uploadDocument } from './upload.ts';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt,.eml,.docx,.doc,.odt,.rtf';

/** Adds a document: the file's bytes go up as they are; the server reads the type from the content. */
export function UploadForm({
  requestId,
  problems,
  setProblems,
  onUploaded,
}: {
  requestId: string;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onUploaded: (result: UploadResult) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  // A new key empties the file input after an upload (a file input cannot be set from script).
  const [formKey, setFormKey] = useState(0);

  const submit = async () => {
    if (!file) {
      setProblems([{ target: 'upload-file', message: 'Select a file to upload' }]);
      return;
    }
    setBusy(true);
    try {
      const result = await uploadDocument(requestId, file, title);
      setFile(null);
      setTitle('');
      setFormKey((n) => n + 1);
      onUploaded(result);
    } catch (error) {
      setProblems(
        problemsFromError(
          error,
          { file: 'upload-file', filename: 'upload-file', title: 'upload-title' },
          'upload-file',
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="upload-heading">
      <h2 className="govuk-heading-m" id="upload-heading">
        Add a document
      </h2>
      <Form onSubmit={() => void submit()} label="Add a document" key={formKey}>
        <FileUpload
          id="upload-file"
          label="File"
          hint="A PDF, an image (PNG, JPEG or TIFF), plain text or an e-mail (.eml); an e-mail's attachments are added as documents too. Word and OpenDocument files are converted to PDF when the server can. Scanned pages are read by OCR, which can take a minute."
          accept={ACCEPT}
          onChange={setFile}
          error={problemFor(problems, 'upload-file')}
        />
        <TextInput
          id="upload-title"
          label="Title (optional)"
          hint="For example, Incident report 12 March 2026. Leave empty to use the file name."
          value={title}
          onChange={setTitle}
          error={problemFor(problems, 'upload-title')}
          width="30"
        />
        <ButtonGroup>
          <Button disabled={busy}>{busy ? 'Uploading…' : 'Upload the document'}</Button>
        </ButtonGroup>
        {busy ? (
          <p className="govuk-body app-loading" role="status">
            Uploading and reading the document…
          </p>
        ) : null}
      </Form>
    </section>
  );
}
