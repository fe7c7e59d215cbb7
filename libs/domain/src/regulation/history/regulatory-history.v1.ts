import type { RegulatoryHistory, SeedItem } from './seed-item';

/**
 * The regulatory history of the Pix certification in schools, version 1: texts R1-R10, the
 * calendars 2020-2021 … 2025-2026 with their amendments, and the S1 erratum, from
 * shared/DOMAIN.md (§1, §2, §2b, §3, §6b) and the seeds S0-S4. Each fact names its source and
 * its confidence ([C] confirmed, [P] probable, [U] uncertain, [D] derived by us).
 *
 * Items are in knowledge-time order. Where DOMAIN.md gives no date on which a fact became
 * known, `knownFromBasis` says which bound was used and is marked [D].
 */

const national = { level: 'national' } as const;

const T = {
  decret: 'decret-2019-919',
  evaluation: 'arrete-2019-08-30-evaluation',
  certification: 'arrete-2019-08-30-certification',
  agricole: 'arrete-2020-03-02-agricole',
  noteDgesco2020: 'note-dgesco-2020-12-10',
  note2021: 'note-de-service-2021-12-21',
  note2024: 'note-de-service-2024-10-23',
  loiSren: 'loi-2024-449',
  creteil: 'circulaire-creteil-2022-025',
  reims: 'lettre-reims-2024-12-13',
  calendrier2025: 'calendrier-national-2025-2026',
} as const;

export const REGULATION_TEXT_IDS = T;

const PLATFORM_NOTE =
  'Pix platform rule (code constants, S3): the arrêté has the GIP Pix issue the certification, so its rules are recorded under this text [D attribution].';

