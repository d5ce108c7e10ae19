/**
 * Discussions: the keys of every cached answer, one root per resource, so a change refreshes what
 * depends on it by prefix.
 */
export const discussionKeys = {
  threads: (...rest: readonly unknown[]) => ['discussion-threads', ...rest] as const,
  thread: (id: string, ...rest: readonly unknown[]) => ['discussion-thread', id, ...rest] as const,
  posts: (threadId: string, ...rest: readonly unknown[]) => ['discussion-posts', threadId, ...rest] as const,
  review: (...rest: readonly unknown[]) => ['discussion-review', ...rest] as const,
};
