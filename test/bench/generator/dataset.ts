import {
  ACADEMIE_REFERENCE,
  type Attestation6eCommand,
  attestation6eDecider,
  attestation6eStream,
  buildRegulationSnapshot,
  COMPETENCE_CODES,
  type CertificationResult,
  type DomainEvent,
  type Decider,
  decideInSequence,
  effectiveWindow,
  type EstablishmentCommand,
  establishmentDecider,
  establishmentStream,
  type EstablishmentType,
  type Population,
  REGULATORY_HISTORY_V1,
  replayHistoryInMemory,
  type SessionCommand,
  sessionDecider,
  type SessionPopulation,
  sessionStream,
  uaiCheckLetter,
} from '@pix-ledger/domain';
import { Random } from './random';

/**
 * A deterministic, synthetic dataset of the certification context, built by the domain's own
 * deciders (so every event is one the registry would record) and handed out as appends: one
 * stream, its events, the school year and the instant it is recorded at.
 *
 * Sizes come from the issue (per year: ~850k 3e and ~950k lycée candidates, ~850k 6e pupils);
 * cohorts per establishment, score levels and rates are synthetic, not statistics. Session
 * windows are the seeded regulation's (national ∩ académie); about 4 % of the sessions are
 * placed outside them on purpose.
 */
export type Scale = 'academie' | 'national';

export interface DatasetOptions {
  scale: Scale;
  /** How many school years, ending with `lastYear`. */
  years: number;
  seed: number;
  /** The last school year generated (default 2024-2025). */
  lastYear?: string;
  /** The académie of `--scale academie` (default 19, Reims). */
  academie?: string;
  /** Multiplies every count (a smoke run uses a small one). */
  factor?: number;
  /** Whether the regulatory history comes first, as the API would seed it (default true). */
  regulation?: boolean;
}

export interface Append {
  streamId: string;
  events: { type: string; data: unknown; metadata?: Record<string, unknown> }[];
  schoolYear?: string;
  recordedAt: string;
  /** The stream's revision before this append ('no_stream' for a new stream). */
  expectedRevision: number | 'no_stream' | 'any';
}

const NATIONAL = { col: 850_000, lyc: 950_000, sixieme: 850_000 };
/** Average cohort of one establishment (synthetic): 3e per collège, candidates per lycée. */
const COHORT = { college: 120, lycee: 230 };
const LYCEE_TYPES: EstablishmentType[] = ['LGT', 'LGT', 'LP', 'LPO', 'LPO', 'AGRICOLE'];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
];
const FIRST_NAMES = [
  'Emma',
  'Gabriel',
  'Louise',
  'Raphaël',
  'Jade',
  'Léo',
  'Ambre',
  'Louis',
  'Alice',
  'Lucas',
  'Rose',
  'Hugo',
  'Anna',
  'Arthur',
  'Mia',
  'Jules',
  'Lina',
  'Adam',
  'Léa',
  'Nathan',
];

export interface Establishment {
  uai: string;
  academie: string;
  type: EstablishmentType;
  sector: 'public' | 'private';
  /** Candidates (or 6e pupils for a collège) in a year, before the year's own variation. */
  cohort: number;
}

export const schoolYearsEndingWith = (lastYear: string, count: number): string[] => {
  const last = Number(lastYear.slice(0, 4));
  return Array.from({ length: count }, (_, i) => `${last - count + 1 + i}-${last - count + 2 + i}`);
};

function academiesOf(options: DatasetOptions, firstYear: string): string[] {
  if (options.scale === 'academie') return [options.academie ?? '19'];
  const start = `${firstYear.slice(0, 4)}-09-01`;
  return ACADEMIE_REFERENCE.filter((a) => !a.validUntil || a.validUntil >= start).map(
    (a) => a.code,
  );
}

