import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.ts';
import { formatDate, formatDateMaori } from '../format.ts';
import type { KioskCreated, KioskLookup } from '../types.ts';
import { text, type Bilingual } from './text.ts';
import { speak, speechAvailable, stopSpeaking } from './speech.ts';

// The kiosk: a shared screen in a unit, no sign-in. One question per screen, big targets, English and
// te reo Māori together. Nothing personal is kept in the browser: answers live only in React state, no
// storage is used, requests are never cached, and the history holds a single bare /kiosk entry. After
// 60 seconds untouched it asks "Are you still there?"; 20 seconds later everything is wiped.

export const PROMPT_AFTER_MS = 60_000;
export const WIPE_AFTER_MS = 20_000;

/** Removes every trace of the last person: screen state (by remounting), history entry, caches, speech. */
async function wipeBrowserTraces(): Promise<void> {
  stopSpeaking();
  window.history.replaceState(null, '', '/kiosk');
  try {
    window.sessionStorage.clear();
  } catch {
    // Storage may be blocked on a locked-down kiosk; nothing of ours is there anyway.
  }
  if ('caches' in window) {
    try {
      const names = await window.caches.keys();
      await Promise.all(names.map((name) => window.caches.delete(name)));
    } catch {
      // Cache Storage unavailable (insecure context): nothing could have been cached there.
    }
  }
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  window.getSelection()?.removeAllRanges();
  window.scrollTo(0, 0);
}

export default function KioskApp() {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    // Locked to /kiosk: whatever address brought us here, the history entry is the bare kiosk path.
    window.history.replaceState(null, '', '/kiosk');
    document.title = 'Privacy requests – Ngā tono mōhiohio whaiaro';
    document.body.classList.add('kiosk-body');
    return () => document.body.classList.remove('kiosk-body');
  }, []);
  const wipe = useCallback(() => {
    void wipeBrowserTraces();
    setGeneration((value) => value + 1);
  }, []);
  // A new key throws away the whole tree: every state hook and every form field of the last person.
  return <KioskSession key={generation} onWipe={wipe} />;
}

type Path = 'access' | 'correction' | 'check';
type Screen =
  | 'start'
  | 'name'
  | 'prn'
  | 'describe'
  | 'check-answers'
  | 'sent'
  | 'track-reference'
  | 'track-prn'
  | 'track-result';

interface Answers {
  name: string;
  prn: string;
  description: string;
  reference: string;
}

interface KioskProblem {
  target: string | null;
  message: Bilingual;
}

/** English with te reo Māori: on its own line (block) or after a slash. */
function Bi({ t, block }: { t: Bilingual; block?: boolean }) {
  if (t.en === t.mi) return <span>{t.en}</span>;
  return (
    <>
      <span className={`kiosk-en${block ? ' kiosk-block' : ''}`}>{t.en}</span>{' '}
      {block ? null : <span aria-hidden="true">/ </span>}
      <span className={`kiosk-mi${block ? ' kiosk-block' : ''}`} lang="mi">
        {t.mi}
      </span>
    </>
  );
}

