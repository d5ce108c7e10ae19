import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';

export type FollowTargetType = 'discussion_thread' | 'organisation' | 'district' | 'wiki_page' | 'map_report';

/**
 * Follow or stop following a thread, an organisation's news, a district, a wiki page or a map report
 * — one button, pressed while following (aria-pressed), which says what it did. What is new there
 * comes as a notification and in the digest. Shown to signed-in people only (the caller decides).
 */
export function FollowButton({
  targetType,
  targetId,
  following: initially,
  invalidate,
}: {
  targetType: FollowTargetType;
  targetId: string;
  following: boolean;
  /** the query whose `following` changes with it */
  invalidate?: readonly unknown[];
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [following, setFollowing] = useState(initially);
  const toggle = useMutation({
    mutationFn: (next: boolean) =>
      api<void>(`/follows/${targetType}/${targetId}`, { method: next ? 'PUT' : 'DELETE' }),
    onSuccess: (_r, next) => {
      setFollowing(next);
      if (invalidate) void client.invalidateQueries({ queryKey: invalidate });
    },
    meta: {
      done: (_r: unknown, next: unknown) =>
        t(next ? `digests.follow.done.${targetType}` : 'digests.follow.doneStopped'),
    },
  });
  return (
    <span className="follow-button">
      <button
        type="button"
        className="button secondary"
        aria-pressed={following}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!following)}
      >
        {following ? t('digests.follow.following') : t(`digests.follow.action.${targetType}`)}
      </button>
      {toggle.isError && (
        <span className="field-error" role="alert">
          {toggle.error.message}
        </span>
      )}
    </span>
  );
}
