import { useState, type PointerEvent } from 'react';
import { sectionText } from './grounds.ts';
import { markStatusLabels } from './labels.ts';
import type { RectInput } from './text-marks.ts';
import type { DocumentDetail, DocumentPage, Mark, Rect } from './types.ts';

/**
 * The page as an image with area marks outlined on it. Text marks are not drawn: their place on the image
 * is not known exactly, so they are highlighted in the page text instead. A reviewer may drag a box on
 * the image to fill in the area form (the form itself is the keyboard way).
 */
export function PageImage({
  document,
  page,
  marks,
  drawing,
  onDrawn,
}: {
  document: DocumentDetail;
  page: DocumentPage;
  marks: readonly Mark[];
  drawing: boolean;
  onDrawn: (area: RectInput) => void;
}) {
  const [failed, setFailed] = useState<number | null>(null);
  const [draft, setDraft] = useState<{ from: [number, number]; to: [number, number] } | null>(null);
  const areas = marks.filter(
    (mark): mark is Mark & { rect: Rect } => mark.kind === 'area' && mark.rect !== null,
  );
  const textMarks = marks.filter((mark) => mark.kind === 'text' && mark.status !== 'rejected').length;
  const src = `/api/documents/${encodeURIComponent(document.id)}/pages/${page.page}/image?scale=1.5`;

  /** Pointer position in page points (top-left origin), kept on the page. */
  const pointAt = (event: PointerEvent<HTMLDivElement>): [number, number] => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * page.width;
    const y = ((event.clientY - box.top) / box.height) * page.height;
    return [clamp(x, 0, page.width), clamp(y, 0, page.height)];
  };

  const handlers = drawing
    ? {
        onPointerDown: (event: PointerEvent<HTMLDivElement>) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const point = pointAt(event);
          setDraft({ from: point, to: point });
        },
        onPointerMove: (event: PointerEvent<HTMLDivElement>) => {
          if (!draft) return;
          const point = pointAt(event);
          setDraft((current) => (current ? { ...current, to: point } : current));
        },
        onPointerUp: () => {
          if (!draft) return;
          const rect = normalise(draft.from, draft.to);
          setDraft(null);
          // A click without a drag is not an area.
          if (rect[2] - rect[0] < 2 || rect[3] - rect[1] < 2) return;
          onDrawn({
            x0: String(Math.round(rect[0])),
            y0: String(Math.round(rect[1])),
            x1: String(Math.round(rect[2])),
            y1: String(Math.round(rect[3])),
          });
        },
        onPointerCancel: () => setDraft(null),
      }
    : {};

  return (
    <section className="app-page-review__image" aria-labelledby="page-image-heading">
      <h2 className="govuk-heading-m" id="page-image-heading">
        Page {page.page} as an image
      </h2>
      <figure className="app-page-figure">
        <div className={`app-page-view${drawing ? ' app-page-view--drawing' : ''}`} {...handlers}>
          {failed === page.page ? (
            <p className="govuk-body app-page-view__failed">The image of this page could not be loaded.</p>
          ) : (
            <img
              className="app-page-view__image"
              src={src}
              alt={`Page ${page.page} of ${document.title}. Its text is shown beside the image.`}
              width={Math.round(page.width)}
              height={Math.round(page.height)}
              draggable={false}
              onError={() => setFailed(page.page)}
            />
          )}
          {areas.map((mark) => (
            <div
              key={mark.id}
              className={`app-area-mark app-area-mark--${mark.status}`}
              style={boxStyle(mark.rect, page)}
              aria-hidden="true"
            >
              <span className="app-area-mark__label">
                {mark.ground ? sectionText(mark.ground) : markStatusLabels[mark.status]}
              </span>
            </div>
          ))}
          {draft ? (
            <div
              className="app-area-mark app-area-mark--draft"
              style={boxStyle(normalise(draft.from, draft.to), page)}
              aria-hidden="true"
            />
          ) : null}
        </div>
        <figcaption className="govuk-hint">
          {areas.length === 0
            ? 'No areas of this page are marked.'
            : `${areas.length} ${areas.length === 1 ? 'area is' : 'areas are'} outlined: a solid line is accepted, a dashed line suggested, a dotted line rejected. They are listed under “Marks on page ${page.page}”.`}{' '}
          {textMarks > 0
            ? `${textMarks} text ${textMarks === 1 ? 'mark is' : 'marks are'} highlighted in the page text, not on the image.`
            : ''}
          {drawing ? ' You can drag a box on the image to fill in the area form below.' : ''}
        </figcaption>
      </figure>
    </section>
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function normalise(from: [number, number], to: [number, number]): Rect {
  return [
    Math.min(from[0], to[0]),
    Math.min(from[1], to[1]),
    Math.max(from[0], to[0]),
    Math.max(from[1], to[1]),
  ];
}

/** A box placed in percentages of the page, so it stays on its words at any image size. */
function boxStyle(rect: Rect, page: DocumentPage) {
  const [x0, y0, x1, y1] = rect;
  return {
    left: `${(x0 / page.width) * 100}%`,
    top: `${(y0 / page.height) * 100}%`,
    width: `${((x1 - x0) / page.width) * 100}%`,
    height: `${((y1 - y0) / page.height) * 100}%`,
  };
}