function KioskSession({ onWipe }: { onWipe: () => void }) {
  const [screen, setScreen] = useState<Screen>('start');
  const [path, setPath] = useState<Path | null>(null);
  const [answers, setAnswers] = useState<Answers>({ name: '', prn: '', description: '', reference: '' });
  const [problems, setProblems] = useState<KioskProblem[]>([]);
  const [readAloud, setReadAloud] = useState(false);
  const [busy, setBusy] = useState(false);
  const [returnTo, setReturnTo] = useState<Screen | null>(null);
  const [created, setCreated] = useState<KioskCreated | null>(null);
  const [lookup, setLookup] = useState<KioskLookup['items']>([]);
  const [prompting, setPrompting] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(WIPE_AFTER_MS / 1000);
  const [armed, setArmed] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstScreen = useRef(true);

  const inUse = screen !== 'start' || readAloud;

  // Idle watch: any touch, key or typing re-arms the 60-second timer while the kiosk is in use.
  useEffect(() => {
    if (!inUse) return;
    let promptTimer = 0;
    let wipeTimer = 0;
    let tick = 0;
    let promptingNow = false;
    const arm = () => {
      window.clearTimeout(promptTimer);
      promptTimer = window.setTimeout(() => {
        promptingNow = true;
        setSecondsLeft(WIPE_AFTER_MS / 1000);
        setPrompting(true);
        const promptedAt = Date.now();
        tick = window.setInterval(() => {
          setSecondsLeft(Math.max(0, Math.ceil((WIPE_AFTER_MS - (Date.now() - promptedAt)) / 1000)));
        }, 1000);
        wipeTimer = window.setTimeout(onWipe, WIPE_AFTER_MS);
      }, PROMPT_AFTER_MS);
    };
    const activity = () => {
      if (!promptingNow) arm();
    };
    const events = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, activity, { capture: true, passive: true });
    arm();
    return () => {
      window.clearTimeout(promptTimer);
      window.clearTimeout(wipeTimer);
      window.clearInterval(tick);
      for (const name of events) window.removeEventListener(name, activity, { capture: true });
    };
  }, [inUse, onWipe, armed]);

  const stillHere = () => {
    setPrompting(false);
    setArmed((value) => value + 1);
  };

  const spoken = screenWords(screen, path);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
    } else {
      headingRef.current?.focus();
    }
    window.scrollTo(0, 0);
  }, [screen]);
  useEffect(() => {
    // Speak each screen once when it appears (and when read-aloud is turned on); `spoken` follows `screen`.
    if (readAloud && spoken.length > 0) speak(spoken);
  }, [screen, readAloud]);

  const go = (next: Screen) => {
    setProblems([]);
    setScreen(next);
  };
  const set = (key: keyof Answers) => (value: string) =>
    setAnswers((current) => ({ ...current, [key]: value }));
  const nextOr = (screenAfter: Screen) => {
    if (returnTo) {
      setReturnTo(null);
      go(returnTo);
    } else {
      go(screenAfter);
    }
  };

  const require = (value: string, target: string, message: Bilingual, max = 200): boolean => {
    if (!value.trim()) {
      setProblems([{ target, message }]);
      return false;
    }
    if (value.length > max) {
      setProblems([{ target, message: text.tooLong }]);
      return false;
    }
    return true;
  };

  const send = async () => {
    if (!path || path === 'check') return;
    setBusy(true);
    setProblems([]);
    try {
      const result = await api<KioskCreated>('POST', '/api/kiosk/requests', {
        name: answers.name.trim(),
        prn: answers.prn.trim(),
        kind: path,
        description: answers.description.trim(),
      });
      setCreated(result);
      // The answers are no longer needed once sent: drop them now, not only at the wipe.
      setAnswers({ name: '', prn: '', description: '', reference: '' });
      go('sent');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblems([{ target: null, message: error.status === 403 ? text.notAllowed : text.failed }]);
    } finally {
      setBusy(false);
    }
  };

  const findRequest = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const result = await api<KioskLookup>('POST', '/api/kiosk/lookup', {
        reference: answers.reference.trim().toUpperCase(),
        prn: answers.prn.trim(),
      });
      setLookup(result.items);
      setAnswers({ name: '', prn: '', description: '', reference: '' });
      go('track-result');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblems([
        {
          target: null,
          message:
            error.status === 404 ? text.notFound : error.status === 403 ? text.notAllowed : text.failed,
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  const heading = (t: Bilingual, htmlFor?: string) => (
    <h1 className="kiosk-heading" tabIndex={-1} ref={headingRef}>
      {htmlFor ? (
        <label htmlFor={htmlFor}>
          <Bi t={t} block />
        </label>
      ) : (
        <Bi t={t} block />
      )}
    </h1>
  );

  let body: ReactNode;
  switch (screen) {
    case 'start':
      body = (
        <>
          {heading(text.service)}
          <p className="kiosk-lead">
            <Bi t={text.intro} block />
          </p>
          <h2 className="kiosk-subheading">
            <Bi t={text.chooseOne} />
          </h2>
          <div className="kiosk-choices">
            <BigButton
              onClick={() => {
                setPath('access');
                go('name');
              }}
            >
              <Bi t={text.ask} block />
            </BigButton>
            <BigButton
              onClick={() => {
                setPath('correction');
                go('name');
              }}
            >
              <Bi t={text.correct} block />
            </BigButton>
            <BigButton
              onClick={() => {
                setPath('check');
                go('track-reference');
              }}
            >
              <Bi t={text.check} block />
            </BigButton>
          </div>
          <p className="kiosk-small">
            <Bi t={text.privacy} block />
          </p>
        </>
      );
      break;
    case 'name':
      body = (
        <Question
          heading={heading(text.name, 'kiosk-name')}
          problems={problems}
          onBack={() => go('start')}
          onNext={() => require(answers.name, 'kiosk-name', text.needName) && nextOr('prn')}
        >
          <KioskInput
            id="kiosk-name"
            value={answers.name}
            onChange={set('name')}
            problems={problems}
            autoCapitalize="words"
          />
        </Question>
      );
      break;
    case 'prn':
    case 'track-prn':
      body = (
        <Question
          heading={heading(text.prn, 'kiosk-prn')}
          hint={text.prnHint}
          hintId="kiosk-prn-hint"
          problems={problems}
          onBack={() => go(screen === 'prn' ? 'name' : 'track-reference')}
          onNext={() => {
            if (!require(answers.prn, 'kiosk-prn', text.needPrn, 30)) return;
            if (!/^[A-Za-z0-9-]{3,20}$/.test(answers.prn.trim())) {
              setProblems([{ target: 'kiosk-prn', message: text.badPrn }]);
              return;
            }
            if (screen === 'prn') nextOr('describe');
            else void findRequest();
          }}
          busy={busy}
        >
          <KioskInput
            id="kiosk-prn"
            value={answers.prn}
            onChange={set('prn')}
            problems={problems}
            describedBy="kiosk-prn-hint"
            inputMode="text"
            autoCapitalize="characters"
          />
        </Question>
      );
      break;
    case 'describe': {
      const correction = path === 'correction';
      body = (
        <Question
          heading={heading(correction ? text.describeCorrection : text.describeAccess, 'kiosk-description')}
          hint={correction ? text.describeCorrectionHint : text.describeAccessHint}
          hintId="kiosk-description-hint"
          problems={problems}
          onBack={() => go('prn')}
          onNext={() =>
            require(answers.description, 'kiosk-description', text.needDescription, 4000) &&
            nextOr('check-answers')
          }
        >
          <textarea
            id="kiosk-description"
            className={`kiosk-textarea${problems.length ? ' kiosk-input--error' : ''}`}
            rows={5}
            value={answers.description}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`kiosk-description-hint${problems.length ? ' kiosk-description-error' : ''}`}
            aria-invalid={problems.length ? true : undefined}
            onChange={(event) => set('description')(event.target.value)}
          />
        </Question>
      );
      break;
    }
    case 'check-answers':
      body = (
        <>
          {heading(text.checkAnswers)}
          <KioskErrors problems={problems} />
          <dl className="kiosk-answers">
            <AnswerRow label={text.requestKind} onChange={() => go('start')} hideChange>
              <Bi t={path === 'correction' ? text.correct : text.ask} block />
            </AnswerRow>
            <AnswerRow
              label={text.yourName}
              onChange={() => {
                setReturnTo('check-answers');
                go('name');
              }}
            >
              {answers.name}
            </AnswerRow>
            <AnswerRow
              label={text.yourPrn}
              onChange={() => {
                setReturnTo('check-answers');
                go('prn');
              }}
            >
              {answers.prn}
            </AnswerRow>
            <AnswerRow
              label={text.yourRequest}
              onChange={() => {
                setReturnTo('check-answers');
                go('describe');
              }}
            >
              <span className="kiosk-pre">{answers.description}</span>
            </AnswerRow>
          </dl>
          <p className="kiosk-small">
            <Bi t={text.free} />
          </p>
          <div className="kiosk-actions">
            <BigButton primary onClick={() => void send()} disabled={busy}>
              <Bi t={busy ? text.sending : text.send} block />
            </BigButton>
            <BigButton onClick={() => go('describe')}>
              <Bi t={text.back} />
            </BigButton>
          </div>
        </>
      );
      break;
    case 'sent':
      body = (
        <>
          <div className="kiosk-panel">
            {heading(text.sent)}
            <p className="kiosk-panel__label">
              <Bi t={text.reference} block />
            </p>
            <p className="kiosk-panel__reference" id="kiosk-reference">
              {created?.reference}
            </p>
            <p className="kiosk-panel__label">
              <Bi t={text.dueBy} block />
            </p>
            <p className="kiosk-panel__date" id="kiosk-due">
              {created ? (
                <>
                  <span className="kiosk-block">{formatDate(created.decisionDueDate)}</span>
                  <span className="kiosk-block" lang="mi">
                    {formatDateMaori(created.decisionDueDate)}
                  </span>
                </>
              ) : null}
            </p>
          </div>
          <p className="kiosk-lead">
            <Bi t={text.writeDown} block />
          </p>
          <div className="kiosk-actions">
            <BigButton primary onClick={onWipe}>
              <Bi t={text.finish} />
            </BigButton>
          </div>
        </>
      );
      break;
    case 'track-reference':
      body = (
        <Question
          heading={heading(text.trackReference, 'kiosk-reference-input')}
          hint={text.trackReferenceHint}
          hintId="kiosk-reference-hint"
          problems={problems}
          onBack={() => go('start')}
          onNext={() => {
            if (!require(answers.reference, 'kiosk-reference-input', text.needReference, 40)) return;
            if (!/^TK-\d{4}-\d{6}$/i.test(answers.reference.trim())) {
              setProblems([{ target: 'kiosk-reference-input', message: text.badReference }]);
              return;
            }
            go('track-prn');
          }}
        >
          <KioskInput
            id="kiosk-reference-input"
            value={answers.reference}
            onChange={set('reference')}
            problems={problems}
            describedBy="kiosk-reference-hint"
            autoCapitalize="characters"
          />
        </Question>
      );
      break;
    case 'track-result':
      body = (
        <>
          {heading(text.trackResult)}
          {lookup.map((item) => (
            <dl className="kiosk-answers" key={item.reference}>
              <div className="kiosk-answers__row">
                <dt>
                  <Bi t={text.reference} block />
                </dt>
                <dd className="kiosk-strong">{item.reference}</dd>
              </div>
              <div className="kiosk-answers__row">
                <dt>
                  <Bi t={text.status} block />
                </dt>
                <dd>{item.statusText}</dd>
              </div>
              <div className="kiosk-answers__row">
                <dt>
                  <Bi t={text.dueBy} block />
                </dt>
                <dd>
                  <span className="kiosk-block">{formatDate(item.decisionDueDate)}</span>
                  <span className="kiosk-block" lang="mi">
                    {formatDateMaori(item.decisionDueDate)}
                  </span>
                </dd>
              </div>
            </dl>
          ))}
          <div className="kiosk-actions">
            <BigButton primary onClick={onWipe}>
              <Bi t={text.finish} />
            </BigButton>
          </div>
        </>
      );
      break;
  }

  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <p className="kiosk-header__title">
          <span className="kiosk-header__brand">Tiaki</span> <Bi t={text.service} />
        </p>
        <div className="kiosk-header__tools" inert={prompting}>
          {speechAvailable() ? (
            <button
              type="button"
              className="kiosk-tool"
              aria-pressed={readAloud}
              onClick={() => {
                if (readAloud) stopSpeaking();
                setReadAloud(!readAloud);
              }}
            >
              <Bi t={text.readAloud} />: <Bi t={readAloud ? text.on : text.off} />
            </button>
          ) : null}
          {readAloud && spoken.length > 0 ? (
            <button type="button" className="kiosk-tool" onClick={() => speak(spoken)}>
              <Bi t={text.hearAgain} />
            </button>
          ) : null}
          {screen !== 'start' ? (
            <button type="button" className="kiosk-tool" onClick={onWipe}>
              <Bi t={text.startAgain} />
            </button>
          ) : null}
        </div>
      </header>
      <main className="kiosk-main" id="main-content" tabIndex={-1} inert={prompting}>
        {body}
      </main>
      {prompting ? <StillThereDialog secondsLeft={secondsLeft} onStay={stillHere} /> : null}
    </div>
  );
}

