import {
  RULE_CATALOGUE,
  RULE_KEYS,
  type RuleDefinition,
  type RuleKey,
  type RuleValue,
} from '../rule-catalogue';
import type { RuleVersion } from '../texts/text.state';
import { schoolYearBounds } from '../validation';
import { type Confidence, type Population, type SourceRef, scopeLabel } from '../vocabulary';
import type { RegulationSnapshot, RegulatoryTextView } from './regulation-snapshot';

export interface RuleInForce {
  key: RuleKey;
  value: RuleValue;
  population?: Population;
  inForceFrom: string;
  /** Exclusive: the first day the value no longer applies (absent: still in force). */
  inForceUntil?: string;
  textId: string;
  textTitle: string;
  scope: string;
  source?: SourceRef;
  confidence: Confidence;
  note?: string;
}

interface Candidate {
  text: RegulatoryTextView;
  version: RuleVersion;
  index: number;
}

const covers = (version: RuleVersion, date: string) =>
  version.inForceFrom <= date &&
  (version.inForceUntil === undefined || date < version.inForceUntil);

function candidates(
  snapshot: RegulationSnapshot,
  key: RuleKey,
  population: Population | undefined,
  academie: string | undefined,
): Candidate[] {
  const definition: RuleDefinition = RULE_CATALOGUE[key];
  if (population !== undefined && !definition.appliesTo.includes(population)) return [];
  const found: Candidate[] = [];
  for (const text of Object.values(snapshot.texts)) {
    if (text.scope.level === 'academie' && text.scope.academie !== academie) continue;
    text.rules.forEach((version, index) => {
      if (version.key !== key) return;
      if (definition.perPopulation === 'required' && version.population !== population) return;
      found.push({ text, version, index });
    });
  }
  return found;
}

/**
 * Which candidate wins when several texts give a key a value on the same day: an académie
 * text over a national one (it applies to its académie only), then the value that started
 * last, then the text recorded last (lex posterior).
 */
function precedence(a: Candidate, b: Candidate): number {
  const local = (c: Candidate) => (c.text.scope.level === 'academie' ? 1 : 0);
  return (
    local(b) - local(a) ||
    (b.version.inForceFrom > a.version.inForceFrom
      ? 1
      : b.version.inForceFrom < a.version.inForceFrom
        ? -1
        : 0) ||
    b.text.order - a.text.order ||
    b.index - a.index
  );
}

function toRule(candidate: Candidate): RuleInForce {
  const { text, version } = candidate;
  return {
    key: version.key,
    value: version.value,
    ...(version.population ? { population: version.population } : {}),
    inForceFrom: version.inForceFrom,
    ...(version.inForceUntil ? { inForceUntil: version.inForceUntil } : {}),
    textId: text.textId,
    textTitle: text.title,
    scope: scopeLabel(text.scope),
    ...(version.source ? { source: version.source } : {}),
    confidence: version.confidence,
    ...(version.note ? { note: version.note } : {}),
  };
}

function winner(pool: Candidate[], date: string): Candidate | undefined {
  return pool.filter((c) => covers(c.version, date)).sort(precedence)[0];
}

/**
 * The value of one rule on `date` for a population (rules set per population need one), and
 * the text that enacts it; undefined when no text in the snapshot sets it then.
 * `academie` lets that académie's circulars apply on top of the national texts.
 */
export function ruleInForce(
  snapshot: RegulationSnapshot,
  key: RuleKey,
  date: string,
  population?: Population,
  academie?: string,
): RuleInForce | undefined {
  const found = winner(candidates(snapshot, key, population, academie), date);
  return found && toRule(found);
}

/** Pairs of (key, population) a query covers: per-population keys once per population. */
function keyVariants(population: Population | undefined): Array<[RuleKey, Population | undefined]> {
  return RULE_KEYS.flatMap((key): Array<[RuleKey, Population | undefined]> => {
    const definition: RuleDefinition = RULE_CATALOGUE[key];
    if (population !== undefined)
      return definition.appliesTo.includes(population) ? [[key, population]] : [];
    return definition.perPopulation === 'required'
      ? definition.appliesTo.map((p) => [key, p])
      : [[key, undefined]];
  });
}

/** Every rule in force on `date` (for one population, or for all with per-population rules once each). */
export function rulesInForce(
  snapshot: RegulationSnapshot,
  date: string,
  population?: Population,
  academie?: string,
): RuleInForce[] {
  return keyVariants(population)
    .map(([key, p]) => ruleInForce(snapshot, key, date, p, academie))
    .filter((rule): rule is RuleInForce => rule !== undefined);
}

export interface RuleTimeline {
  key: RuleKey;
  population?: Population;
  /** Successive values over the school year; `from`/`until` are clipped to the year, `until` exclusive. */
  values: Array<RuleInForce & { from: string; until: string }>;
}

/** How each rule's value ran over a school year (1 September to 31 August). */
export function rulesTimeline(
  snapshot: RegulationSnapshot,
  schoolYear: string,
  population?: Population,
  academie?: string,
): RuleTimeline[] {
  const { start } = schoolYearBounds(schoolYear);
  const end = `${Number(schoolYear.slice(0, 4)) + 1}-09-01`;
  const timelines: RuleTimeline[] = [];
  for (const [key, p] of keyVariants(population)) {
    const pool = candidates(snapshot, key, p, academie);
    const cuts = new Set([start]);
    for (const { version } of pool) {
      for (const date of [version.inForceFrom, version.inForceUntil]) {
        if (date !== undefined && date > start && date < end) cuts.add(date);
      }
    }
    const dates = [...cuts].sort();
    const values: RuleTimeline['values'] = [];
    dates.forEach((from, i) => {
      const until = dates[i + 1] ?? end;
      const found = winner(pool, from);
      if (!found) return;
      const last = values.at(-1);
      if (
        last &&
        last.until === from &&
        last.textId === found.text.textId &&
        last.inForceFrom === found.version.inForceFrom
      ) {
        last.until = until;
        return;
      }
      values.push({ ...toRule(found), from, until });
    });
    if (values.length > 0) timelines.push({ key, ...(p ? { population: p } : {}), values });
  }
  return timelines;
}
