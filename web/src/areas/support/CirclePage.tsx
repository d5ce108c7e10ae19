import './circles.css';
import { CalendarSection, LoadSection, Warnings } from './CalendarSection.tsx';
import { CircleFrame } from './CircleFrame.tsx';
import { UpdatesSection } from './UpdatesSection.tsx';

/** /kreise/:id: the warnings, the care calendar, the spread of the load and the latest updates. */
export function CirclePage() {
  return (
    <CircleFrame section="overview">
      {(c) => (
        <>
          {c.abilities.viewLoad && c.status === 'active' && <Warnings circleId={c.id} />}
          {c.abilities.viewNeeds && <CalendarSection circle={c} />}
          {c.abilities.viewUpdates && <UpdatesSection circle={c} />}
          {c.abilities.viewLoad && c.status === 'active' && <LoadSection circleId={c.id} />}
        </>
      )}
    </CircleFrame>
  );
}
