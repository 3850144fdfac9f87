import type { Output } from '../../../../main/contract/index';

/** Everything the challenge page shows, as challenges.get answers it. */
export type ChallengeDetail = Output<'challenges.get'>;

/** What each panel of the challenge page receives. */
export interface PanelProps {
  detail: ChallengeDetail;
}