const texts19: SeedItem[] = [
  {
    key: 'R1.published',
    knownFrom: '2019-09-01',
    knownFromBasis: 'JO du 01/09/2019 (publication)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.decret,
      kind: 'decret',
      title:
        "Décret n° 2019-919 du 30 août 2019 relatif au développement des compétences numériques dans l'enseignement scolaire, dans l'enseignement supérieur et par la formation continue, et au cadre de référence des compétences numériques",
      signedOn: '2019-08-30',
      publishedOn: '2019-09-01',
      publishedIn: 'JO du 01/09/2019 (JORFTEXT000039005162)',
      nor: 'MENE1915146D',
      issuer: 'Ministère de l’éducation nationale (NOR MENE)',
      scope: national,
      inForceFrom: '2019-09-01',
      source: { reference: 'DOMAIN.md §1 R1; cited by S0 and S4', seed: 'S0' },
      confidence: 'C',
      note: 'Creates the CRCN (code de l’éducation art. D.121-1 + annexe); replaces B2i and C2i. inForceFrom taken as the publication date [D].',
      rules: [
        {
          key: 'crcn.domains',
          value: 5,
          source: { reference: 'DOMAIN.md §3.1 (annexe of D.121-1)' },
        },
        {
          key: 'crcn.competences',
          value: 16,
          source: { reference: 'DOMAIN.md §3.1 (annexe of D.121-1)' },
        },
        { key: 'crcn.levels', value: 8, source: { reference: 'DOMAIN.md §3.1 (D.121-1 I)' } },
      ],
    },
  },
  {
    key: 'R2.published',
    knownFrom: '2019-09-01',
    knownFromBasis: 'JO du 01/09/2019 (publication)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.evaluation,
      kind: 'arrete',
      title:
        "Arrêté du 30 août 2019 relatif à l'évaluation des compétences numériques acquises par les élèves des écoles, des collèges et des lycées publics et privés sous contrat",
      signedOn: '2019-08-30',
      publishedOn: '2019-09-01',
      publishedIn: 'JO du 01/09/2019',
      issuer: 'Ministère de l’éducation nationale',
      scope: national,
      inForceFrom: '2019-09-01',
      source: { reference: 'DOMAIN.md §1 R2; title in S0 and S1', seed: 'S0' },
      confidence: 'C',
      note: 'NOR not found. inForceFrom taken as the publication date [D].',
      rules: [
        {
          key: 'evaluation.bilanClasses',
          value: 'CM2,6e',
          confidence: 'P',
          source: { reference: 'D.121-1 II; dane.site.ac-lille.fr (DOMAIN.md §1 R2)' },
        },
      ],
    },
  },
  {
    key: 'R3.published',
    knownFrom: '2019-09-01',
    knownFromBasis: 'JO du 01/09/2019 (publication)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.certification,
      kind: 'arrete',
      title:
        "Arrêté du 30 août 2019 relatif à la certification Pix des compétences numériques définies par le cadre de référence des compétences numériques mentionné à l'article D. 121-1 du code de l'éducation",
      signedOn: '2019-08-30',
      publishedOn: '2019-09-01',
      publishedIn: 'JO du 01/09/2019',
      nor: 'MENE1915152A',
      issuer: 'Ministère de l’éducation nationale (NOR MENE)',
      scope: national,
      inForceFrom: '2019-09-01',
      source: { reference: 'DOMAIN.md §1 R3; S4 "Cadre initial"', seed: 'S4' },
      confidence: 'C',
      note: 'inForceFrom taken as the publication date [D].',
      rules: [
        {
          key: 'certification.issuer',
          value: 'GIP Pix',
          source: { reference: 'S4 "Cadre initial"', seed: 'S4' },
        },
        {
          key: 'certification.organiser',
          value: "chef d'établissement",
          source: { reference: 'S4 "Cadre initial"; S3', seed: 'S4' },
        },
        {
          key: 'certification.mandatory',
          population: 'LYC',
          value: true,
          source: {
            reference: 'S4 "Cadre initial": fin du cycle terminal, CAP, STS, CPGE',
            seed: 'S4',
          },
        },
        {
          key: 'certification.mandatory',
          population: 'COL',
          value: true,
          source: { reference: 'S4 "Cadre initial": fin de cycle 4', seed: 'S4' },
        },
        {
          key: 'livret.entryMandatory',
          value: true,
          source: {
            reference:
              'S4: "le livret scolaire de l’élève porte la mention de la certification obtenue"',
            seed: 'S4',
          },
        },
        {
          key: 'certification.format',
          value: 'v2',
          note: PLATFORM_NOTE,
          source: { reference: 'DOMAIN.md §3.3, §6b (V2 until 2023-2024 in schools)' },
        },
        {
          key: 'certification.threshold.minCompetences',
          value: 5,
          note: PLATFORM_NOTE,
          source: {
            reference:
              'S3 "à minima 5 compétences de niveau 1"; MINIMUM_CERTIFIABLE_COMPETENCES_FOR_CERTIFIABILITY',
            seed: 'S3',
          },
        },
        {
          key: 'certification.threshold.minLevel',
          value: 1,
          note: PLATFORM_NOTE,
          source: { reference: 'S3; MINIMUM_COMPETENCE_LEVEL_FOR_CERTIFIABILITY = 1', seed: 'S3' },
        },
        {
          key: 'certification.durationMinutes',
          value: 105,
          note: PLATFORM_NOTE,
          source: {
            reference:
              'S3 "L’épreuve de certification dure 1h45"; DEFAULT_SESSION_DURATION_MINUTES',
            seed: 'S3',
          },
        },
        {
          key: 'certification.questionsPerCompetence',
          value: 3,
          note: PLATFORM_NOTE,
          source: { reference: 'S3 "3 questions pour chacune des compétences"', seed: 'S3' },
        },
        {
          key: 'certification.questionCount.min',
          value: 15,
          note: PLATFORM_NOTE,
          source: { reference: 'S3 "entre 15 et 48"', seed: 'S3' },
        },
        {
          key: 'certification.questionCount.max',
          value: 48,
          note: PLATFORM_NOTE,
          source: { reference: 'S3 "entre 15 et 48"', seed: 'S3' },
        },
        {
          key: 'certification.minReproducibilityRatePercent',
          value: 50,
          note: PLATFORM_NOTE,
          source: {
            reference: 'MINIMUM_REPRODUCIBILITY_RATE_TO_BE_CERTIFIED = 50 (DOMAIN.md §3.3)',
          },
        },
        {
          key: 'certification.pixPerLevel',
          value: 8,
          note: PLATFORM_NOTE,
          source: { reference: 'PIX_COUNT_BY_LEVEL = 8 (DOMAIN.md §3.2)' },
        },
        {
          key: 'certification.maxReachableLevel',
          value: 5,
          confidence: 'P',
          note: PLATFORM_NOTE,
          source: {
            reference: 'config default maxReachableLevel = 5; synonyme-du-mot (DOMAIN.md §3.2)',
          },
        },
        {
          key: 'certification.maxScore',
          value: 640,
          confidence: 'P',
          note: PLATFORM_NOTE,
          source: { reference: 'level 5 max → 640 pix (DOMAIN.md §3.2)' },
        },
        {
          key: 'certification.validityYears',
          value: 3,
          note: 'Stated for certificates up to 2021-2022 (DOMAIN.md §3.5).',
          source: {
            reference:
              'S3 "Le certificat Pix est valable pour une durée de 3 ans"; DANE Versailles',
            seed: 'S3',
          },
        },
      ],
    },
  },
];