/** Establishments in every académie, with UAIs whose check letter is right. */
export function establishmentsOf(options: DatasetOptions, firstYear: string): Establishment[] {
  const factor = options.factor ?? 1;
  const academies = academiesOf(options, firstYear);
  const random = new Random(options.seed).fork('establishments');
  const weights = academies.map(() => 0.3 + random.next() * 1.7);
  const share =
    options.scale === 'national' ? 1 / weights.reduce((a, b) => a + b, 0) : 1 / 28 / weights[0];
  const list: Establishment[] = [];
  academies.forEach((academie, a) => {
    const colleges = Math.max(
      1,
      Math.round((NATIONAL.col / COHORT.college) * weights[a] * share * factor),
    );
    const lycees = Math.max(
      1,
      Math.round((NATIONAL.lyc / COHORT.lycee) * weights[a] * share * factor),
    );
    // The département digits are not modelled: the académie code stands in for them.
    let serial = 0;
    const uai = () => {
      serial += 1;
      const digits = `${academie.padStart(3, '0')}${String(serial).padStart(4, '0')}`;
      return `${digits}${uaiCheckLetter(digits)}`;
    };
    for (let i = 0; i < colleges; i++) {
      list.push({
        uai: uai(),
        academie,
        type: 'COLLEGE',
        sector: random.chance(0.22) ? 'private' : 'public',
        cohort: Math.max(12, Math.round(random.normal(COHORT.college, 40))),
      });
    }
    for (let i = 0; i < lycees; i++) {
      list.push({
        uai: uai(),
        academie,
        type: random.pick(LYCEE_TYPES),
        sector: random.chance(0.2) ? 'private' : 'public',
        cohort: Math.max(15, Math.round(random.normal(COHORT.lycee, 80))),
      });
    }
  });
  return list;
}

