import { schoolYearCalendarDecider } from '../calendars/calendar.decider';
import type { SchoolYearCalendarCommand } from '../calendars/calendar.commands';
import { regulatoryTextDecider } from '../texts/text.decider';
import type { ReferencedTexts, RegulatoryTextCommand, TextReference } from '../texts/text.commands';
import { buildRegulationSnapshot, type RecordedEventLike } from './regulation-snapshot';
import { effectiveCalendar, effectiveWindow } from './effective-window';
import { ruleInForce, rulesInForce, rulesTimeline } from './rules-in-force';

/** A small log built through the deciders, each event with the date it became known. */
function logOf(
  steps: Array<[knownFrom: string, command: RegulatoryTextCommand | SchoolYearCalendarCommand]>,
) {
  const log: RecordedEventLike[] = [];
  const texts: Record<string, TextReference> = {};
  for (const [knownFrom, command] of steps) {
    const snapshot = buildRegulationSnapshot(log);
    const referencedTexts: ReferencedTexts = texts;
    const events =
      'schoolYear' in command
        ? schoolYearCalendarDecider.decide(
            { ...command, referencedTexts } as SchoolYearCalendarCommand,
            snapshot.calendars[command.schoolYear] ?? null,
          )
        : regulatoryTextDecider.decide(
            { ...command, referencedTexts } as RegulatoryTextCommand,
            snapshot.texts[command.textId] ?? null,
          );
    for (const event of events) {
      log.push({
        ...event,
        position: log.length + 1,
        metadata: { knownFrom, recordedAt: '2026-11-22T08:00:00.000Z', backfilled: true },
      });
    }
    if (command.type === 'PublishRegulatoryText') {
      texts[command.textId] = {
        textId: command.textId,
        kind: command.kind,
        scope: command.scope,
        inForceFrom: command.inForceFrom,
      };
    }
  }
  return log;
}

const src = { reference: 'test' };
const national = { level: 'national' } as const;

const log = logOf([
  [
    '2019-09-01',
    {
      type: 'PublishRegulatoryText',
      textId: 'arrete-certification',
      kind: 'arrete',
      title: 'Arrêté certification',
      issuer: 'MEN',
      scope: national,
      inForceFrom: '2019-09-01',
      source: src,
      confidence: 'C',
      rules: [
        { key: 'certification.validityYears', value: 3 },
        { key: 'certification.mandatory', value: true, population: 'LYC' },
        { key: 'certification.mandatory', value: true, population: 'COL' },
      ],
    },
  ],
  [
    '2020-12-10',
    {
      type: 'PublishRegulatoryText',
      textId: 'note-report',
      kind: 'note-dgesco',
      title: 'Report lycée',
      issuer: 'DGESCO',
      scope: national,
      inForceFrom: '2020-12-10',
      source: src,
      confidence: 'C',
      rules: [
        {
          key: 'certification.mandatory',
          value: false,
          population: 'LYC',
          inForceUntil: '2021-09-01',
        },
      ],
    },
  ],
  [
    '2021-08-27',
    {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2021-2022',
      publishedOn: '2021-08-27',
      items: [
        { population: 'LYC', mandatory: true, window: { start: '2021-11-29', end: '2022-03-04' } },
        { population: 'COL', mandatory: true, window: { start: '2022-03-07', end: '2022-05-20' } },
      ],
      source: src,
      confidence: 'P',
    },
  ],
  [
    '2021-12-28',
    {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2021-2022',
      amendedOn: '2021-12-28',
      changes: [
        { population: 'LYC', window: { start: '2021-11-29', end: '2022-04-07' } },
        { population: 'COL', window: { start: '2022-03-07', end: '2022-05-27' } },
      ],
      source: src,
      confidence: 'C',
    },
  ],
  [
    '2022-02-16',
    {
      type: 'PublishRegulatoryText',
      textId: 'circulaire-creteil',
      kind: 'circulaire-academique',
      title: 'Circulaire Créteil',
      issuer: 'Rectorat de Créteil',
      scope: { level: 'academie', academie: '24' },
      inForceFrom: '2022-02-16',
      source: src,
      confidence: 'C',
      rules: [{ key: 'certification.validityYears', value: 4 }],
    },
  ],
  [
    '2022-02-16',
    {
      type: 'NarrowAcademieCalendar',
      schoolYear: '2021-2022',
      academie: '24',
      population: 'LYC',
      textId: 'circulaire-creteil',
      publishedOn: '2022-02-16',
      window: { start: '2021-12-01', end: '2022-03-31' },
      source: src,
      confidence: 'C',
      referencedTexts: {},
    },
  ],
  [
    '2022-06-14',
    {
      type: 'AmendRegulatoryText',
      textId: 'arrete-certification',
      amendedOn: '2022-06-14',
      changes: [{ op: 'remove', key: 'certification.validityYears', inForceFrom: '2022-06-14' }],
      source: src,
      confidence: 'P',
    },
  ],
]);

