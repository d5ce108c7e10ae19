import type { AvailabilitySlot } from '../../../../db/schema.ts';
import { partOfDay } from '../../repositories/opportunities.ts';

export interface ProfileForSuggestions {
  skills: string[];
  interests: string[];
  languages: string[];
  availability: AvailabilitySlot[];
  districtIds: string[];
}

export interface Candidate {
  title: string;
  description: string;
  skills: string[];
  languages: string[];
  district_id: string | null;
  mode: 'online' | 'on_site' | 'hybrid';
  /** upcoming shifts: ISO weekday and local minutes after midnight of the start */
  upcoming: { weekday: number; minutes: number }[];
}

const days: AvailabilitySlot['day'][] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const norm = (s: string) => s.trim().toLowerCase();

/**
 * How well an opportunity fits a person's profile, and why. Shared skills weigh most; then an
 * interest named in the text, a shift in one of their free slots (day × part of day), their district
 * (or online, which fits every district). An opportunity in languages the person does not speak is
 * left out (score 0) when both sides name languages.
 */
export function scoreCandidate(p: ProfileForSuggestions, c: Candidate): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const mine = new Set(p.languages.map(norm));
  if (c.languages.length > 0 && mine.size > 0) {
    if (!c.languages.some((l) => mine.has(norm(l)))) return { score: 0, reasons: [] };
    score += 0.5;
    reasons.push('language');
  }
  const skills = new Set(p.skills.map(norm));
  const shared = c.skills.filter((s) => skills.has(norm(s))).length;
  if (shared > 0) {
    score += 2 * shared;
    reasons.push('skill');
  }
  const text = norm(`${c.title} ${c.description} ${c.skills.join(' ')}`);
  const interests = p.interests.filter((i) => norm(i).length >= 3 && text.includes(norm(i))).length;
  if (interests > 0) {
    score += interests;
    reasons.push('interest');
  }
  const slots = new Set(p.availability.map((s) => `${s.day}:${s.part}`));
  if (c.upcoming.some((u) => slots.has(`${days[u.weekday - 1]}:${partOfDay(u.minutes)}`))) {
    score += 1;
    reasons.push('availability');
  }
  if (c.district_id !== null && p.districtIds.includes(c.district_id)) {
    score += 1;
    reasons.push('district');
  } else if (c.mode === 'online' && p.districtIds.length > 0) {
    score += 0.5;
    reasons.push('online');
  }
  // a shared language or being online alone is no reason to suggest something
  if (!reasons.some((r) => r !== 'language' && r !== 'online')) return { score: 0, reasons: [] };
  return { score, reasons };
}
