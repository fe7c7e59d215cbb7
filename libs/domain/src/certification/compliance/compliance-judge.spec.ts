import { REGULATORY_HISTORY_V1 } from '../../regulation/history/regulatory-history.v1';
import { replayHistoryInMemory } from '../../regulation/history/replay-in-memory';
import { buildRegulationSnapshot } from '../../regulation/snapshot/regulation-snapshot';
import { COMPETENCE_CODES } from '../reference/competences';
import { complianceJudge, validityEnd } from './compliance-judge';
import type { JudgedResult, JudgedSession } from './compliance.types';

/** The judge runs on the seeded regulatory history (R1-R10 and the calendars), not on test values. */
const history = replayHistoryInMemory(REGULATORY_HISTORY_V1, '2026-11-22T08:00:00.000Z');
const judge = complianceJudge(buildRegulationSnapshot(history));

const session = (overrides: Partial<JudgedSession>): JudgedSession => ({
  sessionId: 'S',
  uai: '0510001Z',
  academie: '19',
  population: 'LYC',
  date: '2025-01-15',
  schoolYear: '2024-2025',
  finalisedOn: null,
  ...overrides,
});

const levels = (...values: number[]): JudgedResult['competences'] =>
  COMPETENCE_CODES.map((code, i) => ({ code, level: values[i] ?? 0 }));
const validated = (competences: JudgedResult['competences']): JudgedResult => ({
  status: 'validated',
  competences,
});

describe('compliance judge on the seeded history', () => {
  it('flags the Reims LYC session of 2025-03-20 out of its window (ends 2025-03-07), naming the texts', () => {
    const flags = judge.sessionFlags(session({ date: '2025-03-20' }));
    expect(flags).toEqual([
      expect.objectContaining({
        code: 'outOfWindow',
        rule: 'calendar.LYC.window',
        details: expect.objectContaining({ start: '2024-11-07', end: '2025-03-07' }),
      }),
    ]);
    expect(flags[0].textIds.length).toBeGreaterThan(0);
  });

  it('leaves the Reims 3e session of 2025-04-10 inside the COL window', () => {
    expect(judge.sessionFlags(session({ population: 'COL', date: '2025-04-10' }))).toEqual([]);
  });

  it('flags a LYC finalisation on 2025-04-02 late (deadline 2025-03-31), not one on 2025-03-28', () => {
    const late = judge.sessionFlags(session({ date: '2025-03-01', finalisedOn: '2025-04-02' }));
    expect(late).toEqual([
      expect.objectContaining({
        code: 'lateFinalisation',
        details: { finalisedOn: '2025-04-02', deadline: '2025-03-31' },
      }),
    ]);
    expect(judge.sessionFlags(session({ date: '2025-03-01', finalisedOn: '2025-03-28' }))).toEqual(
      [],
    );
  });

  it('knows no finalisation deadline before 2024-2025', () => {
    const flags = judge.sessionFlags(
      session({ date: '2022-03-01', schoolYear: '2021-2022', finalisedOn: '2022-09-30' }),
    );
    expect(flags.map((f) => f.code)).toEqual([]);
  });

  it('validates a 2021-2022 result with 5 competences at level 1, under the texts of the time, even with the 2024 note known', () => {
    const s = session({ date: '2022-01-20', schoolYear: '2021-2022' });
    const verdict = judge.resultVerdict(s, validated(levels(1, 1, 1, 1, 1)));
    expect(verdict.certified).toBe(true);
    expect(verdict.rules.map((r) => r.rule)).toEqual(
      expect.arrayContaining([
        'certification.threshold.minCompetences',
        'certification.threshold.minLevel',
      ]),
    );
    // Known before the 2024 note existed: the same verdict, from the same texts.
    const before = complianceJudge(buildRegulationSnapshot(history, '2022-06-01'));
    expect(before.resultVerdict(s, validated(levels(1, 1, 1, 1, 1)))).toEqual(verdict);
  });

  it('does not certify 4 competences at level 1, nor a rejected result', () => {
    const s = session({ date: '2022-01-20', schoolYear: '2021-2022' });
    expect(judge.resultVerdict(s, validated(levels(1, 1, 1, 1))).certified).toBe(false);
    expect(
      judge.resultVerdict(s, { status: 'rejected', competences: levels(3, 3, 3, 3, 3, 3) })
        .certified,
    ).toBe(false);
  });

  it('gives a validity end only while a validity rule was in force (removed on 2022-06-14)', () => {
    const early = judge.resultVerdict(
      session({ date: '2022-01-20', schoolYear: '2021-2022' }),
      validated(levels(2, 2, 2, 2, 2)),
    );
    expect(early.validUntil).toBe('2025-01-19');
    const later = judge.resultVerdict(
      session({ date: '2023-01-20', schoolYear: '2022-2023' }),
      validated(levels(2, 2, 2, 2, 2)),
    );
    expect(later.validUntil).toBeNull();
  });

  it('flags LYC sessions of 2020-2021 as not required (optional year)', () => {
    const flags = judge.sessionFlags(
      session({ date: '2021-03-01', schoolYear: '2020-2021', academie: '24' }),
    );
    expect(flags.map((f) => [f.code, f.rule])).toContainEqual([
      'populationNotRequired',
      'certification.mandatory',
    ]);
  });

  it('flags a session of a year with no calendar', () => {
    expect(
      judge
        .sessionFlags(session({ date: '2019-12-10', schoolYear: '2019-2020' }))
        .map((f) => f.code),
    ).toContain('noWindowInForce');
  });

  it('the 6e attestation is required from 2024-2025, not in 2023-2024', () => {
    expect(judge.attestation6eFlags('2023-2024', '19').map((f) => f.code)).toEqual([
      'populationNotRequired',
    ]);
    expect(judge.attestation6eFlags('2024-2025', '19')).toEqual([]);
  });

  it('computes validity ends across leap days', () => {
    expect(validityEnd('2020-02-29', 3)).toBe('2023-02-28');
    expect(validityEnd('2022-01-20', 3)).toBe('2025-01-19');
  });
});
