import { Tag, type TagColour } from '../components/ui.tsx';
import { dueStateText, humanise, triageCountdown } from '../format.ts';

// Status and due tags: the words carry the meaning, the colour only repeats it.

const statusColours: Record<string, TagColour> = {
  'awaiting-triage': 'light-blue',
  open: 'blue',
  'awaiting-clarification': 'yellow',
  'awaiting-decision': 'purple',
  decided: 'turquoise',
  released: 'green',
  closed: 'grey',
  transferred: 'grey',
  withdrawn: 'grey',
  'escalated-to-complaint': 'orange',
};

const statusWords: Record<string, string> = {
  'awaiting-triage': 'New, to triage',
  open: 'Open',
  'awaiting-clarification': 'Waiting for clarification',
  'awaiting-decision': 'Awaiting decision',
  'escalated-to-complaint': 'Not triaged in time: now a complaint',
};

/** The request's status, in words. */
export function statusText(status: string): string {
  return statusWords[status] ?? humanise(status);
}

export function StatusTag({ status }: { status: string }) {
  return <Tag colour={statusColours[status] ?? 'grey'}>{statusText(status)}</Tag>;
}

const dueColours: Record<string, TagColour> = {
  'on-track': 'green',
  'due-soon': 'yellow',
  overdue: 'red',
  closed: 'grey',
};

export function DueTag({ state, workingDaysLeft }: { state: string; workingDaysLeft: number | null }) {
  return <Tag colour={dueColours[state] ?? 'grey'}>{dueStateText(state, workingDaysLeft)}</Tag>;
}

/** "Triage: 5 hours 20 minutes left" (or overdue), for the 24-hour triage clock. */
export function TriageCountdown({ dueAt, now }: { dueAt: string; now: number }) {
  const countdown = triageCountdown(dueAt, now);
  return (
    <span className={countdown.overdue ? 'app-countdown--overdue' : undefined}>Triage: {countdown.text}</span>
  );
}