const texts20: SeedItem[] = [
  {
    key: 'R4.published',
    knownFrom: '2020-03-02',
    knownFromBasis: 'date of the arrêté; its publication was not found [U]',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.agricole,
      kind: 'arrete',
      title:
        'Arrêté du 2 mars 2020 (établissements agricoles et certification Pix; titre exact non trouvé)',
      signedOn: '2020-03-02',
      issuer: 'non trouvé (DOMAIN.md §1 R4)',
      scope: national,
      inForceFrom: '2020-03-02',
      source: {
        reference:
          'S4 "Les établissements agricoles sont également concernés (Arrêté du 2 mars 2020)"',
        seed: 'S4',
      },
      confidence: 'P',
      note: 'Exact title and NOR not found [U]. Not the arrêté of the same date on decimal exam marks (JORF 11/03/2020).',
      rules: [
        {
          key: 'certification.agriculturalEstablishments',
          value: true,
          inForceFrom: '2020-09-01',
          confidence: 'P',
          source: { reference: 'S4; educagri: generalised from rentrée 2020', seed: 'S4' },
        },
      ],
    },
  },
  {
    key: 'R5.published',
    knownFrom: '2020-12-10',
    knownFromBasis: 'date of the note DGESCO (reported by S4 on 08/03/2021)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.noteDgesco2020,
      kind: 'note-dgesco',
      title: 'Note DGESCO du 10 décembre 2020 (calendrier de certification 2020-2021)',
      signedOn: '2020-12-10',
      issuer: 'DGESCO',
      scope: national,
      inForceFrom: '2020-12-10',
      source: {
        reference: 'S4 "Une note de la DEGESCO du 10 décembre 2020"; snep-unsa.fr',
        seed: 'S4',
      },
      confidence: 'C',
      note: 'Supersedes the original plan (certification of 3e and Terminale, January-June 2021).',
      rules: [
        {
          key: 'certification.mandatory',
          population: 'LYC',
          value: false,
          inForceUntil: '2021-09-01',
          note: 'Lycée obligation postponed to 2021-2022; optional sessions 11/01/2021 → 20/05/2021.',
          source: {
            reference: 'S4 "l’obligation … est reportée à l’année scolaire 2021-2022"',
            seed: 'S4',
          },
        },
        {
          key: 'certification.mandatory',
          population: 'COL',
          value: true,
          source: { reference: 'S4 "Au collège, la certification … est maintenue"', seed: 'S4' },
        },
      ],
    },
  },
  {
    key: 'Y2020-2021.published',
    knownFrom: '2020-12-10',
    knownFromBasis: 'date of the note DGESCO that set these windows (S4, 08/03/2021, reports it)',
    command: {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2020-2021',
      publishedOn: '2020-12-10',
      items: [
        {
          population: 'LYC',
          mandatory: false,
          window: { start: '2021-01-11', end: '2021-05-20' },
          textId: T.noteDgesco2020,
          note: 'Optional sessions for establishments that are ready (2019 experimentation).',
        },
        {
          population: 'COL',
          mandatory: true,
          window: { start: '2021-03-08', end: '2021-05-12' },
          textId: T.noteDgesco2020,
        },
      ],
      source: { reference: 'S4 (note DGESCO du 10/12/2020); DOMAIN.md §2', seed: 'S4' },
      confidence: 'C',
    },
  },
  {
    key: 'R3.amended.2020-12-30.level6',
    knownFrom: '2020-12-30',
    knownFromBasis: 'date level 6 opened (rotek.fr) [P]',
    command: {
      type: 'AmendRegulatoryText',
      textId: T.certification,
      amendedOn: '2020-12-30',
      changes: [
        {
          op: 'set',
          rule: { key: 'certification.maxReachableLevel', value: 6, inForceFrom: '2020-12-30' },
        },
        {
          op: 'set',
          rule: { key: 'certification.maxScore', value: 768, inForceFrom: '2020-12-30' },
        },
      ],
      source: {
        reference: 'rotek.fr; besancon.snes.edu "score global sur 768 pix" (DOMAIN.md §3.2)',
      },
      confidence: 'P',
      note: PLATFORM_NOTE,
    },
  },
];

const year2021: SeedItem[] = [
  {
    key: 'Y2020-2021.amended.2021-04-21',
    knownFrom: '2021-04-21',
    knownFromBasis: '1024pix/pix PR #2889 (DOMAIN.md §2b)',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2020-2021',
      amendedOn: '2021-04-21',
      changes: [
        { population: 'LYC', window: { start: '2021-01-11', end: '2021-06-25' } },
        { population: 'COL', window: { start: '2021-03-08', end: '2021-06-25' } },
      ],
      reason: 'Extended "jusqu’au 25 juin" after the April 2021 school closures.',
      source: {
        reference: '1024pix/pix PR #2889 (Pix Certif banner, dates "définies avec le MEN")',
      },
      confidence: 'P',
    },
  },
  {
    key: 'Y2021-2022.published',
    knownFrom: '2021-08-27',
    knownFromBasis: '1024pix/pix PR #3402 (DOMAIN.md §2b)',
    command: {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2021-2022',
      publishedOn: '2021-08-27',
      items: [
        { population: 'LYC', mandatory: true, window: { start: '2021-11-29', end: '2022-03-04' } },
        { population: 'COL', mandatory: true, window: { start: '2022-03-07', end: '2022-05-20' } },
      ],
      source: {
        reference:
          '1024pix/pix PR #3402 (Pix Certif banner); S3 (lycée flyer) prints 29/11/2021 → 04/03/2022',
        seed: 'S3',
      },
      confidence: 'P',
      note: 'Both populations mandatory from 2021-2022 (S4: the lycée obligation was postponed to 2021-2022).',
    },
  },
  {
    key: 'Y2021-2022.amended.2021-12-28',
    knownFrom: '2021-12-28',
    knownFromBasis: '1024pix/pix PR #3882 (DOMAIN.md §2b)',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2021-2022',
      amendedOn: '2021-12-28',
      changes: [
        { population: 'LYC', window: { start: '2021-11-29', end: '2022-04-07' } },
        { population: 'COL', window: { start: '2022-03-07', end: '2022-05-27' } },
      ],
      reason: 'Windows extended: LYC to 07/04/2022, COL to 27/05/2022.',
      source: {
        reference: '1024pix/pix PR #3882; final dates in S0 and S2 (Eduscol); besancon.snes.edu',
        seed: 'S2',
      },
      confidence: 'C',
    },
  },
];

