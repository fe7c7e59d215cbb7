import type { RuleValue } from '../rule-catalogue';
import type { Confidence, Population, SourceRef, TextKind, TextScope } from '../vocabulary';
import type { TextErratumField } from './text.events';

/** What a command needs to know about another text it names (resolved by the caller). */
export interface TextReference {
  textId: string;
  kind: TextKind;
  scope: TextScope;
  inForceFrom: string;
}

export type ReferencedTexts = Readonly<Record<string, TextReference | undefined>>;

export interface RuleEnactmentInput {
  key: string;
  value: RuleValue;
  population?: Population;
  /** Default: the text's inForceFrom. */
  inForceFrom?: string;
  /** Exclusive: the first day the rule no longer applies. */
  inForceUntil?: string;
  source?: SourceRef;
  confidence?: Confidence;
  note?: string;
}

export interface PublishRegulatoryText {
  type: 'PublishRegulatoryText';
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
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  rules: RuleEnactmentInput[];
}

export type RuleChangeInput =
  | { op: 'set'; rule: RuleEnactmentInput & { inForceFrom: string } }
  | { op: 'remove'; key: string; population?: Population; inForceFrom: string };

export interface AmendRegulatoryText {
  type: 'AmendRegulatoryText';
  textId: string;
  amendedOn: string;
  amendingTextId?: string;
  changes: RuleChangeInput[];
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  referencedTexts?: ReferencedTexts;
}

export interface AbrogateRegulatoryText {
  type: 'AbrogateRegulatoryText';
  textId: string;
  byTextId: string;
  from: string;
  /** Only these rules; absent: the whole text. */
  ruleKeys?: string[];
  source: SourceRef;
  confidence: Confidence;
  note?: string;
  referencedTexts: ReferencedTexts;
}

export interface RecordRegulatoryTextErratum {
  type: 'RecordRegulatoryTextErratum';
  textId: string;
  field: TextErratumField;
  asWritten: string;
  corrected: string;
  source: SourceRef;
  confidence: Confidence;
  note?: string;
}

export type RegulatoryTextCommand =
  | PublishRegulatoryText
  | AmendRegulatoryText
  | AbrogateRegulatoryText
  | RecordRegulatoryTextErratum;
