import type { RuleKey, RuleValue } from '../rule-catalogue';
import type { Confidence, Population, SourceRef, TextKind, TextScope } from '../vocabulary';
import type { RegulatoryTextEvent, TextErratumField } from './text.events';

/** One value a text gives a rule key over a period. `inForceUntil` is exclusive. */
export interface RuleVersion {
  key: RuleKey;
  value: RuleValue;
  population?: Population;
  inForceFrom: string;
  inForceUntil?: string;
  /** Why the version stopped: its own term, a later amendment, or an abrogation. */
  endedBy?: 'term' | 'amendment' | 'abrogation';
  enactedBy: 'publication' | 'amendment';
  amendingTextId?: string;
  source?: SourceRef;
  confidence: Confidence;
  note?: string;
}

export interface TextErratum {
  field: TextErratumField;
  asWritten: string;
  corrected: string;
  source: SourceRef;
  confidence: Confidence;
  note?: string;
}

export interface Abrogation {
  byTextId: string;
  from: string;
  /** Absent: the whole text. */
  ruleKeys?: RuleKey[];
  source: SourceRef;
  confidence: Confidence;
  note?: string;
}

/** A regulatory text as its events describe it. */
export interface RegulatoryText {
  textId: string;
  kind: TextKind;
  title: string;
  signedOn?: string;
  publishedOn?: string;
  publishedIn?: string;
  nor?: string;
  issuer: string;
  scope: TextScope;
  inForceFrom: string;
  /** Exclusive: the date from which a whole abrogation applies. */
  inForceUntil?: string;
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  abrogation?: Abrogation;
  partialAbrogations: Abrogation[];
  rules: RuleVersion[];
  errata: TextErratum[];
}

export type RegulatoryTextState = RegulatoryText | null;

/** Ends, at `date`, the versions of a key still running then. */
function endVersions(
  rules: RuleVersion[],
  matches: (version: RuleVersion) => boolean,
  date: string,
  endedBy: RuleVersion['endedBy'],
): RuleVersion[] {
  return rules.map((version) =>
    matches(version) && (version.inForceUntil === undefined || version.inForceUntil > date)
      ? {
          ...version,
          inForceUntil: date < version.inForceFrom ? version.inForceFrom : date,
          endedBy,
        }
      : version,
  );
}

const sameRule = (key: string, population: Population | undefined) => (version: RuleVersion) =>
  version.key === key && version.population === population;

export function evolveRegulatoryText(
  state: RegulatoryTextState,
  event: RegulatoryTextEvent,
): RegulatoryTextState {
  switch (event.type) {
    case 'RegulatoryTextPublished': {
      const { rules, ...text } = event.data;
      return {
        ...text,
        partialAbrogations: [],
        errata: [],
        rules: rules.map((rule) => ({
          ...rule,
          key: rule.key as RuleKey,
          confidence: rule.confidence ?? text.confidence,
          enactedBy: 'publication',
          ...(rule.inForceUntil ? { endedBy: 'term' as const } : {}),
        })),
      };
    }
    case 'RegulatoryTextAmended': {
      if (!state) return state;
      let rules = state.rules;
      for (const change of event.data.changes) {
        if (change.op === 'set') {
          const { rule } = change;
          rules = endVersions(
            rules,
            sameRule(rule.key, rule.population),
            rule.inForceFrom,
            'amendment',
          );
          rules = [
            ...rules,
            {
              ...rule,
              key: rule.key as RuleKey,
              confidence: rule.confidence ?? event.data.confidence,
              source: rule.source ?? event.data.source,
              enactedBy: 'amendment',
              ...(event.data.amendingTextId ? { amendingTextId: event.data.amendingTextId } : {}),
              ...(rule.inForceUntil ? { endedBy: 'term' as const } : {}),
            },
          ];
        } else {
          rules = endVersions(
            rules,
            sameRule(change.key, change.population),
            change.inForceFrom,
            'amendment',
          );
        }
      }
      return { ...state, rules };
    }
    case 'RegulatoryTextAbrogated': {
      if (!state) return state;
      const { textId: _textId, ruleKeys, ...rest } = event.data;
      if (!ruleKeys) {
        return {
          ...state,
          inForceUntil: rest.from,
          abrogation: rest,
          rules: endVersions(state.rules, () => true, rest.from, 'abrogation'),
        };
      }
      return {
        ...state,
        partialAbrogations: [
          ...state.partialAbrogations,
          { ...rest, ruleKeys: ruleKeys as RuleKey[] },
        ],
        rules: endVersions(
          state.rules,
          (version) => ruleKeys.includes(version.key),
          rest.from,
          'abrogation',
        ),
      };
    }
    case 'RegulatoryTextErratumRecorded': {
      if (!state) return state;
      const { textId: _textId, ...erratum } = event.data;
      return { ...state, [erratum.field]: erratum.corrected, errata: [...state.errata, erratum] };
    }
  }
}

/** Whether a text is in force on a date (its rules may start earlier or later: see each version). */
export function isTextInForceOn(text: RegulatoryText, date: string): boolean {
  return text.inForceFrom <= date && (text.inForceUntil === undefined || date < text.inForceUntil);
}