const year2022: SeedItem[] = [
  {
    key: 'R6.published',
    knownFrom: '2022-01-20',
    knownFromBasis: 'BO n°3 du 20/01/2022 (publication)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.note2021,
      kind: 'note-de-service',
      title:
        'Note de service DGESCO-DGESIP du 21 décembre 2021: modalités de formation, d’évaluation et de certification des compétences numériques',
      signedOn: '2021-12-21',
      publishedOn: '2022-01-20',
      publishedIn: 'BO n°3 du 20/01/2022',
      nor: 'MENE2129631N',
      issuer: 'MENJS-DGESCO A1-2 / MESRI-DGESIP',
      scope: national,
      inForceFrom: '2022-01-20',
      source: { reference: 'S0 (références); S1; weka.fr; snes.edu (DOMAIN.md §1 R6)', seed: 'S0' },
      confidence: 'C',
      note: 'Dated after the 2021-2022 LYC window opened. inForceFrom taken as the publication date [D].',
      rules: [
        {
          key: 'certification.diplomaImpact',
          value: 'none',
          source: {
            reference:
              '"sans incidence sur l’obtention du DNB, CFG, CAP, baccalauréat" (weka.fr, snes.edu); S3',
            seed: 'S3',
          },
        },
        {
          key: 'livret.entryMandatory',
          value: true,
          source: { reference: 'snes.edu: mandatory entry in LSU/LSL (DOMAIN.md §1 R6)' },
        },
      ],
    },
  },
  {
    key: 'Y2021-2022.attributed.R6',
    knownFrom: '2022-01-20',
    knownFromBasis: 'BO n°3 du 20/01/2022, publication of the note that governs this calendar',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2021-2022',
      amendedOn: '2022-01-20',
      textId: T.note2021,
      changes: [{ population: 'LYC' }, { population: 'COL' }],
      reason:
        'The calendar falls under the note de service of 21/12/2021 once it is published (dates unchanged).',
      source: { reference: 'DOMAIN.md §2 (legal status of 2021-2022: R6)' },
      confidence: 'P',
    },
  },
  {
    key: 'R9.creteil.published',
    knownFrom: '2022-02-16',
    knownFromBasis: 'date of the circular (S0)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.creteil,
      kind: 'circulaire-academique',
      title:
        "Circulaire n° 2022-025 du 16/02/2022 relative au calendrier de certification des compétences numériques PIX des élèves de 3ème et de Terminale pour l'année 2022",
      signedOn: '2022-02-16',
      publishedOn: '2022-02-16',
      publishedIn: 'Académie de Créteil, DANE, circulaire n° 2022-025',
      issuer: 'Rectorat de Créteil (DANE)',
      scope: { level: 'academie', academie: '24' },
      inForceFrom: '2022-02-16',
      source: { reference: 'S0', seed: 'S0' },
      confidence: 'C',
      rules: [
        {
          key: 'livret.entryMode',
          value: 'manual-import',
          source: {
            reference:
              'S0 "L’opération n’est pas automatique et peut être confiée à votre référent numérique"',
            seed: 'S0',
          },
        },
        {
          key: 'population.3ePrepaMetiersWindow',
          value: 'COL',
          source: {
            reference:
              'S0 "Les élèves de 3ème Prépa métiers passent la certification PIX sur la période collège"',
            seed: 'S0',
          },
        },
        {
          key: 'parcoursup.transmissionMode',
          value: 'pupil-declared',
          confidence: 'P',
          source: {
            reference:
              'S0 (articulate the calendar with Parcoursup to put the results in the pupil file); synonyme-du-mot',
            seed: 'S0',
          },
        },
      ],
    },
  },
  {
    key: 'Y2021-2022.narrowed.24.LYC',
    knownFrom: '2022-02-16',
    knownFromBasis: 'date of the circular (S0)',
    command: {
      type: 'NarrowAcademieCalendar',
      schoolYear: '2021-2022',
      academie: '24',
      population: 'LYC',
      textId: T.creteil,
      publishedOn: '2022-02-16',
      window: { start: '2021-11-29', end: '2022-04-07' },
      source: { reference: 'S0 "Du 29 novembre 2021 au 7 avril 2022"', seed: 'S0' },
      confidence: 'C',
      note: 'Restates the national window.',
    },
  },
  {
    key: 'Y2021-2022.narrowed.24.COL',
    knownFrom: '2022-02-16',
    knownFromBasis: 'date of the circular (S0)',
    command: {
      type: 'NarrowAcademieCalendar',
      schoolYear: '2021-2022',
      academie: '24',
      population: 'COL',
      textId: T.creteil,
      publishedOn: '2022-02-16',
      window: { start: '2022-03-07', end: '2022-05-27' },
      source: { reference: 'S0 "Du 7 mars au 27 mai 2022"', seed: 'S0' },
      confidence: 'C',
      note: 'Restates the national window.',
    },
  },
  {
    key: 'R3.amended.2022-06-14.validity',
    knownFrom: '2022-06-14',
    knownFromBasis: '1024pix/pix PR #4520 (DOMAIN.md §3.5)',
    command: {
      type: 'AmendRegulatoryText',
      textId: T.certification,
      amendedOn: '2022-06-14',
      changes: [{ op: 'remove', key: 'certification.validityYears', inForceFrom: '2022-06-14' }],
      source: { reference: '1024pix/pix PR #4520 (France Compétences renewal)' },
      confidence: 'P',
      note: 'Pix removed "La certification est valable trois ans" from certificates.',
    },
  },
  {
    key: 'Y2022-2023.published',
    knownFrom: '2022-11-14',
    knownFromBasis: '1024pix/pix PR #5217 (DOMAIN.md §2b); the COL date known with it [D]',
    command: {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2022-2023',
      publishedOn: '2022-11-14',
      items: [
        {
          population: 'LYC',
          mandatory: true,
          window: { start: '2022-11-14', end: '2023-03-31' },
          textId: T.note2021,
        },
        {
          population: 'COL',
          mandatory: true,
          window: { start: '2023-03-06', end: '2023-06-16' },
          textId: T.note2021,
          source: { reference: 'dane.ac-bordeaux.fr (quotes Eduscol)' },
        },
      ],
      source: { reference: '1024pix/pix PR #5217; dane.ac-bordeaux.fr (quotes Eduscol)' },
      confidence: 'C',
    },
  },
];

