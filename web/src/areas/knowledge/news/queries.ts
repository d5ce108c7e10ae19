/**
 * News: the keys of every cached answer of the part, one root per resource, so a change refreshes
 * what depends on it by prefix (`invalidateQueries({ queryKey: newsKeys.posts() })`).
 */
export const newsKeys = {
  posts: (...rest: readonly unknown[]) => ['news', 'posts', ...rest] as const,
  post: (...rest: readonly unknown[]) => ['news', 'post', ...rest] as const,
  comments: (...rest: readonly unknown[]) => ['news', 'comments', ...rest] as const,
};
