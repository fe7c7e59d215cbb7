import { knownFromMs } from '../knowledge-time';
import { buildRegulationSnapshot } from '../snapshot/regulation-snapshot';
import { effectiveWindow } from '../snapshot/effective-window';
import { ruleInForce } from '../snapshot/rules-in-force';
import { isTextInForceOn } from '../texts/text.state';
import {
  REGULATION_TEXT_IDS as T,
  REGULATORY_HISTORY_V1 as history,
} from './regulatory-history.v1';
import { replayHistoryInMemory } from './replay-in-memory';

const log = replayHistoryInMemory(history, '2026-11-22T08:00:00.000Z');
const now = buildRegulationSnapshot(log);
const knownOn = (date: string) => buildRegulationSnapshot(log, date);

describe('regulatory history v1 (DOMAIN.md §1-§3, seeds S0-S4)', () => {
  it('replays through the deciders: every item is accepted and records one event', () => {
    expect(log).toHaveLength(history.items.length);
    expect(new Set(history.items.map((item) => item.key)).size).toBe(history.items.length);
    expect(now.anomalies).toEqual([]);
  });

  it('is in knowledge-time order, each date with its basis', () => {
    const times = history.items.map((item) => knownFromMs(item.knownFrom));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const item of history.items) expect(item.knownFromBasis.length).toBeGreaterThan(5);
  });

  it('holds texts R1-R10 (R9: two académie letters) and the calendars 2020-2021 … 2025-2026', () => {
    expect(Object.keys(now.texts).sort()).toEqual(Object.values(T).sort());
    expect(Object.keys(now.calendars)).toEqual([
      '2020-2021',
      '2021-2022',
      '2022-2023',
      '2023-2024',
      '2024-2025',
      '2025-2026',
    ]);
  });

  it('2021-2022: LYC 29/11/2021 → 07/04/2022 and COL 07/03 → 27/05/2022, but 04/03 and 20/05 as known on 15/12/2021', () => {
    expect(effectiveWindow(now, '2021-2022', 'LYC')).toMatchObject({
      start: '2021-11-29',
      end: '2022-04-07',
    });
    expect(effectiveWindow(now, '2021-2022', 'COL')).toMatchObject({
      start: '2022-03-07',
      end: '2022-05-27',
    });
    const then = knownOn('2021-12-15');
    expect(effectiveWindow(then, '2021-2022', 'LYC')).toMatchObject({
      start: '2021-11-29',
      end: '2022-03-04',
    });
    expect(effectiveWindow(then, '2021-2022', 'COL')).toMatchObject({
      end: '2022-05-20',
      sourceTextIds: [],
    });
    expect(effectiveWindow(now, '2021-2022', 'LYC')!.sourceTextIds).toEqual([T.note2021]);
  });

  it('2020-2021: LYC optional, COL mandatory, both extended to 25/06/2021 on 21/04/2021', () => {
    expect(effectiveWindow(now, '2020-2021', 'LYC')).toMatchObject({
      mandatory: false,
      end: '2021-06-25',
    });
    expect(effectiveWindow(now, '2020-2021', 'COL')).toMatchObject({
      mandatory: true,
      end: '2021-06-25',
    });
    expect(effectiveWindow(knownOn('2021-04-20'), '2020-2021', 'COL')!.end).toBe('2021-05-12');
    expect(ruleInForce(now, 'certification.mandatory', '2021-02-01', 'LYC')).toMatchObject({
      value: false,
      textId: T.noteDgesco2020,
    });
  });

  it('2022-2023: LYC shortened from 31/03 to 17/03/2023 on 05/01/2023', () => {
    expect(effectiveWindow(now, '2022-2023', 'LYC')!.end).toBe('2023-03-17');
    expect(effectiveWindow(knownOn('2023-01-04'), '2022-2023', 'LYC')!.end).toBe('2023-03-31');
  });

  it('2024-2025: LYC 07/11/2024 → 07/03/2025, finalisation by 31/03/2025, 6e attestation mandatory', () => {
    expect(effectiveWindow(now, '2024-2025', 'LYC')).toMatchObject({
      start: '2024-11-07',
      end: '2025-03-07',
      finalisationDeadline: '2025-03-31',
      sourceTextIds: [T.note2024],
    });
    expect(now.calendars['2024-2025'].items['6E']).toMatchObject({
      mandatory: true,
      sourceTextIds: [T.note2024],
    });
    expect(ruleInForce(now, 'attestation6e.mandatory', '2024-11-08', '6E')).toMatchObject({
      value: true,
      textId: T.note2024,
    });
    expect(
      effectiveWindow(knownOn('2024-12-12'), '2024-2025', 'LYC')!.finalisationDeadline,
    ).toBeUndefined();
  });

  it('keeps S1’s "8 avril 2024" as written and corrects it, known from 2026-11-22', () => {
    const lyc = effectiveWindow(now, '2024-2025', 'LYC')!;
    expect(lyc.parcoursupTransmissionDate).toBe('2025-04-08');
    expect(lyc.errata).toEqual([
      { field: 'parcoursupTransmissionDate', asWritten: '2024-04-08', corrected: '2025-04-08' },
    ]);
    expect(
      effectiveWindow(knownOn('2025-01-01'), '2024-2025', 'LYC')!.parcoursupTransmissionDate,
    ).toBe('2024-04-08');
  });

  it('the note of 21/12/2021 is in force on 2023-06-01 and abrogated on 2025-01-01 by the note of 2024', () => {
    const note = now.texts[T.note2021];
    expect(isTextInForceOn(note, '2023-06-01')).toBe(true);
    expect(isTextInForceOn(note, '2025-01-01')).toBe(false);
    expect(note.abrogation).toMatchObject({ byTextId: T.note2024, from: '2024-11-14' });
    expect(knownOn('2024-11-13').texts[T.note2021].abrogation).toBeUndefined();
  });

  it('certification rules over time: threshold 5 × level 1, validity 3 years until 14/06/2022, v2 then v3', () => {
    expect(
      ruleInForce(now, 'certification.threshold.minCompetences', '2022-03-01', 'LYC')!.value,
    ).toBe(5);
    expect(ruleInForce(now, 'certification.threshold.minLevel', '2025-01-15', 'COL')!.value).toBe(
      1,
    );
    expect(ruleInForce(now, 'certification.validityYears', '2022-03-01')!.value).toBe(3);
    expect(ruleInForce(now, 'certification.validityYears', '2022-06-14')).toBeUndefined();
    expect(ruleInForce(now, 'certification.format', '2024-06-01')!.value).toBe('v2');
    expect(ruleInForce(now, 'certification.format', '2024-11-08')!.value).toBe('v3');
    expect(ruleInForce(now, 'certification.maxScore', '2021-06-01')!.value).toBe(768);
    expect(ruleInForce(now, 'certification.maxScore', '2025-01-01')!.value).toBe(895);
  });

  it('marks uncertain facts as such', () => {
    expect(effectiveWindow(now, '2025-2026', 'COL')).toMatchObject({
      end: '2026-06-13',
      confidence: 'U',
    });
    expect(now.texts[T.certification].rules.find((r) => r.value === 896)!.confidence).toBe('U');
    expect(log.filter((e) => e.metadata?.backfilled === true)).toHaveLength(log.length);
  });
});