const year2023: SeedItem[] = [
  {
    key: 'Y2022-2023.amended.2023-01-05',
    knownFrom: '2023-01-05',
    knownFromBasis: '1024pix/pix PR #5457 (DOMAIN.md §2b)',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2022-2023',
      amendedOn: '2023-01-05',
      changes: [{ population: 'LYC', window: { start: '2022-11-14', end: '2023-03-17' } }],
      reason: 'LYC window shortened from 31/03/2023 to 17/03/2023.',
      source: { reference: '1024pix/pix PR #5457' },
      confidence: 'C',
    },
  },
  {
    key: 'R3.amended.2023-09-01.level7',
    knownFrom: '2023-09-01',
    knownFromBasis:
      '[D] the 2023-2024 page of fenelon-beziers.fr is undated: the start of 2023-2024 is the latest date',
    command: {
      type: 'AmendRegulatoryText',
      textId: T.certification,
      amendedOn: '2023-09-01',
      changes: [
        {
          op: 'set',
          rule: { key: 'certification.maxReachableLevel', value: 7, inForceFrom: '2023-09-01' },
        },
        {
          op: 'set',
          rule: { key: 'certification.maxScore', value: 896, inForceFrom: '2023-09-01' },
        },
      ],
      source: { reference: 'fenelon-beziers.fr (2023-2024 page) "896 pix" (DOMAIN.md §3.2)' },
      confidence: 'U',
      note: 'Level 7 opened before 2023-2024; its opening date is unknown [U]: recorded from 2023-09-01 at the latest.',
    },
  },
  {
    key: 'Y2023-2024.published',
    knownFrom: '2023-11-06',
    knownFromBasis:
      '[D] the date of 1024pix/pix PR #7137 is not in DOMAIN.md: the LYC window’s opening is the latest date it can have been known',
    command: {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2023-2024',
      publishedOn: '2023-11-06',
      items: [
        {
          population: 'LYC',
          mandatory: true,
          window: { start: '2023-11-06', end: '2024-03-29' },
          textId: T.note2021,
          confidence: 'P',
          source: { reference: '1024pix/pix PR #7137 (Pix Certif banner, "définies avec le MEN")' },
        },
        {
          population: 'COL',
          mandatory: true,
          window: { start: '2024-03-04', end: '2024-06-14' },
          textId: T.note2021,
          confidence: 'C',
          source: { reference: '1024pix/pix PR #7137; fenelon-beziers.fr' },
        },
      ],
      source: { reference: '1024pix/pix PR #7137; fenelon-beziers.fr (DOMAIN.md §2)' },
      confidence: 'P',
      note: 'publishedOn unknown: the LYC opening date is used [D].',
    },
  },
];