/** What read-aloud says for each screen: the question in both languages. */
function screenWords(screen: Screen, path: Path | null): Bilingual[] {
  switch (screen) {
    case 'start':
      return [text.service, text.intro, text.chooseOne, text.ask, text.correct, text.check];
    case 'name':
      return [text.name];
    case 'prn':
    case 'track-prn':
      return [text.prn, text.prnHint];
    case 'describe':
      return path === 'correction'
        ? [text.describeCorrection, text.describeCorrectionHint]
        : [text.describeAccess, text.describeAccessHint];
    case 'check-answers':
      return [text.checkAnswers];
    case 'sent':
      return [text.sent, text.writeDown];
    case 'track-reference':
      return [text.trackReference, text.trackReferenceHint];
    case 'track-result':
      return [text.trackResult];
  }
}

function BigButton({
  children,
  onClick,
  primary,
  disabled,
}: {
  children: ReactNode;
  onClick: () => void;
  primary?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={`kiosk-button${primary ? ' kiosk-button--primary' : ''}`}
      onClick={onClick}
      disabled={disabled}
    >
      {children}
    </button>
  );
}

function KioskErrors({ problems }: { problems: KioskProblem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div className="kiosk-error-summary" tabIndex={-1} ref={ref} aria-labelledby="kiosk-error-title">
      <div role="alert">
        <h2 id="kiosk-error-title" className="kiosk-subheading">
          <Bi t={text.problem} />
        </h2>
        <ul className="kiosk-error-list">
          {problems.map((problem, index) => (
            <li key={index}>
              {problem.target ? (
                <a
                  href={`#${problem.target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(problem.target ?? '')?.focus();
                  }}
                >
                  <Bi t={problem.message} />
                </a>
              ) : (
                <Bi t={problem.message} />
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function Question({
  heading,
  hint,
  hintId,
  problems,
  children,
  onBack,
  onNext,
  busy,
}: {
  heading: ReactNode;
  hint?: Bilingual;
  hintId?: string;
  problems: KioskProblem[];
  children: ReactNode;
  onBack: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  const problem = problems[0];
  return (
    <form
      noValidate
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        onNext();
      }}
    >
      <KioskErrors problems={problems} />
      <div className={`kiosk-field${problem ? ' kiosk-field--error' : ''}`}>
        {heading}
        {hint ? (
          <p className="kiosk-hint" id={hintId}>
            <Bi t={hint} block />
          </p>
        ) : null}
        {problem?.target ? (
          <p className="kiosk-error" id={`${problem.target}-error`}>
            <span className="kiosk-visually-hidden">Error / Hapa:</span> <Bi t={problem.message} />
          </p>
        ) : null}
        {children}
      </div>
      <div className="kiosk-actions">
        <button type="submit" className="kiosk-button kiosk-button--primary" disabled={busy}>
          <Bi t={text.next} />
        </button>
        <button type="button" className="kiosk-button" onClick={onBack}>
          <Bi t={text.back} />
        </button>
      </div>
    </form>
  );
}

function KioskInput({
  id,
  value,
  onChange,
  problems,
  describedBy,
  inputMode,
  autoCapitalize,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  problems: KioskProblem[];
  describedBy?: string;
  inputMode?: 'text' | 'numeric';
  autoCapitalize?: string;
}) {
  const error = problems.some((problem) => problem.target === id);
  const described = [describedBy, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <input
      id={id}
      className={`kiosk-input${error ? ' kiosk-input--error' : ''}`}
      type="text"
      value={value}
      autoComplete="off"
      autoCorrect="off"
      autoCapitalize={autoCapitalize}
      spellCheck={false}
      inputMode={inputMode}
      aria-describedby={described || undefined}
      aria-invalid={error ? true : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function AnswerRow({
  label,
  children,
  onChange,
  hideChange,
}: {
  label: Bilingual;
  children: ReactNode;
  onChange: () => void;
  hideChange?: boolean;
}) {
  return (
    <div className="kiosk-answers__row">
      <dt>
        <Bi t={label} block />
      </dt>
      <dd>{children}</dd>
      {hideChange ? null : (
        <dd className="kiosk-answers__action">
          <button type="button" className="kiosk-button kiosk-button--small" onClick={onChange}>
            <Bi t={text.change} />
            <span className="kiosk-visually-hidden">
              {' '}
              {label.en} / <span lang="mi">{label.mi}</span>
            </span>
          </button>
        </dd>
      )}
    </div>
  );
}

function StillThereDialog({ secondsLeft, onStay }: { secondsLeft: number; onStay: () => void }) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    buttonRef.current?.focus();
  }, []);
  return (
    <div className="kiosk-dialog-backdrop">
      <div
        className="kiosk-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="kiosk-dialog-title"
        aria-describedby="kiosk-dialog-body"
        onKeyDown={(event) => {
          // One control: keep focus on it.
          if (event.key === 'Tab') {
            event.preventDefault();
            buttonRef.current?.focus();
          }
        }}
      >
        <h2 id="kiosk-dialog-title" className="kiosk-heading">
          <Bi t={text.stillThere} block />
        </h2>
        <p id="kiosk-dialog-body" className="kiosk-lead">
          <Bi t={text.stillThereBody} block />
        </p>
        <p className="kiosk-countdown" aria-hidden="true">
          {secondsLeft} {text.secondsLeft.en} / <span lang="mi">{text.secondsLeft.mi}</span>
        </p>
        <button type="button" ref={buttonRef} className="kiosk-button kiosk-button--primary" onClick={onStay}>
          <Bi t={text.imHere} block />
        </button>
      </div>
    </div>
  );
}
