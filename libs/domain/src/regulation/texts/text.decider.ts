import { CommandRejected, type Decider } from '../../shared/decider';
import {
  isRuleKey,
  RULE_CATALOGUE,
  type RuleDefinition,
  ruleValueProblem,
} from '../rule-catalogue';
import { isAcademie, isPopulation, TEXT_ID, TEXT_KINDS } from '../vocabulary';
import {
  optionalDate,
  requireConfidence,
  requireDate,
  requireSource,
  requireText,
} from '../validation';
import type {
  AbrogateRegulatoryText,
  AmendRegulatoryText,
  PublishRegulatoryText,
  RecordRegulatoryTextErratum,
  RegulatoryTextCommand,
  RuleEnactmentInput,
} from './text.commands';
import {
  TEXT_ERRATUM_FIELDS,
  type RegulatoryTextEvent,
  type RuleChange,
  type RuleEnactment,
} from './text.events';
import { evolveRegulatoryText, type RegulatoryText, type RegulatoryTextState } from './text.state';

/** The life of one regulatory text: published, amended, abrogated, corrected. */
export const regulatoryTextDecider: Decider<
  RegulatoryTextState,
  RegulatoryTextCommand,
  RegulatoryTextEvent
> = {
  initialState: null,
  evolve: evolveRegulatoryText,
  decide(command, state) {
    switch (command.type) {
      case 'PublishRegulatoryText':
        return publish(command, state);
      case 'AmendRegulatoryText':
        return amend(command, requireExisting(command.textId, state));
      case 'AbrogateRegulatoryText':
        return abrogate(command, requireExisting(command.textId, state));
      case 'RecordRegulatoryTextErratum':
        return recordErratum(command, requireExisting(command.textId, state));
    }
  },
};

