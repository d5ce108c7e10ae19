import type { AreaManifest } from '../../manifest.ts';
import { publishedBetween } from './repositories/posts.ts';

/**
 * News' figure for the front page: the posts the organisations published in the last whole month
 * (an organisation's public act, so resting on nobody: `people` 0).
 */
export const newsActivity: NonNullable<AreaManifest['activity']> = async (db, networkId, month) => [
  { key: 'newsPosts', value: await publishedBetween(db, networkId, month.from, month.to), people: 0 },
];
