import * as accountability from './accountability/area.ts';
import * as commitments from './commitments/area.ts';
import * as consensus from './consensus/area.ts';
import * as ideas from './ideas/area.ts';
import * as offline from './offline/area.ts';
import * as projects from './projects/area.ts';
import * as surveys from './surveys/area.ts';
import * as votes from './votes/area.ts';

/**
 * Mitgestalten: what the foundation's closed lists take from this area (server/areas/lists.ts), joined
 * from its parts' area.ts: the messages it sends, the kinds of notification it writes, the pages it
 * links to and the kinds of thing it puts into the search. Data only.
 */
export const messages = {
  ...projects.messages,
  ...ideas.messages,
  ...consensus.messages,
  ...votes.messages,
  ...surveys.messages,
  ...offline.messages,
  ...commitments.messages,
  ...accountability.messages,
};

export const notificationKinds = {
  ...projects.notificationKinds,
  ...ideas.notificationKinds,
  ...consensus.notificationKinds,
  ...votes.notificationKinds,
  ...surveys.notificationKinds,
  ...offline.notificationKinds,
  ...commitments.notificationKinds,
  ...accountability.notificationKinds,
} as const;

export const webPaths = {
  ...projects.webPaths,
  ...ideas.webPaths,
  ...consensus.webPaths,
  ...votes.webPaths,
  ...surveys.webPaths,
  ...offline.webPaths,
  ...commitments.webPaths,
  ...accountability.webPaths,
};

export const searchTypes = [
  ...projects.searchTypes,
  ...ideas.searchTypes,
  ...consensus.searchTypes,
  ...votes.searchTypes,
  ...surveys.searchTypes,
  ...offline.searchTypes,
  ...commitments.searchTypes,
  ...accountability.searchTypes,
] as const;