const year2024: SeedItem[] = [
  {
    key: 'R8.published',
    knownFrom: '2024-05-22',
    knownFromBasis: 'JO du 22/05/2024 (publication)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.loiSren,
      kind: 'loi',
      title:
        "Loi n° 2024-449 du 21 mai 2024 visant à sécuriser et à réguler l'espace numérique (SREN)",
      signedOn: '2024-05-21',
      publishedOn: '2024-05-22',
      publishedIn: 'JO du 22/05/2024',
      issuer: 'Parlement',
      scope: national,
      inForceFrom: '2024-05-22',
      source: { reference: 'legifrance dossier; actu-juridique (DOMAIN.md §1 R8)' },
      confidence: 'C',
      note: 'Amends art. L.312-9 (awareness attestation at the end of primary school and of collège). inForceFrom taken as the publication date [D].',
      rules: [
        {
          key: 'attestation6e.renewedAtEndOfCollege',
          value: true,
          confidence: 'P',
          source: {
            reference:
              'L.312-9 as amended (the SREN → L.312-9 wording link is [P], macternelle.fr)',
          },
        },
      ],
    },
  },
  {
    key: 'R3.amended.2024-09-01.v3',
    knownFrom: '2024-09-01',
    knownFromBasis:
      '[D] DRANE Clermont, DANE Amiens and PRs #10080/#10235 are undated in DOMAIN.md: the rentrée 2024, when V3 was deployed, is the latest date',
    command: {
      type: 'AmendRegulatoryText',
      textId: T.certification,
      amendedOn: '2024-09-01',
      changes: [
        {
          op: 'set',
          rule: { key: 'certification.format', value: 'v3', inForceFrom: '2024-09-01' },
        },
        {
          op: 'set',
          rule: { key: 'certification.questionCount.min', value: 32, inForceFrom: '2024-09-01' },
        },
        {
          op: 'set',
          rule: { key: 'certification.questionCount.max', value: 32, inForceFrom: '2024-09-01' },
        },
        { op: 'remove', key: 'certification.questionsPerCompetence', inForceFrom: '2024-09-01' },
        {
          op: 'remove',
          key: 'certification.minReproducibilityRatePercent',
          inForceFrom: '2024-09-01',
        },
        {
          op: 'set',
          rule: { key: 'certification.maxReachableLevel', value: 7, inForceFrom: '2024-09-01' },
        },
        {
          op: 'set',
          rule: { key: 'certification.maxScore', value: 895, inForceFrom: '2024-09-01' },
        },
      ],
      source: {
        reference:
          'DRANE Clermont; DANE Amiens; 1024pix/pix PR #10080, #10235; maximumAssessmentLength = 32; MAX_REACHABLE_SCORE = 895 (DOMAIN.md §3.4, §6b)',
      },
      confidence: 'C',
      note: `${PLATFORM_NOTE} New (V3) certification in all collèges and lycées from 2024-2025: 32 adaptive questions on all 16 competences, 1h45 kept, levels 1 to 7; the 5 × level 1 threshold is kept [P].`,
    },
  },
  {
    key: 'Y2024-2025.published',
    knownFrom: '2024-11-12',
    knownFromBasis: '1024pix/pix PR #10528 (DOMAIN.md §2b)',
    command: {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2024-2025',
      publishedOn: '2024-11-12',
      items: [
        { population: 'LYC', mandatory: true, window: { start: '2024-11-07', end: '2025-03-07' } },
        { population: 'COL', mandatory: true, window: { start: '2025-03-17', end: '2025-06-13' } },
      ],
      source: {
        reference: '1024pix/pix PR #10528; confirmed by S1, Lille and Amiens collège sites',
        seed: 'S1',
      },
      confidence: 'C',
    },
  },
  {
    key: 'R7.published',
    knownFrom: '2024-11-14',
    knownFromBasis: 'BO n°43 du 14/11/2024 (publication)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.note2024,
      kind: 'note-de-service',
      title:
        'Note de service du 23 octobre 2024: modalités de formation, d’évaluation et de certification des compétences numériques, élèves de l’école élémentaire au lycée',
      signedOn: '2024-10-23',
      publishedOn: '2024-11-14',
      publishedIn: 'BO n°43 du 14/11/2024',
      nor: 'MENE2421869N',
      issuer: 'MEN-DGESCO A1-2-DNE',
      scope: national,
      inForceFrom: '2024-11-14',
      source: {
        reference: 'S1; education.gouv.fr/bo/2024/Hebdo43/MENE2421869N (header)',
        seed: 'S1',
        url: 'https://www.education.gouv.fr/bo/2024/Hebdo43/MENE2421869N',
      },
      confidence: 'C',
      note: 'Abrogates the note of 21/12/2021. Published one week after the 2024-2025 LYC window opened; its provisions apply from the rentrée 2024 (S1).',
      rules: [
        {
          key: 'attestation6e.mandatory',
          value: true,
          inForceFrom: '2024-09-01',
          source: {
            reference:
              'S1 "À partir de la rentrée scolaire 2024 … Tous les élèves des classes de 6e passent l’attestation"',
            seed: 'S1',
          },
        },
        {
          key: 'attestation6e.renewedAtEndOfCollege',
          value: true,
          inForceFrom: '2024-09-01',
          source: {
            reference:
              'S1 "doit être renouvelée à l’issue du collège, par la certification en classe de 3e"',
            seed: 'S1',
          },
        },
        {
          key: 'certification.mandatory',
          population: 'LYC',
          value: true,
          inForceFrom: '2024-09-01',
          source: {
            reference: 'S1 "La certification des élèves de terminale est également obligatoire"',
            seed: 'S1',
          },
        },
        {
          key: 'parcoursup.transmissionMode',
          value: 'automatic',
          inForceFrom: '2024-09-01',
          source: {
            reference:
              'S1 "À compter de l’année scolaire 2024/2025, les résultats … automatiquement présents"',
            seed: 'S1',
          },
        },
      ],
    },
  },
  {
    key: 'R6.abrogated.by-R7',
    knownFrom: '2024-11-14',
    knownFromBasis: 'BO n°43 du 14/11/2024 (publication of the abrogating note)',
    command: {
      type: 'AbrogateRegulatoryText',
      textId: T.note2021,
      byTextId: T.note2024,
      from: '2024-11-14',
      source: { reference: 'S1 "Elle abroge la note de service du 21 décembre 2021"', seed: 'S1' },
      confidence: 'C',
    },
  },
  {
    key: 'Y2024-2025.attributed.R7',
    knownFrom: '2024-11-14',
    knownFromBasis:
      'BO n°43 du 14/11/2024 (publication of the note that sets the annual national calendar)',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2024-2025',
      amendedOn: '2024-11-14',
      textId: T.note2024,
      changes: [
        { population: 'LYC' },
        { population: 'COL' },
        { population: '6E', mandatory: true },
      ],
      reason:
        'The note of 23/10/2024 sets the annual national calendar and makes the 6e attestation mandatory.',
      source: { reference: 'S1; DOMAIN.md §1 R7', seed: 'S1' },
      confidence: 'C',
    },
  },
  {
    key: 'Y2024-2025.amended.2024-12-13.finalisation',
    knownFrom: '2024-12-13',
    knownFromBasis: '1024pix/pix PR #10822 and S1, both of 13/12/2024',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2024-2025',
      amendedOn: '2024-12-13',
      changes: [{ population: 'LYC', finalisationDeadline: '2025-03-31' }],
      reason:
        'Sessions must be finalised on Pix Certif by 31/03/2025 for the GIP Pix processing (Parcoursup).',
      source: {
        reference:
          '1024pix/pix PR #10822; S1 "finalisées sur Pix Certif au plus tard le 31 mars 2025"',
        seed: 'S1',
      },
      confidence: 'C',
    },
  },
  {
    key: 'Y2024-2025.amended.2024-12-13.parcoursup',
    knownFrom: '2024-12-13',
    knownFromBasis: 'S1, letter of 13/12/2024',
    command: {
      type: 'AmendSchoolYearCalendar',
      schoolYear: '2024-2025',
      amendedOn: '2024-12-13',
      changes: [{ population: 'LYC', parcoursupTransmissionDate: '2024-04-08' }],
      reason:
        'Results sent to the post-bac formations on Parcoursup, date as the source writes it.',
      source: {
        reference: 'S1 "Ces certifications seront communiquées le 8 avril 2024"',
        seed: 'S1',
      },
      confidence: 'U',
      note: 'Stored as written; almost certainly a typo for 8 April 2025 (see the erratum).',
    },
  },
  {
    key: 'R9.reims.published',
    knownFrom: '2024-12-13',
    knownFromBasis: 'date of the letter (S1)',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.reims,
      kind: 'circulaire-academique',
      title:
        'Lettre du recteur de l’académie de Reims du 13 décembre 2024: mise en œuvre des dispositions relatives aux compétences numériques et calendrier de certification Pix pour l’année scolaire 2024-2025',
      signedOn: '2024-12-13',
      publishedOn: '2024-12-13',
      publishedIn: 'Académie de Reims, DRANE, lettre du 13/12/2024',
      issuer: 'Rectorat de Reims (DRANE)',
      scope: { level: 'academie', academie: '19' },
      inForceFrom: '2024-12-13',
      source: { reference: 'S1', seed: 'S1' },
      confidence: 'C',
      note: 'Relays the national calendar of the note of 23/10/2024 (BO 14/11/2024).',
      rules: [],
    },
  },
  {
    key: 'Y2024-2025.narrowed.19.LYC',
    knownFrom: '2024-12-13',
    knownFromBasis: 'date of the letter (S1)',
    command: {
      type: 'NarrowAcademieCalendar',
      schoolYear: '2024-2025',
      academie: '19',
      population: 'LYC',
      textId: T.reims,
      publishedOn: '2024-12-13',
      window: { start: '2024-11-07', end: '2025-03-07' },
      finalisationDeadline: '2025-03-31',
      source: {
        reference: 'S1 "du 7 novembre 2024 au 7 mars 2025 … au plus tard le 31 mars 2025"',
        seed: 'S1',
      },
      confidence: 'C',
      note: 'Restates the national window.',
    },
  },
  {
    key: 'Y2024-2025.narrowed.19.COL',
    knownFrom: '2024-12-13',
    knownFromBasis: 'date of the letter (S1)',
    command: {
      type: 'NarrowAcademieCalendar',
      schoolYear: '2024-2025',
      academie: '19',
      population: 'COL',
      textId: T.reims,
      publishedOn: '2024-12-13',
      window: { start: '2025-03-17', end: '2025-06-13' },
      source: { reference: 'S1 "du 17 mars au 13 juin 2025"', seed: 'S1' },
      confidence: 'C',
      note: 'Restates the national window.',
    },
  },
];

