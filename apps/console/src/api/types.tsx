/** The shapes the console reads (see /docs for the API's full description). */
export interface Source {
  reference: string;
  seed?: string;
  url?: string;
}

export interface YearListing {
  schoolYear: string;
  publishedOn: string;
  populations: string[];
  amendments: number;
  narrowings: number;
  errata: number;
  knownFrom?: string;
  lastChangeKnownFrom?: string;
}

export interface YearsResponse {
  knownAt: string | null;
  years: YearListing[];
}

export interface CalendarWindow {
  schoolYear: string;
  population: string;
  start?: string;
  end?: string;
  mandatory: boolean;
  finalisationDeadline?: string;
  catchUp?: { start: string; end: string };
  parcoursupTransmissionDate?: string;
  scope: string;
  sourceTextIds: string[];
  sources: Source[];
  confidence: string;
  notes: string[];
  errata: Array<{ field: string; asWritten: string; corrected: string }>;
  voidNarrowing?: { textId: string; start: string; end: string };
}

export interface CalendarResponse {
  schoolYear: string;
  academie: string | null;
  knownAt: string | null;
  windows: CalendarWindow[];
}

export interface TextSummary {
  textId: string;
  kind: string;
  title: string;
  signedOn?: string;
  publishedOn: string | null;
  publishedIn?: string;
  scope: string;
  inForceFrom: string;
  inForceUntil: string | null;
  abrogatedBy: string | null;
  confidence: string;
  source: Source;
  ruleCount: number;
  knownFrom?: string;
}

export interface HistoryEntry {
  type: string;
  summary: string;
  knownFrom?: string;
  recordedAt?: string;
  backfilled: boolean;
  position?: number;
}

export interface YearSummary extends YearListing {
  period: { start: string; end: string };
  knownAt: string | null;
  calendar: CalendarWindow[];
  textsInForceDuringYear: TextSummary[];
  history: HistoryEntry[];
}

export interface TextDetail extends TextSummary {
  note?: string;
  rules: Array<{
    key: string;
    value: unknown;
    inForceFrom: string;
    inForceUntil?: string;
    confidence: string;
    source: Source;
  }>;
  history: HistoryEntry[];
}

export interface RuleValue {
  key: string;
  value: unknown;
  population?: string;
  inForceFrom: string;
  textId: string;
  textTitle: string;
  scope: string;
  source: Source;
  confidence: string;
  from: string;
  until: string;
}

export interface RulesResponse {
  schoolYear: string;
  knownAt: string | null;
  timeline: Array<{ key: string; population?: string; values: RuleValue[] }>;
}

export interface RuleCatalogue {
  rules: Array<{ key: string; meaning: string; unit?: string }>;
}

export interface GroupStats {
  key: string;
  sessions: number;
  candidates: number;
  results: number;
  certified: number;
  notCertified: number;
  undetermined: number;
  certificationRate: number | null;
  meanPixScore: number | null;
  sessionsOutOfWindow: number;
  lateFinalisations: number;
  flags: number;
}

export interface StatsResponse {
  schoolYear: string;
  total: GroupStats;
  byAcademie: GroupStats[];
  byEstablishment: GroupStats[];
  byPopulation: GroupStats[];
  attestations6e: {
    establishments: number;
    pupils: number;
    obtained: number;
    notObtained: number;
    pending: number;
  };
}

export interface ComplianceFlag {
  sessionId: string | null;
  uai: string;
  academie: string | null;
  population: string;
  date: string | null;
  code: string;
  rule: string;
  textIds: string[];
  message: string;
  details: Record<string, unknown>;
}

export interface ComplianceResponse {
  schoolYear: string;
  filters: { academie?: string; knownAt?: string };
  flags: ComplianceFlag[];
  verdicts: Array<{
    sessionId: string;
    results: number;
    certified: number;
    notCertified: number;
    undetermined: number;
  }>;
}
