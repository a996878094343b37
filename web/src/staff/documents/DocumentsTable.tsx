import { Link } from '../../router.tsx';
import { Tag } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { sectionText } from './grounds.ts';
import { dispositionColours, dispositionLabels, sourceTypeLabels } from './labels.ts';
import type { DocumentSummary } from './types.ts';

/**
 * The request's documents, each linking to its review (when the role may read them). A wide table
 * scrolls inside its own region.
 */
export function DocumentsTable({ documents, linked }: { documents: DocumentSummary[]; linked: boolean }) {
  if (documents.length === 0) {
    return <p className="govuk-body">No documents have been added to this request yet.</p>;
  }
  return (
    <div className="app-table-scroll" role="region" aria-labelledby="documents-caption" tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden" id="documents-caption">
          Documents in scope, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col" className="govuk-table__header">
              Title
            </th>
            <th scope="col" className="govuk-table__header">
              Type
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Pages
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Pages read by OCR
            </th>
            <th scope="col" className="govuk-table__header">
              Decision
            </th>
            <th scope="col" className="govuk-table__header">
              Marks
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => (
            <tr key={document.id}>
              <td className="govuk-table__cell">
                {linked ? (
                  <Link className="govuk-link" to={`/work/documents/${document.id}`}>
                    {document.title}
                    <span className="govuk-visually-hidden">: review this document</span>
                  </Link>
                ) : (
                  document.title
                )}
                <br />
                <span className="app-secondary-text">
                  {document.originalFilename}, added {formatDateTime(document.addedAt)}
                  {document.addedBy ? ` by ${document.addedBy.name}` : ''}
                </span>
              </td>
              <td className="govuk-table__cell">
                {sourceTypeLabels[document.sourceType] ?? document.sourceType}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{document.pageCount}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{document.ocrPages}</td>
              <td className="govuk-table__cell">
                <Tag colour={dispositionColours[document.disposition]}>
                  {dispositionLabels[document.disposition] ?? document.disposition}
                </Tag>
                {document.withholdGround ? (
                  <>
                    <br />
                    <span className="app-secondary-text">on {sectionText(document.withholdGround)}</span>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell app-nowrap">
                {document.marks.suggested} suggested
                <br />
                {document.marks.accepted} accepted
                <br />
                {document.marks.rejected} rejected
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
