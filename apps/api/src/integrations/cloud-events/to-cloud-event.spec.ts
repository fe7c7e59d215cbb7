import { CloudEvent } from 'cloudevents';
import type { RecordedEvent } from '@pix-ledger/event-store';
import { cloudEventJson, cloudEventType, kebab } from './to-cloud-event';

const recorded: RecordedEvent = {
  eventId: '0190a1b2-0000-7000-8000-000000000001',
  type: 'RegulatoryTextPublished',
  data: { title: 'Note de service', nor: 'MENE2112345N' },
  metadata: {
    schemaVersion: 2,
    correlationId: 'corr-1',
    causationId: null,
    actor: 'cli:import',
    recordedAt: '2026-11-22T08:00:00.000Z',
    schoolYear: '2021-2022',
  },
  streamId: 'regulationText-MENE2112345N',
  revision: 0,
  position: 42,
};

describe('CloudEvents mapping', () => {
  it('names types after the stream category and the event type, versioned', () => {
    expect(kebab('regulationText')).toBe('regulation-text');
    expect(kebab('CertificationSessionOpened')).toBe('certification-session-opened');
    expect(kebab('LSUExportDone')).toBe('lsu-export-done');
    expect(cloudEventType('yearCalendar', 'CalendarAmended', 1)).toBe(
      'fr.pix-ledger.year-calendar.calendar-amended.v1',
    );
  });

  it('writes a valid CloudEvents 1.0 JSON event that the SDK reads back', () => {
    const json = JSON.parse(cloudEventJson(recorded, 'https://pix-ledger.example.fr'));
    expect(json).toEqual({
      specversion: '1.0',
      id: recorded.eventId,
      source: 'https://pix-ledger.example.fr',
      type: 'fr.pix-ledger.regulation-text.regulatory-text-published.v2',
      subject: 'regulationText-MENE2112345N',
      time: '2026-11-22T08:00:00.000Z',
      datacontenttype: 'application/json',
      data: recorded.data,
      position: 42,
      schoolyear: '2021-2022',
      correlationid: 'corr-1',
    });
    // The SDK's own validation (strict mode) accepts it.
    expect(() => new CloudEvent(json)).not.toThrow();
  });

  it('leaves schoolyear out when the event has none', () => {
    const json = JSON.parse(
      cloudEventJson(
        { ...recorded, metadata: { ...recorded.metadata, schoolYear: undefined } },
        'urn:pix-ledger',
      ),
    );
    expect(json).not.toHaveProperty('schoolyear');
  });
});
