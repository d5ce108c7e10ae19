/**
 * What the following and digest API answers (server/areas/knowledge/digests/routes/{follows,digest}).
 * Written out here: the server builds these unions from the database's lists with `.map`, which
 * Static types as `never`.
 */
import type { FollowTargetType } from './FollowButton.tsx';

export type DigestFrequency = 'off' | 'daily' | 'weekly';

export interface DigestSetting {
  frequency: DigestFrequency;
  /** ISO weekday, 1 = Monday */
  weekday: number | null;
  /** local time the day's digest goes out, "07:00" */
  sendsAt: string;
}

export interface Follow {
  targetType: FollowTargetType;
  targetId: string;
  since: string;
  /** null: no longer there for the person */
  title: string | null;
  path: string | null;
}
