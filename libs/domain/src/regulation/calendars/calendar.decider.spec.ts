import { fold } from '../../shared/decider';
import { given } from '../testing/given-when-then';
import type { ReferencedTexts } from '../texts/text.commands';
import type { NarrowAcademieCalendar, PublishSchoolYearCalendar } from './calendar.commands';
import { schoolYearCalendarDecider as decider } from './calendar.decider';
import type { SchoolYearCalendarEvent } from './calendar.events';

const texts: ReferencedTexts = {
  'note-de-service-2024-10-23': {
    textId: 'note-de-service-2024-10-23',
    kind: 'note-de-service',
    scope: { level: 'national' },
    inForceFrom: '2024-11-14',
  },
  'lettre-reims-2024-12-13': {
    textId: 'lettre-reims-2024-12-13',
    kind: 'circulaire-academique',
    scope: { level: 'academie', academie: '19' },
    inForceFrom: '2024-12-13',
  },
};

const publish: PublishSchoolYearCalendar = {
  type: 'PublishSchoolYearCalendar',
  schoolYear: '2024-2025',
  publishedOn: '2024-11-14',
  items: [
    {
      population: 'LYC',
      mandatory: true,
      window: { start: '2024-11-07', end: '2025-03-07' },
      finalisationDeadline: '2025-03-31',
      parcoursupTransmissionDate: '2024-04-08',
      textId: 'note-de-service-2024-10-23',
    },
    { population: 'COL', mandatory: true, window: { start: '2025-03-17', end: '2025-06-13' } },
    { population: '6E', mandatory: true },
  ],
  source: { reference: 'S1', seed: 'S1' },
  confidence: 'C',
  referencedTexts: texts,
};

const published: SchoolYearCalendarEvent = decider.decide(publish, null)[0];
const lyc = publish.items[0];
const onlyLyc = decider.decide({ ...publish, items: [lyc] }, null);

const narrowing: NarrowAcademieCalendar = {
  type: 'NarrowAcademieCalendar',
  schoolYear: '2024-2025',
  academie: '19',
  population: 'LYC',
  textId: 'lettre-reims-2024-12-13',
  publishedOn: '2024-12-13',
  window: { start: '2024-11-18', end: '2025-02-28' },
  source: { reference: 'S1', seed: 'S1' },
  confidence: 'C',
  referencedTexts: texts,
};

