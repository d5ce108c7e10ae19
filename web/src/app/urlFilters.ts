import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A search form whose state lives in the URL. `current` is what the URL says; `draft` is what the
 * form shows until it is sent (`setParams`); a new URL (the back button, a link) shows in the form
 * again. `set(field)` is the change handler of one text field or select.
 */
export function useUrlFilters<F extends object>(read: (params: URLSearchParams) => F) {
  const [params, setParams] = useSearchParams();
  const current = read(params);
  const [draft, setDraft] = useState(current);
  const key = params.toString();
  useEffect(() => setDraft(read(new URLSearchParams(key))), [key, read]);
  const set = (k: keyof F) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  return { current, draft, setDraft, set, setParams };
}