function requireExisting(textId: string, state: RegulatoryTextState): RegulatoryText {
  if (!state) throw CommandRejected.invalid('textId', `no regulatory text "${textId}" is recorded`);
  return state;
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function publish(
  command: PublishRegulatoryText,
  state: RegulatoryTextState,
): RegulatoryTextEvent[] {
  if (state)
    throw CommandRejected.conflict(`text "${command.textId}" is already published`, 'textId');
  if (typeof command.textId !== 'string' || !TEXT_ID.test(command.textId)) {
    throw CommandRejected.invalid(
      'textId',
      'must be a lowercase slug (a-z, 0-9, "-"), 2 to 80 characters',
    );
  }
  if (!(TEXT_KINDS as readonly string[]).includes(command.kind)) {
    throw CommandRejected.invalid('kind', `must be one of ${TEXT_KINDS.join(', ')}`);
  }
  requireText('title', command.title);
  requireText('issuer', command.issuer);
  const signedOn = optionalDate('signedOn', command.signedOn);
  const publishedOn = optionalDate('publishedOn', command.publishedOn);
  if (signedOn && publishedOn && publishedOn < signedOn) {
    throw CommandRejected.invalid(
      'publishedOn',
      `${publishedOn} is before the signature ${signedOn}`,
    );
  }
  const inForceFrom = requireDate('inForceFrom', command.inForceFrom);
  checkScope(command);
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  const rules = command.rules ?? [];
  const enacted = rules.map((rule, i) => enactment(`rules[${i}]`, rule, inForceFrom));
  checkNoOverlap(enacted);
  return [
    {
      type: 'RegulatoryTextPublished',
      data: strip({
        textId: command.textId,
        kind: command.kind,
        title: command.title,
        signedOn,
        publishedOn,
        publishedIn: command.publishedIn,
        nor: command.nor,
        issuer: command.issuer,
        scope: command.scope,
        inForceFrom,
        source: command.source,
        confidence: command.confidence,
        note: command.note,
        rules: enacted,
      }),
    },
  ];
}

function checkScope(command: PublishRegulatoryText): void {
  const { scope, kind } = command;
  if (!scope || (scope.level !== 'national' && scope.level !== 'academie')) {
    throw CommandRejected.invalid('scope.level', 'must be "national" or "academie"');
  }
  if (scope.level === 'academie' && !isAcademie(scope.academie)) {
    throw CommandRejected.invalid(
      'scope.academie',
      `unknown académie code ${JSON.stringify(scope.academie)}`,
    );
  }
  if ((kind === 'circulaire-academique') !== (scope.level === 'academie')) {
    throw CommandRejected.invalid(
      'scope',
      'a circulaire académique, and only it, has an académie scope',
    );
  }
}

/** Checks one rule against the catalogue and gives it its start date. */
function enactment(field: string, rule: RuleEnactmentInput, defaultFrom: string): RuleEnactment {
  if (!isRuleKey(rule.key)) {
    throw CommandRejected.invalid(
      `${field}.key`,
      `unknown rule key ${JSON.stringify(rule.key)} (see the rule catalogue)`,
    );
  }
  const definition: RuleDefinition = RULE_CATALOGUE[rule.key];
  const problem = ruleValueProblem(rule.key, rule.value);
  if (problem) throw CommandRejected.invalid(`${field}.value`, problem);
  if (rule.population !== undefined && !isPopulation(rule.population)) {
    throw CommandRejected.invalid(`${field}.population`, 'must be LYC, COL or 6E');
  }
  if (definition.perPopulation === 'required' && rule.population === undefined) {
    throw CommandRejected.invalid(
      `${field}.population`,
      `${rule.key} is set per population: name one`,
    );
  }
  if (definition.perPopulation === 'never' && rule.population !== undefined) {
    throw CommandRejected.invalid(`${field}.population`, `${rule.key} is not set per population`);
  }
  if (rule.population !== undefined && !definition.appliesTo.includes(rule.population)) {
    throw CommandRejected.invalid(
      `${field}.population`,
      `${rule.key} does not concern ${rule.population}`,
    );
  }
  const inForceFrom = requireDate(`${field}.inForceFrom`, rule.inForceFrom ?? defaultFrom);
  const inForceUntil = optionalDate(`${field}.inForceUntil`, rule.inForceUntil);
  if (inForceUntil !== undefined && inForceUntil <= inForceFrom) {
    throw CommandRejected.invalid(
      `${field}.inForceUntil`,
      `${inForceUntil} is not after inForceFrom ${inForceFrom}`,
    );
  }
  if (rule.source) requireSource(`${field}.source`, rule.source);
  if (rule.confidence !== undefined) requireConfidence(`${field}.confidence`, rule.confidence);
  return strip({ ...rule, inForceFrom, inForceUntil });
}

/** One text cannot give a key two values at once. */
function checkNoOverlap(rules: RuleEnactment[]): void {
  rules.forEach((rule, i) => {
    rules.slice(0, i).forEach((other) => {
      if (other.key !== rule.key || other.population !== rule.population) return;
      const overlaps =
        (other.inForceUntil === undefined || rule.inForceFrom < other.inForceUntil) &&
        (rule.inForceUntil === undefined || other.inForceFrom < rule.inForceUntil);
      if (overlaps)
        throw CommandRejected.invalid(
          `rules[${i}].key`,
          `${rule.key} is given twice for the same period`,
        );
    });
  });
}

function requireAmendable(text: RegulatoryText, date: string, field: string): void {
  if (text.inForceUntil !== undefined && date >= text.inForceUntil) {
    throw CommandRejected.invalid(
      field,
      `text "${text.textId}" is abrogated from ${text.inForceUntil}`,
    );
  }
}

function amend(command: AmendRegulatoryText, text: RegulatoryText): RegulatoryTextEvent[] {
  const amendedOn = requireDate('amendedOn', command.amendedOn);
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  if (command.amendingTextId !== undefined && !command.referencedTexts?.[command.amendingTextId]) {
    throw CommandRejected.invalid(
      'amendingTextId',
      `no regulatory text "${command.amendingTextId}" is recorded`,
    );
  }
  if (!Array.isArray(command.changes) || command.changes.length === 0) {
    throw CommandRejected.invalid('changes', 'an amendment changes at least one rule');
  }
  // Check each change against the text as the previous changes leave it.
  let current = text;
  const changes: RuleChange[] = command.changes.map((change, i) => {
    const field = `changes[${i}]`;
    let checked: RuleChange;
    if (change.op === 'set') {
      const rule = enactment(`${field}.rule`, change.rule, change.rule.inForceFrom);
      requireAfterLatest(
        current,
        rule.key,
        rule.population,
        rule.inForceFrom,
        `${field}.rule.inForceFrom`,
      );
      requireAmendable(current, rule.inForceFrom, `${field}.rule.inForceFrom`);
      checked = { op: 'set', rule };
    } else if (change.op === 'remove') {
      if (!isRuleKey(change.key)) {
        throw CommandRejected.invalid(
          `${field}.key`,
          `unknown rule key ${JSON.stringify(change.key)} (see the rule catalogue)`,
        );
      }
      const inForceFrom = requireDate(`${field}.inForceFrom`, change.inForceFrom);
      const running = current.rules.some(
        (v) =>
          v.key === change.key &&
          v.population === change.population &&
          (v.inForceUntil === undefined || v.inForceUntil > inForceFrom),
      );
      if (!running) {
        throw CommandRejected.invalid(
          `${field}.key`,
          `${change.key} is not in force in this text on ${inForceFrom}`,
        );
      }
      requireAfterLatest(
        current,
        change.key,
        change.population,
        inForceFrom,
        `${field}.inForceFrom`,
      );
      checked = strip({
        op: 'remove' as const,
        key: change.key,
        population: change.population,
        inForceFrom,
      });
    } else {
      throw CommandRejected.invalid(`${field}.op`, 'must be "set" or "remove"');
    }
    current = evolveRegulatoryText(current, {
      type: 'RegulatoryTextAmended',
      data: {
        textId: text.textId,
        amendedOn,
        changes: [checked],
        source: command.source,
        confidence: command.confidence,
      },
    }) as RegulatoryText;
    return checked;
  });
  return [
    {
      type: 'RegulatoryTextAmended',
      data: strip({
        textId: text.textId,
        amendedOn,
        amendingTextId: command.amendingTextId,
        changes,
        source: command.source,
        confidence: command.confidence,
        note: command.note,
      }),
    },
  ];
}

/** Changes apply forwards: a change cannot start before the latest value it replaces. */
function requireAfterLatest(
  text: RegulatoryText,
  key: string,
  population: string | undefined,
  from: string,
  field: string,
): void {
  const latest = text.rules
    .filter((v) => v.key === key && v.population === population)
    .reduce<string | undefined>(
      (max, v) => (max === undefined || v.inForceFrom > max ? v.inForceFrom : max),
      undefined,
    );
  if (latest !== undefined && from <= latest) {
    throw CommandRejected.invalid(
      field,
      `must be after ${latest}, when the current value of ${key} starts`,
    );
  }
}

function abrogate(command: AbrogateRegulatoryText, text: RegulatoryText): RegulatoryTextEvent[] {
  if (text.abrogation) {
    throw CommandRejected.invalid(
      'textId',
      `text "${text.textId}" is already abrogated, from ${text.abrogation.from} by "${text.abrogation.byTextId}"`,
    );
  }
  requireText('byTextId', command.byTextId);
  if (command.byTextId === text.textId)
    throw CommandRejected.invalid('byTextId', 'a text cannot abrogate itself');
  if (!command.referencedTexts?.[command.byTextId]) {
    throw CommandRejected.invalid(
      'byTextId',
      `no regulatory text "${command.byTextId}" is recorded`,
    );
  }
  const from = requireDate('from', command.from);
  if (from < text.inForceFrom) {
    throw CommandRejected.invalid(
      'from',
      `${from} is before the text came into force (${text.inForceFrom})`,
    );
  }
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  if (command.ruleKeys !== undefined) {
    if (!Array.isArray(command.ruleKeys) || command.ruleKeys.length === 0) {
      throw CommandRejected.invalid(
        'ruleKeys',
        'list the abrogated rules, or leave it out to abrogate the whole text',
      );
    }
    command.ruleKeys.forEach((key, i) => {
      if (!isRuleKey(key)) {
        throw CommandRejected.invalid(
          `ruleKeys[${i}]`,
          `unknown rule key ${JSON.stringify(key)} (see the rule catalogue)`,
        );
      }
      const running = text.rules.some(
        (v) => v.key === key && (v.inForceUntil === undefined || v.inForceUntil > from),
      );
      if (!running)
        throw CommandRejected.invalid(
          `ruleKeys[${i}]`,
          `${key} is not in force in this text on ${from}`,
        );
    });
  }
  return [
    {
      type: 'RegulatoryTextAbrogated',
      data: strip({
        textId: text.textId,
        byTextId: command.byTextId,
        from,
        ruleKeys: command.ruleKeys,
        source: command.source,
        confidence: command.confidence,
        note: command.note,
      }),
    },
  ];
}

function recordErratum(
  command: RecordRegulatoryTextErratum,
  text: RegulatoryText,
): RegulatoryTextEvent[] {
  if (!(TEXT_ERRATUM_FIELDS as readonly string[]).includes(command.field)) {
    throw CommandRejected.invalid('field', `must be one of ${TEXT_ERRATUM_FIELDS.join(', ')}`);
  }
  const current = text[command.field];
  if (current !== command.asWritten) {
    throw CommandRejected.invalid(
      'asWritten',
      `the recorded ${command.field} is ${JSON.stringify(current ?? null)}`,
    );
  }
  requireText('corrected', command.corrected);
  if (command.corrected === command.asWritten)
    throw CommandRejected.invalid('corrected', 'is the same as asWritten');
  if (command.field !== 'title' && command.field !== 'publishedIn' && command.field !== 'nor') {
    requireDate('corrected', command.corrected);
  }
  requireSource('source', command.source);
  requireConfidence('confidence', command.confidence);
  return [
    {
      type: 'RegulatoryTextErratumRecorded',
      data: strip({
        textId: text.textId,
        field: command.field,
        asWritten: command.asWritten,
        corrected: command.corrected,
        source: command.source,
        confidence: command.confidence,
        note: command.note,
      }),
    },
  ];
}
