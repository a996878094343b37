import { formatDate } from '../format.ts';
import { percent } from './audit-format.ts';

/** One team's figure for one week (GET /api/audit/usage). */
export interface UsagePoint {
  week: string;
  from: string;
  team: string;
  staffInTeam: number;
  staffWithVolume: number;
  staffWithUnjustifiedVolume: number;
  share: number;
  volumeAccesses: number;
  breaches: number;
}

const WIDTH = 480;
const HEIGHT = 240;
const LEFT = 48;
const RIGHT = 12;
const TOP = 28;
const BOTTOM = 36;

/** The top of the scale: at least 10%, rounded up to the next 10%, so small shares still show. */
function scaleTop(points: readonly UsagePoint[]): number {
  const highest = Math.max(0, ...points.map((point) => point.share));
  return Math.max(0.1, Math.ceil(highest * 10) / 10);
}

function describe(team: string, points: readonly UsagePoint[]): string {
  if (points.length === 0) return `No figures for team ${team}.`;
  const first = points[0];
  const last = points[points.length - 1];
  const highest = points.reduce((best, point) => (point.share > best.share ? point : best), points[0]!);
  const withBreaches = points.filter((point) => point.breaches > 0);
  return [
    `Bars for each week from ${first?.week} to ${last?.week}.`,
    highest.share > 0
      ? `The highest share was ${percent(highest.share)} in week ${highest.week}.`
      : 'The share was 0% every week.',
    `The latest week, ${last?.week}, was ${percent(last?.share ?? 0)}.`,
    withBreaches.length > 0
      ? `Breaches were recorded in ${withBreaches.map((point) => `${point.week} (${point.breaches})`).join(', ')}.`
      : 'No breaches were recorded.',
    'The same figures are in the table below.',
  ].join(' ');
}

/**
 * One team's share per week as bars (a diamond and a count above a week with breaches), with a title and a
 * description for screen readers, and the same figures as a table beneath it: nothing is only visual.
 */
export function UsageChart({ team, points }: { team: string; points: UsagePoint[] }) {
  const slug = team.replace(/[^a-zA-Z0-9_-]/g, '-');
  const titleId = `usage-title-${slug}`;
  const descId = `usage-desc-${slug}`;
  const top = scaleTop(points);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(4, slot * 0.6);
  const y = (share: number) => TOP + plotHeight - (share / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));

  return (
    <section className="app-usage" aria-labelledby={`usage-heading-${slug}`}>
      <h2 className="govuk-heading-m" id={`usage-heading-${slug}`}>
        Team {team}
      </h2>
      <figure className="app-chart">
        <svg
          className="app-chart__svg"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          focusable="false"
        >
          <title id={titleId}>
            Team {team}: share of staff with usage higher than normal without justification, per week
          </title>
          <desc id={descId}>{describe(team, points)}</desc>
          {[0, top / 2, top].map((tick) => (
            <g key={tick} className="app-chart__tick">
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
              <text x={LEFT - 6} y={y(tick) + 5} textAnchor="end">
                {percent(tick)}
              </text>
            </g>
          ))}
          {points.map((point, index) => {
            const x = LEFT + index * slot + (slot - barWidth) / 2;
            const height = Math.max(point.share > 0 ? 2 : 0, TOP + plotHeight - y(point.share));
            return (
              <g key={point.week}>
                <rect
                  className="app-chart__bar"
                  x={x}
                  y={TOP + plotHeight - height}
                  width={barWidth}
                  height={height}
                >
                  <title>
                    {`${point.week}: ${percent(point.share)} (${point.staffWithUnjustifiedVolume} of ${point.staffInTeam} staff; ${point.volumeAccesses} high-usage accesses; ${point.breaches} breaches)`}
                  </title>
                </rect>
                {point.breaches > 0 ? (
                  <g className="app-chart__breach">
                    <path
                      d={`M ${x + barWidth / 2} ${TOP + plotHeight - height - 18} l 7 7 l -7 7 l -7 -7 z`}
                    />
                    <text x={x + barWidth / 2 + 9} y={TOP + plotHeight - height - 6}>
                      {point.breaches}
                    </text>
                  </g>
                ) : null}
                {index % labelEvery === 0 ? (
                  <text
                    className="app-chart__label"
                    x={LEFT + index * slot + slot / 2}
                    y={HEIGHT - BOTTOM + 20}
                    textAnchor="middle"
                  >
                    {point.week.slice(5)}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line className="app-chart__axis" x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} />
        </svg>
        <figcaption className="govuk-body-s app-chart__caption">
          Bars: share of the team’s staff. A diamond with a number: breaches recorded that week.
        </figcaption>
      </figure>
      <div className="app-table-scroll" role="region" aria-labelledby={`usage-caption-${slug}`} tabIndex={0}>
        <table className="govuk-table">
          <caption className="govuk-table__caption" id={`usage-caption-${slug}`}>
            Team {team}: figures per week
          </caption>
          <thead>
            <tr>
              <th scope="col" className="govuk-table__header">
                Week
              </th>
              <th scope="col" className="govuk-table__header">
                Share without justification
              </th>
              <th scope="col" className="govuk-table__header">
                Staff in team
              </th>
              <th scope="col" className="govuk-table__header">
                Staff with high usage
              </th>
              <th scope="col" className="govuk-table__header">
                Of them, not justified
              </th>
              <th scope="col" className="govuk-table__header">
                High-usage accesses
              </th>
              <th scope="col" className="govuk-table__header">
                Breaches
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.week}>
                <th scope="row" className="govuk-table__header">
                  {point.week}
                  <br />
                  <span className="app-secondary-text govuk-!-font-weight-regular">
                    from {formatDate(point.from)}
                  </span>
                </th>
                <td className="govuk-table__cell">{percent(point.share)}</td>
                <td className="govuk-table__cell">{point.staffInTeam}</td>
                <td className="govuk-table__cell">{point.staffWithVolume}</td>
                <td className="govuk-table__cell">{point.staffWithUnjustifiedVolume}</td>
                <td className="govuk-table__cell">{point.volumeAccesses}</td>
                <td className="govuk-table__cell">
                  {point.breaches > 0 ? (
                    <>
                      <strong>{point.breaches}</strong>{' '}
                      <span className="govuk-visually-hidden">breaches</span>
                    </>
                  ) : (
                    '0'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