/** Runs commands through a decider; a refusal is a bug of the generator. */
function decided<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  commands: readonly Command[],
  state: State = decider.initialState,
): { events: Event[]; state: State } {
  const outcome = decideInSequence(decider, state, commands);
  if (outcome.rejected.length > 0) {
    const { index, error } = outcome.rejected[0];
    throw new Error(
      `generator: command ${JSON.stringify(commands[index])} refused: ${error.message}`,
    );
  }
  return { events: outcome.events, state: outcome.events.reduce(decider.evolve, state) };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** A weekday of the span (or just outside it, for the sessions placed out of their window). */
function sessionDate(random: Random, window: { start: string; end: string }, outside: boolean) {
  const span = Math.round((Date.parse(window.end) - Date.parse(window.start)) / 86_400_000);
  let date = outside
    ? random.chance(0.5)
      ? addDays(window.start, -random.int(3, 25))
      : addDays(window.end, random.int(3, 25))
    : addDays(window.start, random.int(0, Math.max(0, span)));
  while ([0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay())) {
    date = addDays(date, outside && date < window.start ? -1 : 1);
  }
  return date;
}

interface ResultCeiling {
  format: 'v2' | 'v3';
  maxLevel: number;
  maxScore: number;
}

/** DOMAIN.md §3.2-3.4: level 5 (640), 6 from 30/12/2020 (768), 7 from 2023-24 (896), V3 (895). */
function ceilingOn(date: string): ResultCeiling {
  if (date >= '2024-09-01') return { format: 'v3', maxLevel: 7, maxScore: 895 };
  if (date >= '2023-09-01') return { format: 'v2', maxLevel: 7, maxScore: 896 };
  if (date >= '2020-12-30') return { format: 'v2', maxLevel: 6, maxScore: 768 };
  return { format: 'v2', maxLevel: 5, maxScore: 640 };
}

/** One candidate's result: levels around an ability (lycée above collège), a few rejections. */
function resultFor(
  random: Random,
  population: SessionPopulation,
  date: string,
): CertificationResult {
  const ceiling = ceilingOn(date);
  if (random.chance(0.04)) {
    return {
      status: 'rejected',
      pixScore: 0,
      format: ceiling.format,
      competences: COMPETENCE_CODES.map((code) => ({ code, level: -1, score: 0 })),
      maxReachableLevel: ceiling.maxLevel,
      maxReachableScore: ceiling.maxScore,
      reproducibilityRate: random.int(20, 49),
    };
  }
  const ability = random.normal(population === 'LYC' ? 3.1 : 2.4, 0.8);
  const competences = COMPETENCE_CODES.map((code) => {
    const level = Math.max(-1, Math.min(ceiling.maxLevel, Math.round(random.normal(ability, 0.9))));
    return { code, level, score: level <= 0 ? 0 : Math.min(64, level * 8 + random.int(0, 7)) };
  });
  const pixScore = Math.min(
    ceiling.maxScore,
    competences.reduce((sum, c) => sum + (c.score ?? 0), 0),
  );
  return {
    status: 'validated',
    pixScore,
    format: ceiling.format,
    competences,
    maxReachableLevel: ceiling.maxLevel,
    maxReachableScore: ceiling.maxScore,
    reproducibilityRate: random.int(50, 100),
  };
}

function identity(random: Random, birthYear: number) {
  return {
    lastName: random.pick(LAST_NAMES),
    firstName: random.pick(FIRST_NAMES),
    birthDate: `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
  };
}

const INE_LETTERS = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];
/** An INE in the RNIE format (9 digits, 2 letters), from the random source of its stream. */
function ine(random: Random): string {
  const digits = String(random.int(0, 999_999_999)).padStart(9, '0');
  return `${digits}${random.pick(INE_LETTERS)}${random.pick(INE_LETTERS)}`;
}

/** The windows of a year as the seeded regulation gives them. */
function windowsOf(schoolYear: string) {
  const snapshot = buildRegulationSnapshot(
    replayHistoryInMemory(REGULATORY_HISTORY_V1, '2026-01-01T00:00:00.000Z'),
  );
  const start = Number(schoolYear.slice(0, 4));
  // No calendar known for that year: an arbitrary span, so that sessions still have dates.
  const fallback = { start: `${start}-11-15`, end: `${start + 1}-03-31` };
  return (population: Population, academie: string) => {
    const window = effectiveWindow(snapshot, schoolYear, population, academie);
    return window ? { start: window.start, end: window.end } : fallback;
  };
}

function* establishmentAppends(list: Establishment[], firstYear: string): Generator<Append> {
  const recordedAt = at(`${firstYear.slice(0, 4)}-09-01`, 7);
  for (const e of list) {
    const command: EstablishmentCommand = {
      type: 'RegisterEstablishment',
      uai: e.uai,
      name: `${e.type === 'COLLEGE' ? 'Collège' : 'Lycée'} ${e.uai}`,
      establishmentType: e.type,
      sector: e.sector,
      academie: e.academie,
      academieSince: null,
    };
    const { events } = decided(establishmentDecider, [command]);
    yield {
      streamId: establishmentStream(e.uai),
      events,
      recordedAt,
      expectedRevision: 'no_stream',
    };
  }
}

function* sessionAppends(
  random: Random,
  e: Establishment,
  population: SessionPopulation,
  schoolYear: string,
  window: { start: string; end: string },
): Generator<Append> {
  const birthYear = Number(schoolYear.slice(0, 4)) - (population === 'LYC' ? 17 : 14);
  let remaining = Math.max(1, Math.round(e.cohort * (0.85 + random.next() * 0.3)));
  let n = 0;
  while (remaining > 0) {
    const size = Math.min(remaining, random.int(12, 30));
    remaining -= size;
    n += 1;
    const sessionId = `${schoolYear.slice(0, 4)}_${e.uai}_${population}_${n}`;
    const date = sessionDate(random, window, random.chance(0.04));
    const time = random.pick(['08:30', '10:00', '13:30', '15:00']);
    const facts = { sessionId, uai: e.uai, population, date, time };
    const candidates = Array.from({ length: size }, (_, i) => ({
      candidateId: `c${i + 1}`,
      ine: ine(random),
      identity: identity(random, birthYear),
    }));
    const streamId = sessionStream(sessionId);
    if (random.chance(0.8)) {
      // Most results reach the registry as a Pix Certif results export, once published.
      const publishedOn = addDays(date, random.int(5, 20));
      const commands: SessionCommand[] = candidates.map((c) => ({
        type: 'RecordImportedResult',
        session: facts,
        ...c,
        result: resultFor(random, population, date),
        publishedOn,
        establishmentRegistered: true,
      }));
      const { events } = decided(sessionDecider, commands);
      yield {
        streamId,
        events,
        schoolYear,
        recordedAt: at(addDays(publishedOn, random.int(1, 30))),
        expectedRevision: 'no_stream',
      };
      continue;
    }
    // The others are run on the registry: the session day, then finalisation and publication.
    const day: SessionCommand[] = [
      { type: 'ScheduleSession', ...facts, establishmentRegistered: true },
      ...candidates.map((c) => ({ type: 'EnrolCandidate' as const, ...c })),
    ];
    const outcomes = candidates.map(() => (random.chance(0.03) ? 'aborted' : 'completed'));
    candidates.forEach((c, i) => {
      day.push({
        type: 'StartCertification',
        candidateId: c.candidateId,
        at: `${date}T${time}:00+01:00`,
      });
      day.push(
        outcomes[i] === 'aborted'
          ? {
              type: 'AbortCertification',
              candidateId: c.candidateId,
              reason: random.pick(['candidate', 'technical'] as const),
              at: `${date}T10:30:00+01:00`,
            }
          : {
              type: 'CompleteCertification',
              candidateId: c.candidateId,
              at: `${date}T10:45:00+01:00`,
            },
      );
    });
    if (random.chance(0.1)) {
      day.push({
        type: 'ReportIssue',
        candidateId: candidates[0].candidateId,
        category: 'NON_BLOCKING_TECHNICAL_ISSUE',
        description: null,
      });
    }
    const first = decided(sessionDecider, day);
    yield {
      streamId,
      events: first.events,
      schoolYear,
      recordedAt: at(date, 12),
      expectedRevision: 'no_stream',
    };
    const finalisedOn = addDays(date, random.int(0, 4));
    const publishedOn = addDays(finalisedOn, random.int(3, 15));
    const after: SessionCommand[] = [
      {
        type: 'FinaliseSession',
        finalisedOn,
        abortReasons: [],
        examinerGlobalComment: null,
        hasIncident: false,
        hasJoiningIssue: false,
      },
      ...candidates.map((c) => ({
        type: 'ScoreCertification' as const,
        candidateId: c.candidateId,
        result: resultFor(random, population, date),
      })),
      { type: 'PublishResults', publishedOn },
    ];
    if (random.chance(0.5)) {
      after.push({
        type: 'TransmitResults',
        channel: population === 'COL' ? 'LSU' : 'LSL',
        transmittedOn: addDays(publishedOn, random.int(1, 20)),
      });
    }
    if (random.chance(0.3)) {
      const c = random.pick(candidates);
      after.push({
        type: 'RescoreCertification',
        candidateId: c.candidateId,
        result: resultFor(random, population, date),
        reason: 'jury',
      });
    }
    if (random.chance(0.05)) {
      after.push({
        type: 'CancelCertification',
        candidateId: random.pick(candidates).candidateId,
        reason: 'fraude',
      });
    }
    const second = decided(sessionDecider, after, first.state);
    yield {
      streamId,
      events: second.events,
      schoolYear,
      recordedAt: at(publishedOn, 16),
      expectedRevision: first.events.length - 1,
    };
  }
}

function* attestation6eAppend(
  random: Random,
  e: Establishment,
  schoolYear: string,
): Generator<Append> {
  const start = Number(schoolYear.slice(0, 4));
  const scope = { uai: e.uai, schoolYear };
  const campaignCode = `K${start}${e.uai}`;
  const commands: Attestation6eCommand[] = [
    {
      type: 'OpenAttestation6eCampaign',
      ...scope,
      campaignCode,
      parcours: 'Parcours 6e',
      openedOn: `${start}-10-01`,
    },
  ];
  const pupils = Math.max(1, Math.round(e.cohort * (0.85 + random.next() * 0.3)));
  for (let p = 1; p <= pupils; p++) {
    if (random.chance(0.07)) continue; // never completed the parcours: pending
    const pupilId = `p${p}`;
    const completedOn = addDays(`${start}-10-05`, random.int(0, 200));
    commands.push({
      type: 'RecordParcoursCompleted',
      ...scope,
      campaignCode,
      pupilId,
      ine: ine(random),
      identity: identity(random, start - 11),
      completedOn,
      score: random.int(20, 100),
    });
    const obtained = random.chance(0.82);
    commands.push({
      type: 'RecordAttestation6eOutcome',
      ...scope,
      pupilId,
      campaignCode,
      obtained,
      decidedOn: addDays(completedOn, 1),
    });
    if (!obtained && random.chance(0.3)) {
      commands.push({
        type: 'RecordAttestation6eOutcome',
        ...scope,
        pupilId,
        campaignCode,
        obtained: true,
        decidedOn: addDays(completedOn, random.int(20, 60)),
      });
    }
  }
  const { events } = decided(attestation6eDecider, commands);
  yield {
    streamId: attestation6eStream(e.uai, schoolYear),
    events,
    schoolYear,
    recordedAt: at(`${start + 1}-06-15`),
    expectedRevision: 'no_stream',
  };
}

/**
 * The seeded regulatory history, as the API seeds an empty store (each event with its
 * knowledge time), so that the compliance views of a generated log have their rules.
 */
export function* regulationAppends(recordedAt: string): Generator<Append> {
  for (const event of replayHistoryInMemory(REGULATORY_HISTORY_V1, recordedAt)) {
    const { knownFrom, backfilled } = event.metadata as Record<string, unknown>;
    yield {
      streamId: event.streamId,
      events: [{ type: event.type, data: event.data, metadata: { knownFrom, backfilled } }],
      recordedAt,
      expectedRevision: 'any',
    };
  }
}

/** Every append of one school year, establishment by establishment. */
export function* yearAppends(
  options: DatasetOptions,
  establishments: Establishment[],
  schoolYear: string,
): Generator<Append> {
  const windowFor = windowsOf(schoolYear);
  const year = new Random(options.seed).fork(schoolYear);
  for (const e of establishments) {
    const random = year.fork(e.uai);
    if (e.type === 'COLLEGE') {
      yield* sessionAppends(random, e, 'COL', schoolYear, windowFor('COL', e.academie));
      yield* attestation6eAppend(random, e, schoolYear);
    } else {
      yield* sessionAppends(random, e, 'LYC', schoolYear, windowFor('LYC', e.academie));
    }
  }
}

export interface Dataset {
  schoolYears: string[];
  establishments: Establishment[];
  /** The regulation, the establishments' registrations, then each year in order. */
  appends(): Generator<Append>;
}

export function dataset(options: DatasetOptions): Dataset {
  const schoolYears = schoolYearsEndingWith(options.lastYear ?? '2024-2025', options.years);
  const establishments = establishmentsOf(options, schoolYears[0]);
  return {
    schoolYears,
    establishments,
    *appends() {
      if (options.regulation ?? true) yield* regulationAppends('2020-08-31T00:00:00.000Z');
      yield* establishmentAppends(establishments, schoolYears[0]);
      for (const year of schoolYears) yield* yearAppends(options, establishments, year);
    },
  };
}