describe('regulation snapshot', () => {
  it('folds texts and calendars with their history', () => {
    const snapshot = buildRegulationSnapshot(log);
    expect(Object.keys(snapshot.texts)).toEqual([
      'arrete-certification',
      'note-report',
      'circulaire-creteil',
    ]);
    expect(
      snapshot.calendars['2021-2022'].history.map((h) => [h.type, h.knownFrom, h.backfilled]),
    ).toEqual([
      ['SchoolYearCalendarPublished', '2021-08-27', true],
      ['SchoolYearCalendarAmended', '2021-12-28', true],
      ['AcademieCalendarNarrowed', '2022-02-16', true],
    ]);
    expect(snapshot.anomalies).toEqual([]);
  });

  it('as known at a date, leaves out what was learnt later; a date includes its whole day', () => {
    const before = buildRegulationSnapshot(log, '2021-12-15');
    expect(effectiveWindow(before, '2021-2022', 'LYC')).toMatchObject({
      start: '2021-11-29',
      end: '2022-03-04',
    });
    expect(before.texts['circulaire-creteil']).toBeUndefined();
    const sameDay = buildRegulationSnapshot(log, '2021-12-28');
    expect(effectiveWindow(sameDay, '2021-2022', 'LYC')!.end).toBe('2022-04-07');
    const instantBefore = buildRegulationSnapshot(log, '2021-12-27T23:59:59Z');
    expect(effectiveWindow(instantBefore, '2021-2022', 'COL')!.end).toBe('2022-05-20');
  });

  it('reports malformed or orphan events instead of failing', () => {
    const snapshot = buildRegulationSnapshot([
      { type: 'RegulatoryTextPublished', data: { n: 1 }, position: 1 },
      { type: 'SchoolYearCalendarAmended', data: log[3].data, position: 2 },
      { type: 'SomethingElse', data: {}, position: 3 },
    ]);
    expect(snapshot.anomalies.map((a) => a.position)).toEqual([1, 2]);
  });
});

describe('ruleInForce / rulesInForce / rulesTimeline', () => {
  const snapshot = buildRegulationSnapshot(log);

  it('gives the value on a date with the enacting text; the later value wins while both apply', () => {
    expect(ruleInForce(snapshot, 'certification.mandatory', '2020-06-01', 'LYC')).toMatchObject({
      value: true,
      textId: 'arrete-certification',
    });
    expect(ruleInForce(snapshot, 'certification.mandatory', '2021-01-15', 'LYC')).toMatchObject({
      value: false,
      textId: 'note-report',
      inForceFrom: '2020-12-10',
      inForceUntil: '2021-09-01',
    });
    expect(ruleInForce(snapshot, 'certification.mandatory', '2021-01-15', 'COL')!.value).toBe(true);
    expect(ruleInForce(snapshot, 'certification.mandatory', '2021-09-01', 'LYC')!.value).toBe(true);
  });

  it('ends a rule where an amendment removes it, and knows nothing of rules not enacted', () => {
    expect(ruleInForce(snapshot, 'certification.validityYears', '2022-06-13')!.value).toBe(3);
    expect(ruleInForce(snapshot, 'certification.validityYears', '2022-06-14')).toBeUndefined();
    expect(ruleInForce(snapshot, 'certification.format', '2022-01-01')).toBeUndefined();
  });

  it('lets an académie text apply over the national one only for that académie', () => {
    expect(
      ruleInForce(snapshot, 'certification.validityYears', '2022-03-01', undefined, '24'),
    ).toMatchObject({
      value: 4,
      scope: 'academie:24',
    });
    expect(
      ruleInForce(snapshot, 'certification.validityYears', '2022-03-01', undefined, '25')!.value,
    ).toBe(3);
  });

  it('ignores rules that do not concern the population, and needs one for per-population rules', () => {
    expect(
      ruleInForce(snapshot, 'certification.validityYears', '2020-01-01', '6E'),
    ).toBeUndefined();
    expect(ruleInForce(snapshot, 'certification.mandatory', '2020-01-01')).toBeUndefined();
    const all = rulesInForce(snapshot, '2021-01-15');
    expect(all.map((r) => [r.key, r.population ?? null, r.value])).toEqual([
      ['certification.mandatory', 'LYC', false],
      ['certification.mandatory', 'COL', true],
      ['certification.validityYears', null, 3],
    ]);
    expect(rulesInForce(snapshot, '2021-01-15', 'LYC').map((r) => r.key)).toEqual([
      'certification.mandatory',
      'certification.validityYears',
    ]);
  });

  it('gives the timeline of values over a school year', () => {
    const timeline = rulesTimeline(snapshot, '2020-2021', 'LYC');
    expect(
      timeline
        .find((t) => t.key === 'certification.mandatory')!
        .values.map((v) => [v.value, v.from, v.until]),
    ).toEqual([
      [true, '2020-09-01', '2020-12-10'],
      [false, '2020-12-10', '2021-09-01'],
    ]);
    const later = rulesTimeline(snapshot, '2021-2022');
    expect(
      later
        .find((t) => t.key === 'certification.validityYears')!
        .values.map((v) => [v.value, v.from, v.until]),
    ).toEqual([[3, '2021-09-01', '2022-06-14']]);
  });
});