describe('school-year calendar decider', () => {
  describe('PublishSchoolYearCalendar', () => {
    it('given no calendar, publishes the items, each tied to its text', () => {
      given(decider)
        .when(publish)
        .then([
          {
            type: 'SchoolYearCalendarPublished',
            data: {
              schoolYear: '2024-2025',
              publishedOn: '2024-11-14',
              items: publish.items,
              source: publish.source,
              confidence: 'C',
            },
          },
        ]);
      const calendar = fold(decider, [published])!;
      expect(calendar.items.LYC).toMatchObject({
        window: { start: '2024-11-07', end: '2025-03-07' },
        sourceTextIds: ['note-de-service-2024-10-23'],
      });
      expect(calendar.items['6E']).toMatchObject({ mandatory: true });
      expect(calendar.items['6E']!.window).toBeUndefined();
    });

    it('given the calendar is published, refuses to publish it again (conflict)', () => {
      given(decider, [published])
        .when(publish)
        .thenRejected('conflict', 'schoolYear', /amend it instead/);
    });

    it.each(['2024', '2024-2026', '24-25', '2024/2025'])(
      'refuses the school year %s',
      (schoolYear) => {
        given(decider)
          .when({ ...publish, schoolYear })
          .thenRejected('invalid', 'schoolYear', /YYYY-\(YYYY\+1\)/);
      },
    );

    it.each([
      [
        'items[0].window.end',
        { window: { start: '2024-11-07', end: '2024-11-06' } },
        /before the start 2024-11-07/,
      ],
      [
        'items[0].window.start',
        { window: { start: '2024-13-07', end: '2025-03-07' } },
        /YYYY-MM-DD/,
      ],
      [
        'items[0].window',
        { window: { start: '2025-11-07', end: '2026-03-07' } },
        /outside the school year 2024-2025/,
      ],
      [
        'items[0].finalisationDeadline',
        { finalisationDeadline: '2024-10-01' },
        /before the window opens/,
      ],
      [
        'items[0].catchUp.end',
        { catchUp: { start: '2025-03-10', end: '2025-03-09' } },
        /before the start/,
      ],
      [
        'items[0].catchUp.start',
        { catchUp: { start: '2024-10-10', end: '2024-10-14' } },
        /before the window opens/,
      ],
      ['items[0].textId', { textId: 'unknown-text' }, /no regulatory text/],
      ['items[0].population', { population: 'CM2' }, /LYC, COL or 6E/],
      ['items[0].mandatory', { mandatory: 'yes' }, /true or false/],
    ])('refuses a bad item (%s)', (field, change, reason) => {
      given(decider)
        .when({ ...publish, items: [{ ...lyc, ...change } as typeof lyc] })
        .thenRejected('invalid', field, reason);
    });

    it('refuses a population given twice, and an empty calendar', () => {
      given(decider)
        .when({ ...publish, items: [lyc, lyc] })
        .thenRejected('invalid', 'items[1].population', /twice/);
      given(decider)
        .when({ ...publish, items: [] })
        .thenRejected('invalid', 'items');
    });
  });

  describe('AmendSchoolYearCalendar', () => {
    const amend = {
      type: 'AmendSchoolYearCalendar' as const,
      schoolYear: '2024-2025',
      amendedOn: '2024-12-13',
      changes: [
        {
          population: 'LYC' as const,
          window: { start: '2024-11-07', end: '2025-03-14' },
          parcoursupTransmissionDate: null,
        },
      ],
      source: { reference: '1024pix/pix PR #10822' },
      confidence: 'P' as const,
      referencedTexts: texts,
    };

    it('given a calendar, changes one population from the amendment date and removes a field set to null', () => {
      const events = given(decider, [published]).when(amend).thenEvents();
      expect(events).toEqual([
        {
          type: 'SchoolYearCalendarAmended',
          data: {
            schoolYear: '2024-2025',
            amendedOn: '2024-12-13',
            changes: amend.changes,
            source: amend.source,
            confidence: 'P',
          },
        },
      ]);
      const calendar = fold(decider, [published, ...events])!;
      expect(calendar.items.LYC).toMatchObject({
        window: { end: '2025-03-14' },
        confidence: 'P',
        changedOn: '2024-12-13',
      });
      expect(calendar.items.LYC!.parcoursupTransmissionDate).toBeUndefined();
      expect(calendar.items.COL!.window!.end).toBe('2025-06-13');
    });

    it('with a text, ties items to it without changing their dates', () => {
      const events = given(decider, [published])
        .when({ ...amend, textId: 'note-de-service-2024-10-23', changes: [{ population: 'COL' }] })
        .thenEvents();
      const calendar = fold(decider, [published, ...events])!;
      expect(calendar.items.COL).toMatchObject({
        window: { start: '2025-03-17', end: '2025-06-13' },
        sourceTextIds: ['note-de-service-2024-10-23'],
      });
    });

    it('given no calendar, refuses the amendment', () => {
      given(decider)
        .when(amend)
        .thenRejected('invalid', 'schoolYear', /no calendar is recorded for 2024-2025/);
    });

    it.each([
      [
        'changes[0].window.end',
        { window: { start: '2024-11-07', end: '2024-11-01' } },
        /before the start/,
      ],
      [
        'changes[0]',
        { window: undefined, parcoursupTransmissionDate: undefined },
        /changes nothing/,
      ],
      [
        'changes[0].finalisationDeadline',
        { finalisationDeadline: '2024-09-01' },
        /before the window opens/,
      ],
    ])('refuses a bad change (%s)', (field, change, reason) => {
      given(decider, [published])
        .when({ ...amend, changes: [{ ...amend.changes[0], ...change }] })
        .thenRejected('invalid', field, reason);
    });

    it('refuses a new population without its obligation, an amendment before publication, an unknown text', () => {
      given(decider, onlyLyc)
        .when({
          ...amend,
          changes: [{ population: 'COL', window: { start: '2025-03-17', end: '2025-06-13' } }],
        })
        .thenRejected('invalid', 'changes[0].mandatory', /new in this calendar/);
      given(decider, [published])
        .when({ ...amend, amendedOn: '2024-11-01' })
        .thenRejected('invalid', 'amendedOn', /before/);
      given(decider, [published])
        .when({ ...amend, textId: 'ghost' })
        .thenRejected('invalid', 'textId', /no regulatory text/);
    });
  });

  describe('NarrowAcademieCalendar', () => {
    it('given a national window, records an académie window inside it', () => {
      given(decider, [published])
        .when(narrowing)
        .then([
          {
            type: 'AcademieCalendarNarrowed',
            data: {
              schoolYear: '2024-2025',
              academie: '19',
              population: 'LYC',
              textId: 'lettre-reims-2024-12-13',
              publishedOn: '2024-12-13',
              window: { start: '2024-11-18', end: '2025-02-28' },
              source: narrowing.source,
              confidence: 'C',
            },
          },
        ]);
    });

    it('refuses a window outside the national one: an académie may narrow, never widen', () => {
      given(decider, [published])
        .when({ ...narrowing, window: { start: '2024-11-04', end: '2025-02-28' } })
        .thenRejected(
          'invalid',
          'window',
          /only narrow the national LYC window 2024-11-07 → 2025-03-07/,
        );
      given(decider, [published])
        .when({ ...narrowing, window: { start: '2024-11-18', end: '2025-03-21' } })
        .thenRejected('invalid', 'window', /only narrow/);
    });

    it.each([
      ['academie', { academie: '99' }, /unknown académie/],
      ['textId', { textId: 'note-de-service-2024-10-23' }, /not a text of the académie de Reims/],
      ['textId', { textId: 'ghost' }, /no regulatory text/],
      ['population', { population: '6E' }, /no 6E window/],
      ['window.end', { window: { start: '2024-12-01', end: '2024-11-30' } }, /before the start/],
      [
        'finalisationDeadline',
        { finalisationDeadline: '2025-04-30' },
        /bring the national deadline 2025-03-31 forward/,
      ],
    ])('refuses a bad %s', (field, change, reason) => {
      given(decider, [published])
        .when({ ...narrowing, ...change } as NarrowAcademieCalendar)
        .thenRejected('invalid', field, reason);
    });

    it('given no calendar, refuses the narrowing', () => {
      given(decider).when(narrowing).thenRejected('invalid', 'schoolYear');
    });
  });

  describe('RecordSchoolYearCalendarErratum', () => {
    const erratum = {
      type: 'RecordSchoolYearCalendarErratum' as const,
      schoolYear: '2024-2025',
      population: 'LYC' as const,
      field: 'parcoursupTransmissionDate' as const,
      asWritten: '2024-04-08',
      corrected: '2025-04-08',
      source: { reference: 'DOMAIN.md §6b; DANE Amiens' },
      confidence: 'P' as const,
    };

    it('given the date as the source wrote it, records the correction and keeps both', () => {
      const events = given(decider, [published]).when(erratum).thenEvents();
      const calendar = fold(decider, [published, ...events])!;
      expect(calendar.items.LYC!.parcoursupTransmissionDate).toBe('2025-04-08');
      expect(calendar.items.LYC!.errata).toEqual([
        expect.objectContaining({
          field: 'parcoursupTransmissionDate',
          asWritten: '2024-04-08',
          corrected: '2025-04-08',
        }),
      ]);
    });

    it.each([
      [
        'asWritten',
        { asWritten: '2025-04-08' },
        /recorded LYC parcoursupTransmissionDate is "2024-04-08"/,
      ],
      ['corrected', { corrected: '2024-04-08' }, /same/],
      ['field', { field: 'colour' }, /must be one of/],
      [
        'corrected',
        { field: 'window.end', asWritten: '2025-03-07', corrected: '2024-11-01' },
        /before it starts/,
      ],
    ])('refuses a bad %s', (field, change, reason) => {
      given(decider, [published])
        .when({ ...erratum, ...change } as typeof erratum)
        .thenRejected('invalid', field, reason);
    });

    it('refuses an erratum on a population the calendar does not have, or on a year not published', () => {
      given(decider, onlyLyc)
        .when({ ...erratum, population: 'COL' })
        .thenRejected('invalid', 'population', /no COL item/);
      given(decider).when(erratum).thenRejected('invalid', 'schoolYear');
    });
  });
});
