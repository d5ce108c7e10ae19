import type { ShiftRow } from '../../repositories/shifts.ts';

export interface MySignup {
  id: string;
  status: string;
  waitlistPosition: number | null;
}

export function presentShift(s: ShiftRow, mine: MySignup | null) {
  return {
    id: s.id,
    opportunityId: s.opportunity_id,
    startsAt: s.starts_at.toISOString(),
    endsAt: s.ends_at.toISOString(),
    capacity: s.capacity,
    signedUp: s.signed_up,
    freePlaces: Math.max(0, s.capacity - s.signed_up),
    waitlisted: s.waitlisted,
    waitlistEnabled: s.waitlist_enabled,
    note: s.note,
    mySignup: mine,
  };
}
