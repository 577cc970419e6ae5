import * as repo from './patent-search.repository.ts';
import { registerPatentTimelineSource } from './patent-timeline.ts';

/** The legal-status events are public bibliographic data: every viewer sees them on the timeline. */
registerPatentTimelineSource('legal_status', async (db, patentId) =>
  (await repo.eventsOf(db, patentId)).map((e) => ({
    at: e.event_date,
    source: 'legal_status',
    kind: e.kind,
    detail: e.detail,
    refId: null,
  })),
);
