/** French labels of the API's codes (the API speaks codes; the console speaks French). */
export const POPULATION_LABELS: Record<string, string> = {
  LYC: 'Lycée (LYC)',
  COL: 'Collège, 3e (COL)',
  '6E': 'Attestation 6e',
};

export const POPULATION_COLORS: Record<string, string> = {
  LYC: '#1f5fa8',
  COL: '#2e8b57',
  '6E': '#b8860b',
};

export const TEXT_KIND_LABELS: Record<string, string> = {
  decret: 'Décret',
  arrete: 'Arrêté',
  'note-de-service': 'Note de service',
  'note-dgesco': 'Note DGESCO',
  'circulaire-academique': 'Circulaire académique',
  loi: 'Loi',
};

export const CONFIDENCE_LABELS: Record<string, string> = {
  C: 'confirmé',
  P: 'probable',
  U: 'incertain',
  D: 'déduit',
};

export function scopeLabel(scope: string, academies: Record<string, string>): string {
  if (scope === 'national') return 'national';
  const code = scope.replace(/^academie:/, '');
  return `académie ${academies[code] ?? code}`;
}

export const FLAG_LABELS: Record<string, string> = {
  outOfWindow: 'Séance hors fenêtre',
  noWindowInForce: 'Aucune fenêtre en vigueur',
  lateFinalisation: 'Finalisation tardive',
  populationNotRequired: 'Population non concernée',
};

export function academieLabel(
  code: string | null | undefined,
  academies: Record<string, string>,
): string {
  if (!code || code === 'unknown') return 'inconnue';
  return academies[code] ? `${academies[code]} (${code})` : code;
}
