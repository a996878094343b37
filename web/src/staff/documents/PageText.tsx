import { useEffect, useMemo, useRef } from 'react';
import { sectionText } from './grounds.ts';
import { readSelection, type TextSelection } from './selection.ts';
import { segmentPage } from './text-marks.ts';
import type { DocumentPage, Mark } from './types.ts';

/**
 * The page's text with suggested and accepted marks highlighted. Each highlight says in words, for screen
 * readers, where it starts and ends and what it is. A reviewer selects words here to withhold them.
 */
export function PageText({
  page,
  marks,
  selectable,
  onSelect,
}: {
  page: DocumentPage;
  marks: readonly Mark[];
  selectable: boolean;
  onSelect: (selection: TextSelection) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => marks.filter((mark) => mark.status !== 'rejected'), [marks]);
  const segments = useMemo(() => segmentPage(page.text, shown), [page.text, shown]);

  useEffect(() => {
    if (!selectable) return;
    // Kept when the selection later collapses (pressing a button can clear it): the form shows what
    // will be withheld, and a new selection replaces it.
    const onChange = () => {
      const element = container.current;
      if (!element) return;
      const selection = readSelection(element, page.text);
      if (selection) onSelect(selection);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [selectable, page.text, onSelect]);

  return (
    // Not a labelled section: the text box below is the region named by this heading.
    <div className="app-page-review__text">
      <h2 className="govuk-heading-m" id="page-text-heading">
        Text of page {page.page}
      </h2>
      <p className="govuk-hint" id="page-text-hint">
        {page.ocr ? 'This page is a scan: its text was read by OCR and may have mistakes. ' : ''}
        {selectable ? 'Select words here, then choose “Withhold selection” below.' : ''}
      </p>
      {page.text.trim() === '' ? (
        <p className="govuk-body">There is no text on this page.</p>
      ) : (
        <div
          className="app-page-text"
          id="page-text"
          ref={container}
          tabIndex={0}
          role="region"
          aria-labelledby="page-text-heading"
          aria-describedby="page-text-hint"
        >
          {segments.map((segment, index) =>
            segment.mark ? (
              <mark
                key={`${segment.mark.id}-${index}`}
                className={`app-text-mark app-text-mark--${segment.mark.status}`}
                title={markTitle(segment.mark)}
              >
                <span className="govuk-visually-hidden" data-skip="">
                  [{markTitle(segment.mark)}:{' '}
                </span>
                {segment.text}
                <span className="govuk-visually-hidden" data-skip="">
                  {' '}
                  end of mark]
                </span>
              </mark>
            ) : (
              segment.text
            ),
          )}
        </div>
      )}
    </div>
  );
}

function markTitle(mark: Mark): string {
  const what = mark.status === 'accepted' ? 'withheld' : 'suggested for withholding';
  const staff = mark.staffName ? ', staff name' : '';
  return `${what}${mark.ground ? ` on ${sectionText(mark.ground)}` : ''}${staff}`;
}