describe('effectiveWindow / effectiveCalendar', () => {
  const snapshot = buildRegulationSnapshot(log);

  it('is the national window, or national ∩ the académie narrowing, with the source texts', () => {
    expect(effectiveWindow(snapshot, '2021-2022', 'LYC')).toMatchObject({
      start: '2021-11-29',
      end: '2022-04-07',
      scope: 'national',
      mandatory: true,
    });
    expect(effectiveWindow(snapshot, '2021-2022', 'LYC', '24')).toMatchObject({
      start: '2021-12-01',
      end: '2022-03-31',
      scope: 'academie:24',
      sourceTextIds: ['circulaire-creteil'],
    });
    expect(effectiveWindow(snapshot, '2021-2022', 'COL', '24')).toMatchObject({
      scope: 'national',
      end: '2022-05-27',
    });
    expect(effectiveWindow(snapshot, '2021-2022', '6E')).toBeUndefined();
    expect(effectiveWindow(snapshot, '1999-2000', 'LYC')).toBeUndefined();
  });

  it('as of a date (valid time), applies only the changes made by then', () => {
    expect(
      effectiveWindow(snapshot, '2021-2022', 'LYC', undefined, { asOf: '2021-12-01' })!.end,
    ).toBe('2022-03-04');
    expect(effectiveWindow(snapshot, '2021-2022', 'LYC', '24', { asOf: '2022-01-01' })!.scope).toBe(
      'national',
    );
  });

  it('treats a narrowing that no longer meets the national window as void', () => {
    const shrunk = logOf([
      [
        '2022-01-01',
        {
          type: 'PublishRegulatoryText',
          textId: 'circ',
          kind: 'circulaire-academique',
          title: 'c',
          issuer: 'r',
          scope: { level: 'academie', academie: '01' },
          inForceFrom: '2022-01-01',
          source: src,
          confidence: 'C',
          rules: [],
        },
      ],
      [
        '2022-01-01',
        {
          type: 'PublishSchoolYearCalendar',
          schoolYear: '2022-2023',
          publishedOn: '2022-09-01',
          items: [
            {
              population: 'LYC',
              mandatory: true,
              window: { start: '2022-11-14', end: '2023-03-31' },
            },
          ],
          source: src,
          confidence: 'C',
        },
      ],
      [
        '2022-12-01',
        {
          type: 'NarrowAcademieCalendar',
          schoolYear: '2022-2023',
          academie: '01',
          population: 'LYC',
          textId: 'circ',
          publishedOn: '2022-12-01',
          window: { start: '2023-03-20', end: '2023-03-31' },
          source: src,
          confidence: 'C',
          referencedTexts: {},
        },
      ],
      [
        '2023-01-05',
        {
          type: 'AmendSchoolYearCalendar',
          schoolYear: '2022-2023',
          amendedOn: '2023-01-05',
          changes: [{ population: 'LYC', window: { start: '2022-11-14', end: '2023-03-17' } }],
          source: src,
          confidence: 'C',
        },
      ],
    ]);
    const entry = effectiveCalendar(buildRegulationSnapshot(shrunk), '2022-2023', '01')![0];
    expect(entry).toMatchObject({ start: '2022-11-14', end: '2023-03-17', scope: 'national' });
    expect(entry.voidNarrowing).toEqual({ textId: 'circ', start: '2023-03-20', end: '2023-03-31' });
  });
});
