/**
 * The académie codes the API accepts (DOMAIN.md §5.3), for the pickers. The API validates them:
 * a code missing here can still be typed in the URL (?academie=).
 */
export const ACADEMIES: Record<string, string> = {
  '01': 'Paris',
  '02': 'Aix-Marseille',
  '03': 'Besançon',
  '04': 'Bordeaux',
  '06': 'Clermont-Ferrand',
  '07': 'Dijon',
  '08': 'Grenoble',
  '09': 'Lille',
  '10': 'Lyon',
  '11': 'Montpellier',
  '12': 'Nancy-Metz',
  '13': 'Poitiers',
  '14': 'Rennes',
  '15': 'Strasbourg',
  '16': 'Toulouse',
  '17': 'Nantes',
  '18': 'Orléans-Tours',
  '19': 'Reims',
  '20': 'Amiens',
  '22': 'Limoges',
  '23': 'Nice',
  '24': 'Créteil',
  '25': 'Versailles',
  '27': 'Corse',
  '28': 'La Réunion',
  '31': 'Martinique',
  '32': 'Guadeloupe',
  '33': 'Guyane',
  '40': 'Nouvelle-Calédonie',
  '41': 'Polynésie française',
  '42': 'Wallis-et-Futuna',
  '43': 'Mayotte',
  '44': 'Saint-Pierre-et-Miquelon',
  '70': 'Normandie',
};

export const ACADEMIE_OPTIONS = Object.entries(ACADEMIES).sort((a, b) =>
  a[1].localeCompare(b[1], 'fr'),
);