const year2025: SeedItem[] = [
  {
    key: 'R10.published',
    knownFrom: '2025-11-03',
    knownFromBasis:
      '[D] the DANE Lille page (?p=9115) is undated in DOMAIN.md: the LYC window’s opening is the latest date it can have been known',
    command: {
      type: 'PublishRegulatoryText',
      textId: T.calendrier2025,
      kind: 'note-de-service',
      title:
        'Calendrier national de certification Pix 2025-2026 (texte non localisé, relayé par la DANE Lille)',
      issuer: 'Ministère de l’éducation nationale (texte non localisé)',
      scope: national,
      inForceFrom: '2025-09-01',
      source: {
        reference: 'dane.site.ac-lille.fr/?p=9115',
        url: 'https://dane.site.ac-lille.fr/?p=9115',
      },
      confidence: 'P',
      note: 'The text itself was not located: its kind (note de service) and dates are [U]; inForceFrom is the start of 2025-2026 [D]. Announces the "Pix IA" parcours (4e, 2de).',
      rules: [
        {
          key: 'attestation6e.passMarkPercent',
          value: 50,
          confidence: 'P',
          source: {
            reference:
              'DANE Lille: the attestation is obtained with a score ≥ 50 % (DOMAIN.md §3.6)',
          },
        },
      ],
    },
  },
  {
    key: 'Y2025-2026.published',
    knownFrom: '2025-11-03',
    knownFromBasis:
      '[D] the DANE Lille page (?p=9115) is undated in DOMAIN.md: the LYC window’s opening is the latest date it can have been known',
    command: {
      type: 'PublishSchoolYearCalendar',
      schoolYear: '2025-2026',
      publishedOn: '2025-11-03',
      items: [
        {
          population: 'LYC',
          mandatory: true,
          window: { start: '2025-11-03', end: '2026-03-06' },
          catchUp: { start: '2026-03-09', end: '2026-03-13' },
          textId: T.calendrier2025,
          confidence: 'P',
          note: 'Semaine de rattrapage for pupils who were prevented (new in 2025-2026). No finalisation deadline found.',
        },
        {
          population: 'COL',
          mandatory: true,
          window: { start: '2026-03-16', end: '2026-06-13' },
          catchUp: { start: '2026-06-15', end: '2026-06-19' },
          textId: T.calendrier2025,
          confidence: 'U',
          note: 'The end "13 juin 2026" is a Saturday; every earlier COL window ended on a Friday (12/06?). Kept as the source gives it.',
        },
        {
          population: '6E',
          mandatory: true,
          textId: T.note2024,
          confidence: 'C',
          source: {
            reference:
              'S1 (the note of 23/10/2024 makes the attestation mandatory from the rentrée 2024)',
            seed: 'S1',
          },
        },
      ],
      source: {
        reference: 'dane.site.ac-lille.fr/?p=9115',
        url: 'https://dane.site.ac-lille.fr/?p=9115',
      },
      confidence: 'P',
      note: 'publishedOn unknown: the LYC opening date is used [D].',
    },
  },
];

