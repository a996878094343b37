import { api } from '../../api.ts';
import { Button, ButtonGroup, ErrorSummary, type Problem } from '../../components/forms.tsx';
import { BackLink, NotificationBanner, useTitle } from '../../components/ui.tsx';
import { Link } from '../../router.tsx';
import type { RequestDetail } from '../../types.ts';
import { useApi } from '../hooks.ts';
import { STAFF_SERVICE, useSession } from '../session.tsx';
import { CorrectionStatements } from './CorrectionStatements.tsx';
import { DisclosureLog, SinceLastReleaseList } from './DisclosureLog.tsx';
import { usePageCommand, type RunCommand } from './page-command.ts';
import { ReleaseCard } from './ReleaseCard.tsx';
import { RequestFrame, SectionState } from './RequestFrame.tsx';
import { SendForm } from './SendForm.tsx';
import type { Release, ReleaseAnswer } from './types.ts';

/** Where the server's field paths show on this page. */
const pageTargets: Record<string, string> = {
  method: 'method',
  recipient: 'recipient',
  information: 'statement-information',
  statement: 'statement-text',
};

/**
 * /work/requests/:id/release: whether the package can be built, building it, the packages with their
 * schedules, sending one, the disclosure log, what was gathered since the last release and, for a
 * correction request, the statements of correction.
 */
export function ReleasePage({ id }: { id: string }) {
  return (
    <RequestFrame id={id} pageName="Release">
      {(request) => <ReleaseWork request={request} />}
    </RequestFrame>
  );
}

function ReleaseWork({ request }: { request: RequestDetail }) {
  const { user } = useSession();
  const { problems, setProblems, busy, announcement, version, run } = usePageCommand(pageTargets);
  const answer = useApi<ReleaseAnswer>(
    request.track === 'privacy-correction' ? null : `/api/requests/${encodeURIComponent(request.id)}/release`,
    version,
  );
  useTitle(`Release – ${request.reference}`, STAFF_SERVICE, problems.length > 0);
  const back = `/work/requests/${encodeURIComponent(request.id)}`;
  const isOfficer = user.role === 'officer';

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full app-release-page">
        <BackLink to={back}>Back to {request.reference}</BackLink>
        {announcement ? (
          <NotificationBanner success key={announcement.key}>
            <p className="govuk-notification-banner__heading">{announcement.message}</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary problems={problems} />
        <span className="govuk-caption-l">
          {request.reference}, {request.subjectName}
        </span>
        <h1 className="govuk-heading-l">Release</h1>
        {request.track === 'privacy-correction' ? (
          <p className="govuk-body">
            A decision on a correction request releases no information, so no release package is built for it.
            What was released to the person before is below.
          </p>
        ) : answer.kind !== 'ready' ? (
          <SectionState state={answer} what="the release packages" />
        ) : (
          <>
            <BuildSection
              requestId={request.id}
              readiness={answer.data.readiness}
              released={answer.data.releases.some((release) => release.status !== 'built')}
              canBuild={isOfficer}
              busy={busy}
              run={run}
            />
            <Packages
              releases={answer.data.releases}
              request={request}
              canSend={isOfficer}
              problems={problems}
              busy={busy}
              onProblems={setProblems}
              run={run}
            />
          </>
        )}
        <DisclosureLog requestId={request.id} version={version} />
        <SinceLastReleaseList requestId={request.id} version={version} />
        {request.track === 'privacy-correction' ? (
          <CorrectionStatements
            requestId={request.id}
            role={user.role}
            version={version}
            problems={problems}
            busy={busy}
            onProblems={setProblems}
            run={run}
          />
        ) : null}
      </div>
    </div>
  );
}

function BuildSection({
  requestId,
  readiness,
  released,
  canBuild,
  busy,
  run,
}: {
  requestId: string;
  readiness: ReleaseAnswer['readiness'];
  /** A package has already gone out. */
  released: boolean;
  canBuild: boolean;
  busy: boolean;
  run: RunCommand;
}) {
  const build = () =>
    void run(
      () => api('POST', `/api/requests/${encodeURIComponent(requestId)}/release/build`),
      'Release package built and checked',
    );
  return (
    <section aria-labelledby="build-heading">
      <h2 className="govuk-heading-m" id="build-heading">
        Build the release package
      </h2>
      {readiness.ready ? (
        <>
          <p className="govuk-body">
            The decision is approved and every document is reviewed. Building redacts the documents, puts them
            in one PDF with a schedule, and checks that nothing withheld is left in it before it can be sent.
          </p>
          {canBuild ? (
            <ButtonGroup>
              <Button type="button" disabled={busy} onClick={build}>
                Build the release package
              </Button>
            </ButtonGroup>
          ) : null}
        </>
      ) : (
        <>
          <p className="govuk-body">
            {released ? 'No new package can be built:' : 'The package cannot be built yet:'}
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {readiness.blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/work/requests/${encodeURIComponent(requestId)}/decision`}>
              Go to the decision
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

function Packages({
  releases,
  request,
  canSend,
  problems,
  busy,
  onProblems,
  run,
}: {
  releases: Release[];
  request: RequestDetail;
  canSend: boolean;
  problems: Problem[];
  busy: boolean;
  onProblems: (problems: Problem[]) => void;
  run: RunCommand;
}) {
  const newestFirst = [...releases].sort((a, b) => b.builtAt.localeCompare(a.builtAt));
  // Only the newest package may go out: an older one was replaced by rebuilding.
  const sendable = newestFirst[0]?.status === 'built' ? newestFirst[0] : null;
  return (
    <section aria-labelledby="packages-heading">
      <h2 className="govuk-heading-m" id="packages-heading">
        Release packages
      </h2>
      {newestFirst.length === 0 ? (
        <p className="govuk-body">No package has been built yet.</p>
      ) : (
        newestFirst.map((release) => (
          <ReleaseCard key={release.id} release={release}>
            {canSend && release === sendable ? (
              <>
                <h4 className="govuk-heading-s">Release this package</h4>
                <SendForm
                  release={release}
                  requesterContact={request.requester?.contact ?? null}
                  problems={problems}
                  busy={busy}
                  onProblems={onProblems}
                  run={run}
                />
              </>
            ) : null}
          </ReleaseCard>
        ))
      )}
    </section>
  );
}
