import './feedback.css';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What a person is told after an action succeeded, and where focus goes: the one channel for it.
 *
 * Every successful action says what happened in one polite live region of the layout (a screen
 * reader reads it after what it is reading now; it is also shown as a banner at the bottom of the
 * screen that never takes focus and stays long enough to read, longer while the pointer or focus is
 * on it). Then focus moves to a sensible place: where the action names one (the new thing's heading,
 * the list, the form's next step); otherwise, if the button that was used went away (a removed row,
 * a step that is done), to the heading of the nearest part of the page that is still there.
 *
 * Actions come in through `useAction().run(…, done)` (forms), `ConfirmButton`'s `done` (steps
 * behind a confirmation), react-query's `meta.done` (mutations, announced by the one MutationCache
 * in main.tsx) or, for anything else, `announce()` itself.
 */

/** Where focus goes after the action: an element, an element's id, or a function finding one. */
export type FocusTarget = HTMLElement | string | null | undefined | (() => HTMLElement | null | undefined);

export interface Done {
  /** What happened, in a short sentence: "Buchung angefragt." */
  text: string;
  focus?: FocusTarget;
}
export type DoneSpec = string | Done;

interface Message {
  id: number;
  text: string;
}

let current: Message | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

function publish(m: Message | null) {
  current = m;
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The element and its ancestors, nearest first: where to look for a place once it is gone. */
export function ancestry(el: Element | null | undefined): Element[] {
  const out: Element[] = [];
  for (let e = el ?? null; e && e !== document.body; e = e.parentElement) out.push(e);
  return out;
}

/**
 * Where an action began: the focused element at that moment and its ancestors, taken before the
 * action changes the page.
 */
export interface Origin {
  trigger: Element | null;
  ancestors: Element[];
}

export function originOf(el: Element | null = document.activeElement): Origin {
  const trigger = el && el !== document.body ? el : null;
  return { trigger, ancestors: ancestry(trigger) };
}

const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';

function resolve(target: FocusTarget): HTMLElement | null {
  const t = typeof target === 'function' ? target() : target;
  if (!t) return null;
  if (typeof t === 'string') return document.getElementById(t);
  return t.isConnected ? t : null;
}

function focusOn(el: HTMLElement) {
  if (!el.matches(focusable) && !el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus();
}

function lostFocus(origin: Origin): boolean {
  const active = document.activeElement;
  if (active && active !== document.body && active !== origin.trigger) return false; // moved on by itself
  const t = origin.trigger;
  return !t?.isConnected || (t instanceof HTMLButtonElement && t.disabled) || active === document.body;
}

/** The heading of the nearest part of the page that is still there (or the page's own heading). */
function nearestPlace(origin: Origin): HTMLElement | null {
  for (const a of origin.ancestors) {
    if (!a.isConnected) continue;
    if (a.id === 'main') break;
    if (a.matches('section, article, li, form, aside, [role="region"], .card')) {
      const heading = a.querySelector<HTMLElement>('h2, h3, h4, h5, legend');
      if (heading) return heading;
    }
  }
  return document.getElementById('page-title') ?? document.getElementById('main');
}

/** After React has drawn what the action changed. */
function afterRender(fn: () => void) {
  requestAnimationFrame(() => window.setTimeout(fn, 0));
}

function settleFocus(done: Done, origin: Origin | undefined) {
  afterRender(() => {
    const target = resolve(done.focus);
    if (target) {
      focusOn(target);
      return;
    }
    if (!origin) return;
    const place = () => {
      if (lostFocus(origin)) {
        const p = nearestPlace(origin);
        if (p) focusOn(p);
      }
    };
    place();
    // a list that refetches removes the used button a moment later: look once more
    window.setTimeout(place, 600);
  });
}

/**
 * Says what happened (in the layout's live region) and moves focus. `origin` is where the action
 * began (`originOf()` before it ran); without a `focus` of its own, focus leaves a vanished button
 * for the nearest heading.
 */
export function announce(done: DoneSpec, origin?: Origin): void {
  const d = typeof done === 'string' ? { text: done } : done;
  if (!d.text) return;
  publish({ id: nextId++, text: d.text });
  settleFocus(d, origin);
}

/** Moves focus to a place once React has drawn the page (for steps that say nothing themselves). */
export function moveFocus(target: FocusTarget): void {
  afterRender(() => {
    const el = resolve(target);
    if (el) focusOn(el);
  });
}

/** For components: the same `announce`. */
export function useAnnounce(): typeof announce {
  return announce;
}

/** The reading time a message stays: 6 s at least, longer for longer texts (about 12 characters a second). */
export function displayTime(text: string): number {
  return Math.max(6000, Math.round((text.length / 12) * 1000) + 3000);
}

/**
 * The layout's one status region. The live element is always in the page (a region that appears
 * together with its text is often not read); the banner around it shows while there is a message.
 * It stays for displayTime, paused while pointed at or focused, and has a close button outside the
 * live element (so it is not read as part of the message).
 */
export function StatusRegion() {
  const { t } = useTranslation();
  const message = useSyncExternalStore(subscribe, () => current);
  const [held, setHeld] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  /** Where focus was before it came to the close button: it goes back there when the banner closes. */
  const before = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!message || held) return;
    const id = window.setTimeout(() => {
      if (current?.id === message.id) publish(null);
    }, displayTime(message.text));
    return () => window.clearTimeout(id);
  }, [message, held]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: pointing at or focusing the banner only pauses its timer
    <div
      ref={box}
      className={message ? 'status-banner shown' : 'status-banner'}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={(e) => {
        setHeld(true);
        if (e.relatedTarget instanceof HTMLElement && !box.current?.contains(e.relatedTarget))
          before.current = e.relatedTarget;
      }}
      onBlur={(e) => {
        if (!box.current?.contains(e.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      <p className="status-text" role="status" aria-live="polite" aria-atomic="true" id="status-message">
        {message && (
          <span key={message.id}>
            <span aria-hidden="true" className="status-mark">
              ✓{' '}
            </span>
            {message.text}
          </span>
        )}
      </p>
      {message && (
        <button
          type="button"
          className="status-close"
          aria-label={t('feedback.status.close')}
          aria-describedby="status-message"
          onClick={() => {
            publish(null);
            setHeld(false);
            const back = before.current?.isConnected ? before.current : document.getElementById('main');
            back?.focus();
          }}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}