const errata: SeedItem[] = [
  {
    key: 'Y2024-2025.erratum.S1.parcoursup',
    knownFrom: '2026-11-22',
    knownFromBasis: 'DOMAIN.md §6b, checked on 2026-11-22',
    command: {
      type: 'RecordSchoolYearCalendarErratum',
      schoolYear: '2024-2025',
      population: 'LYC',
      field: 'parcoursupTransmissionDate',
      asWritten: '2024-04-08',
      corrected: '2025-04-08',
      source: {
        reference:
          'DOMAIN.md §1 (seed quirk), §6b; DANE Amiens: results in Parcoursup "à compter du mois d’avril 2025"',
        seed: 'S1',
      },
      confidence: 'P',
      note: 'S1 (13/12/2024, about 2024-2025) prints "8 avril 2024"; 8 April 2025 is a Tuesday.',
    },
  },
];

export const REGULATORY_HISTORY_V1: RegulatoryHistory = {
  version: 'regulatory-history.v1',
  basis: 'shared/DOMAIN.md §1, §2, §2b, §3, §6b and the seeds S0-S4 (checked 2026-11-22)',
  items: [
    ...texts19,
    ...texts20,
    ...year2021,
    ...year2022,
    ...year2023,
    ...year2024,
    ...year2025,
    ...errata,
  ],
};
