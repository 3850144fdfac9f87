import type { MethodName, ParsedInput } from '../contract';
import type { ServiceContext } from './context';
import * as boards from './boards';
import * as challenges from './challenges';
import * as claims from './claims';
import * as closing from './closing';
import * as evidence from '../evidence/service';
import * as involvement from './involvement';
import * as org from './org';
import * as pledges from './pledges';
import * as queries from './queries';
import * as syncing from './syncing';
import * as work from './work';

/** One handler per contract method. `satisfies` makes a missing or mistyped method a compile error. */
export const handlers = {
  'session.get': (ctx: ServiceContext) => org.sessionGet(ctx),
  'session.switchPerson': org.sessionSwitchPerson,
  'setup.initialize': org.setupInitialize,
  'sites.list': (ctx: ServiceContext) => org.sitesList(ctx),
  'sites.create': org.sitesCreate,
  'sites.update': org.sitesUpdate,
  'people.list': org.peopleList,
  'people.get': org.peopleGet,
  'people.involvement': involvement.peopleInvolvement,
  'people.create': org.peopleCreate,
  'people.update': org.peopleUpdate,
  'teams.list': org.teamsList,
  'teams.create': org.teamsCreate,
  'teams.update': org.teamsUpdate,
  'boards.list': boards.boardsList,
  'boards.view': queries.boardsView,
  'boards.create': boards.boardsCreate,
  'boards.update': boards.boardsUpdate,
  'boards.publish': boards.boardsPublish,
  'boards.close': boards.boardsClose,
  'challenges.get': queries.challengesGet,
  'challenges.create': challenges.challengesCreate,
  'challenges.update': challenges.challengesUpdate,
  'challenges.publish': challenges.challengesPublish,
  'challenges.withdraw': challenges.challengesWithdraw,
  'challenges.fail': challenges.challengesFail,
  'challenges.start': challenges.challengesStart,
  'challenges.suspend': challenges.challengesSuspend,
  'challenges.resume': challenges.challengesResume,
  'challenges.terminate': challenges.challengesTerminate,
  'challenges.archive': challenges.challengesArchive,
  'claims.submit': claims.claimsSubmit,
  'claims.shortlist': claims.claimsShortlist,
  'claims.select': claims.claimsSelect,
  'claims.reject': claims.claimsReject,
  'claims.withdraw': claims.claimsWithdraw,
  'claims.eliminate': claims.claimsEliminate,
  'appointments.appoint': claims.appointmentsAppoint,
  'pledges.get': pledges.pledgesGet,
  'pledges.draft': pledges.pledgesDraft,
  'pledges.update': pledges.pledgesUpdate,
  'pledges.submit': pledges.pledgesSubmit,
  'pledges.reopen': pledges.pledgesReopen,
  'pledges.sign': pledges.pledgesSign,
  'pledges.void': pledges.pledgesVoid,
  'pledges.abandon': pledges.pledgesAbandon,
  'pledges.amend': pledges.pledgesAmend,
  'milestones.add': work.milestonesAdd,
  'milestones.update': work.milestonesUpdate,
  'milestones.start': work.milestonesStart,
  'milestones.report': work.milestonesReport,
  'milestones.verify': work.milestonesVerify,
  'milestones.reject': work.milestonesReject,
  'progress.add': work.progressAdd,
  'progress.list': work.progressList,
  'acceptance.request': closing.acceptanceRequest,
  'acceptance.decide': closing.acceptanceDecide,
  'assessments.assess': closing.assessmentsAssess,
  'cases.promote': closing.casesPromote,
  'cases.list': (ctx: ServiceContext) => closing.casesList(ctx),
  'dashboard.get': queries.dashboardGet,
  'search.query': queries.searchQuery,
  'challenges.byStatus': queries.challengesByStatus,
  'sync.status': (ctx: ServiceContext) => syncing.syncStatus(ctx),
  'sync.now': (ctx: ServiceContext) => syncing.syncNow(ctx),
  'sync.refusals': (ctx: ServiceContext) => syncing.syncRefusals(ctx),
  'sync.settings': (ctx: ServiceContext) => syncing.syncSettings(ctx),
  'sync.conflicts': (ctx: ServiceContext) => syncing.syncConflicts(ctx),
  'sync.enrol': syncing.syncEnrol,
  'evidence.attach': evidence.evidenceAttach,
  'evidence.list': evidence.evidenceList,
  'evidence.remove': evidence.evidenceRemove,
  'evidence.queue': evidence.evidenceQueue,
  'evidence.prioritize': evidence.evidencePrioritize,
  'evidence.thumbnail': evidence.evidenceThumbnail,
  'evidence.fetch': evidence.evidenceFetch,
  'evidence.preview': evidence.evidencePreview,
} satisfies { [M in MethodName]: (ctx: ServiceContext, input: ParsedInput<M>) => unknown };

export type Handlers = typeof handlers;
