/** The 16 competences of the CRCN (annexe of D.121-1; DOMAIN.md §3.1 [C]), in Pix's order. */
export const COMPETENCES = [
  { code: '1.1', label: "Mener une recherche et une veille d'information" },
  { code: '1.2', label: 'Gérer des données' },
  { code: '1.3', label: 'Traiter des données' },
  { code: '2.1', label: 'Interagir' },
  { code: '2.2', label: 'Partager et publier' },
  { code: '2.3', label: 'Collaborer' },
  { code: '2.4', label: "S'insérer dans le monde numérique" },
  { code: '3.1', label: 'Développer des documents textuels' },
  { code: '3.2', label: 'Développer des documents multimédia' },
  { code: '3.3', label: 'Adapter les documents à leur finalité' },
  { code: '3.4', label: 'Programmer' },
  { code: '4.1', label: "Sécuriser l'environnement numérique" },
  { code: '4.2', label: 'Protéger les données personnelles et la vie privée' },
  { code: '4.3', label: "Protéger la santé, le bien-être et l'environnement" },
  { code: '5.1', label: 'Résoudre des problèmes techniques' },
  { code: '5.2', label: 'Construire un environnement numérique' },
] as const;

export type CompetenceCode = (typeof COMPETENCES)[number]['code'];
export const COMPETENCE_CODES: readonly CompetenceCode[] = COMPETENCES.map((c) => c.code);

/**
 * Bounds of a competence mark as Pix stores it (`CompetenceMark`, DOMAIN.md §3.2 [C code]):
 * level −1 (UNCERTIFIED_LEVEL) to 8, 8 pix per level so a score of 0 to 64. These are the
 * data's shape, not a regulatory rule: what counts as certified comes from the regulation.
 */
export const COMPETENCE_LEVEL_MIN = -1;
export const COMPETENCE_LEVEL_MAX = 8;
export const COMPETENCE_SCORE_MAX = 64;
