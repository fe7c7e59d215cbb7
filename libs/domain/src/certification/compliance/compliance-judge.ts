import type { IsoDate } from '../../shared/dates';
import { effectiveWindow, type EffectiveWindow } from '../../regulation/snapshot/effective-window';
import type { RegulationSnapshot } from '../../regulation/snapshot/regulation-snapshot';
import { ruleInForce, type RuleInForce } from '../../regulation/snapshot/rules-in-force';
import type { RuleKey } from '../../regulation/rule-catalogue';
import type {
  ComplianceFlag,
  ComplianceJudge,
  JudgedResult,
  JudgedSession,
  ResultVerdict,
} from './compliance.types';

/**
 * Judges sessions and results under the rules in force on the session's date, as the given
 * regulation snapshot knows them. No regulatory value lives here: windows, deadlines,
 * thresholds, validity and obligations all come from the snapshot, each flag naming the rule
 * and the texts it comes from. Facts are never refused: what breaks a rule is flagged.
 */
export interface Attestation6eYearJudge {
  attestation6eFlags(schoolYear: string, academie: string | undefined): ComplianceFlag[];
}

const ruleRef = (rule: RuleInForce) => ({
  rule: rule.key,
  textIds: [rule.textId],
  value: rule.value,
});

/** The later of two ISO dates. */
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

/** The day before the same date `years` later (a certificate valid N years from its date). */
export function validityEnd(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February on a non-leap year rolls over to 1 March: the day before is 28 February.
  if (anniversary.getUTCMonth() !== m - 1) anniversary.setUTCDate(0);
  else anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

export function complianceJudge(
  snapshot: RegulationSnapshot,
): ComplianceJudge & Attestation6eYearJudge {
  // The snapshot never changes: a rule looked up once for a day, population and académie
  // holds for every result of the sessions that share them.
  const rules = new Map<string, RuleInForce | undefined>();
  const rule = (
    key: RuleKey,
    date: IsoDate,
    session: Pick<JudgedSession, 'population' | 'academie'>,
  ) => {
    const id = `${key}\u0000${date}\u0000${session.population}\u0000${session.academie ?? ''}`;
    if (rules.has(id)) return rules.get(id);
    const found = ruleInForce(snapshot, key, date, session.population, session.academie);
    rules.set(id, found);
    return found;
  };

  /**
   * The calendar as it stood on `day` (valid time). A calendar published after the day
   * (a note can come out after its window opened) is taken as first published.
   */
  const windowOn = (session: JudgedSession, day: IsoDate): EffectiveWindow | undefined => {
    const calendar = snapshot.calendars[session.schoolYear];
    if (!calendar) return undefined;
    return effectiveWindow(snapshot, session.schoolYear, session.population, session.academie, {
      asOf: later(day, calendar.publishedOn),
    });
  };

  function sessionFlags(session: JudgedSession): ComplianceFlag[] {
    const flags: ComplianceFlag[] = [];
    const window = windowOn(session, session.date);
    const windowRule = `calendar.${session.population}.window`;
    if (!window) {
      flags.push({
        code: 'noWindowInForce',
        rule: windowRule,
        textIds: [],
        message: `no ${session.population} window is known for ${session.schoolYear}`,
        details: { date: session.date, schoolYear: session.schoolYear },
      });
    } else if (session.date < window.start || session.date > window.end) {
      flags.push({
        code: 'outOfWindow',
        rule: windowRule,
        textIds: window.sourceTextIds,
        message: `session on ${session.date}, outside the ${session.population} window ${window.start} → ${window.end} (${window.scope})`,
        details: { date: session.date, start: window.start, end: window.end, scope: window.scope },
      });
    }

    if (session.finalisedOn) {
      const atFinalisation = windowOn(session, session.finalisedOn);
      const deadline = atFinalisation?.finalisationDeadline;
      if (atFinalisation && deadline && session.finalisedOn > deadline) {
        flags.push({
          code: 'lateFinalisation',
          rule: `calendar.${session.population}.finalisationDeadline`,
          textIds: atFinalisation.sourceTextIds,
          message: `finalised on ${session.finalisedOn}, after the deadline ${deadline}`,
          details: { finalisedOn: session.finalisedOn, deadline },
        });
      }
    }

    const mandatory = rule('certification.mandatory', session.date, session);
    if (mandatory?.value === false) {
      flags.push({
        code: 'populationNotRequired',
        rule: mandatory.key,
        textIds: [mandatory.textId],
        message: `the certification was not mandatory for ${session.population} on ${session.date}`,
        details: { date: session.date, inForceFrom: mandatory.inForceFrom },
      });
    } else if (!mandatory && window && !window.mandatory) {
      flags.push({
        code: 'populationNotRequired',
        rule: `calendar.${session.population}.mandatory`,
        textIds: window.sourceTextIds,
        message: `the ${session.schoolYear} calendar made ${session.population} sessions optional`,
        details: { schoolYear: session.schoolYear },
      });
    }
    return flags;
  }

  function resultVerdict(session: JudgedSession, result: JudgedResult): ResultVerdict {
    const minCompetences = rule('certification.threshold.minCompetences', session.date, session);
    const minLevel = rule('certification.threshold.minLevel', session.date, session);
    const validity = rule('certification.validityYears', session.date, session);
    const rules = [minCompetences, minLevel, validity]
      .filter((r): r is RuleInForce => !!r)
      .map(ruleRef);
    if (!minCompetences || !minLevel) {
      return {
        certified: null,
        reason: `no certification threshold in force on ${session.date}`,
        rules,
        validUntil: null,
      };
    }
    const needed = Number(minCompetences.value);
    const level = Number(minLevel.value);
    const reached = result.competences.filter((c) => c.level >= level).length;
    let certified = false;
    let reason: string;
    if (result.status !== 'validated') {
      reason = `result ${result.status}`;
    } else if (reached < needed) {
      reason = `${reached} competences at level ≥ ${level}, ${needed} needed`;
    } else {
      certified = true;
      reason = `${reached} competences at level ≥ ${level} (${needed} needed)`;
    }
    const validUntil =
      certified && validity ? validityEnd(session.date, Number(validity.value)) : null;
    return { certified, reason, rules, validUntil };
  }

  function attestation6eFlags(schoolYear: string, academie: string | undefined): ComplianceFlag[] {
    // Required "that year": judged on the last day of the school year.
    const lastDay = `${schoolYear.slice(5)}-08-31`;
    const mandatory = ruleInForce(snapshot, 'attestation6e.mandatory', lastDay, '6E', academie);
    if (mandatory?.value === true) return [];
    return [
      {
        code: 'populationNotRequired',
        rule: 'attestation6e.mandatory',
        textIds: mandatory ? [mandatory.textId] : [],
        message: `the 6e attestation was not mandatory in ${schoolYear}`,
        details: { schoolYear, judgedOn: lastDay },
      },
    ];
  }

  return { sessionFlags, resultVerdict, attestation6eFlags };
}
