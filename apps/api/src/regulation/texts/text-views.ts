import {
  isTextInForceOn,
  type RegulatoryTextView,
  type RuleVersion,
  scopeLabel,
} from '@pix-ledger/domain';

/** Response shapes of the text reads. */
export function textSummary(text: RegulatoryTextView) {
  return {
    textId: text.textId,
    kind: text.kind,
    title: text.title,
    signedOn: text.signedOn ?? null,
    publishedOn: text.publishedOn ?? null,
    publishedIn: text.publishedIn ?? null,
    nor: text.nor ?? null,
    issuer: text.issuer,
    scope: scopeLabel(text.scope),
    inForceFrom: text.inForceFrom,
    inForceUntil: text.inForceUntil ?? null,
    abrogatedBy: text.abrogation?.byTextId ?? null,
    confidence: text.confidence,
    source: text.source,
    ruleCount: text.rules.length,
    knownFrom: text.knownFrom ?? null,
  };
}

const covers = (rule: RuleVersion, date: string) =>
  rule.inForceFrom <= date && (rule.inForceUntil === undefined || date < rule.inForceUntil);

export function textDetail(text: RegulatoryTextView, asOf?: string) {
  return {
    ...textSummary(text),
    note: text.note ?? null,
    abrogation: text.abrogation ?? null,
    partialAbrogations: text.partialAbrogations,
    errata: text.errata,
    rules: text.rules,
    ...(asOf
      ? {
          asOf,
          inForce: isTextInForceOn(text, asOf),
          rulesInForce: text.rules.filter((rule) => covers(rule, asOf)),
        }
      : {}),
    history: text.history,
  };
}
