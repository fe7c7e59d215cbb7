import { fold } from '../../shared/decider';
import { given } from '../testing/given-when-then';
import type { PublishRegulatoryText, ReferencedTexts } from './text.commands';
import { regulatoryTextDecider as decider } from './text.decider';
import type { RegulatoryTextEvent } from './text.events';

const source = { reference: 'BO n°3 du 20/01/2022', seed: 'S0' as const };

const publishNote: PublishRegulatoryText = {
  type: 'PublishRegulatoryText',
  textId: 'note-de-service-2021-12-21',
  kind: 'note-de-service',
  title: 'Modalités de formation, d’évaluation et de certification des compétences numériques',
  signedOn: '2021-12-21',
  publishedOn: '2022-01-20',
  publishedIn: 'BO n°3 du 20/01/2022',
  nor: 'MENE2129631N',
  issuer: 'DGESCO-DGESIP',
  scope: { level: 'national' },
  inForceFrom: '2022-01-20',
  source,
  confidence: 'C',
  rules: [
    { key: 'certification.diplomaImpact', value: 'none' },
    { key: 'certification.mandatory', value: true, population: 'LYC', inForceFrom: '2021-09-01' },
  ],
};

const published: RegulatoryTextEvent = decider.decide(publishNote, null)[0];
const later: ReferencedTexts = {
  'note-de-service-2024-10-23': {
    textId: 'note-de-service-2024-10-23',
    kind: 'note-de-service',
    scope: { level: 'national' },
    inForceFrom: '2024-11-14',
  },
};
const abrogation = {
  type: 'AbrogateRegulatoryText' as const,
  textId: 'note-de-service-2021-12-21',
  byTextId: 'note-de-service-2024-10-23',
  from: '2024-11-14',
  source: { reference: 'BO n°43 du 14/11/2024', seed: 'S1' as const },
  confidence: 'C' as const,
  referencedTexts: later,
};

describe('regulatory text decider', () => {
  describe('PublishRegulatoryText', () => {
    it('given no text, publishes it with each rule dated (the text’s inForceFrom by default)', () => {
      given(decider)
        .when(publishNote)
        .then([
          {
            type: 'RegulatoryTextPublished',
            data: {
              textId: 'note-de-service-2021-12-21',
              kind: 'note-de-service',
              title: publishNote.title,
              signedOn: '2021-12-21',
              publishedOn: '2022-01-20',
              publishedIn: 'BO n°3 du 20/01/2022',
              nor: 'MENE2129631N',
              issuer: 'DGESCO-DGESIP',
              scope: { level: 'national' },
              inForceFrom: '2022-01-20',
              source,
              confidence: 'C',
              rules: [
                { key: 'certification.diplomaImpact', value: 'none', inForceFrom: '2022-01-20' },
                {
                  key: 'certification.mandatory',
                  value: true,
                  population: 'LYC',
                  inForceFrom: '2021-09-01',
                },
              ],
            },
          },
        ]);
    });

    it('given the text is published, refuses to publish it again (conflict)', () => {
      given(decider, [published])
        .when(publishNote)
        .thenRejected('conflict', 'textId', /already published/);
    });

    it.each([
      ['textId', { textId: 'Bad Id!' }, /slug/],
      ['kind', { kind: 'memo' }, /must be one of/],
      ['title', { title: ' ' }, /empty/],
      ['inForceFrom', { inForceFrom: '2022-02-30' }, /YYYY-MM-DD/],
      ['publishedOn', { signedOn: '2022-01-21' }, /before the signature/],
      [
        'scope.academie',
        { kind: 'circulaire-academique', scope: { level: 'academie', academie: '99' } },
        /unknown académie/,
      ],
      ['scope', { kind: 'circulaire-academique' }, /académie scope/],
      ['source.reference', { source: { reference: '' } }, /source/],
      ['confidence', { confidence: 'X' }, /C, P, U, D/],
    ])('refuses a bad %s', (field, change, reason) => {
      given(decider)
        .when({ ...publishNote, ...change } as PublishRegulatoryText)
        .thenRejected('invalid', field, reason);
    });

    it.each([
      ['rules[0].key', { key: 'certification.colour', value: 'blue' }, /unknown rule key/],
      ['rules[0].value', { key: 'certification.validityYears', value: 'three' }, /whole number/],
      ['rules[0].value', { key: 'certification.format', value: 'v4' }, /v2, v3/],
      ['rules[0].population', { key: 'certification.mandatory', value: true }, /per population/],
      [
        'rules[0].population',
        { key: 'certification.format', value: 'v2', population: 'LYC' },
        /not set per population/,
      ],
      [
        'rules[0].population',
        { key: 'certification.mandatory', value: true, population: '6E' },
        /does not concern 6E/,
      ],
      [
        'rules[0].inForceUntil',
        {
          key: 'certification.validityYears',
          value: 3,
          inForceFrom: '2022-01-01',
          inForceUntil: '2021-01-01',
        },
        /not after/,
      ],
    ])('refuses a bad rule (%s)', (field, rule, reason) => {
      given(decider)
        .when({ ...publishNote, rules: [rule] } as PublishRegulatoryText)
        .thenRejected('invalid', field, reason);
    });

    it('refuses one key given twice over the same period', () => {
      given(decider)
        .when({
          ...publishNote,
          rules: [
            { key: 'certification.validityYears', value: 3 },
            { key: 'certification.validityYears', value: 4 },
          ],
        })
        .thenRejected('invalid', 'rules[1].key', /twice/);
    });
  });

  describe('AmendRegulatoryText', () => {
    const amend = {
      type: 'AmendRegulatoryText' as const,
      textId: 'note-de-service-2021-12-21',
      amendedOn: '2022-06-14',
      changes: [
        {
          op: 'set' as const,
          rule: { key: 'certification.validityYears', value: 2, inForceFrom: '2022-06-14' },
        },
        { op: 'remove' as const, key: 'certification.diplomaImpact', inForceFrom: '2022-06-14' },
      ],
      source: { reference: '1024pix/pix PR #4520' },
      confidence: 'P' as const,
    };

    it('given a text, changes and removes rules from their own date, ending the previous values', () => {
      const events = given(decider, [published]).when(amend).thenEvents();
      expect(events).toEqual([
        {
          type: 'RegulatoryTextAmended',
          data: {
            textId: 'note-de-service-2021-12-21',
            amendedOn: '2022-06-14',
            changes: amend.changes,
            source: amend.source,
            confidence: 'P',
          },
        },
      ]);
      const text = fold(decider, [published, ...events])!;
      expect(text.rules.find((r) => r.key === 'certification.diplomaImpact')).toMatchObject({
        inForceUntil: '2022-06-14',
        endedBy: 'amendment',
      });
      expect(text.rules.find((r) => r.key === 'certification.validityYears')).toMatchObject({
        value: 2,
        inForceFrom: '2022-06-14',
        enactedBy: 'amendment',
        confidence: 'P',
      });
    });

    it('given no text, refuses to amend it', () => {
      given(decider)
        .when(amend)
        .thenRejected('invalid', 'textId', /no regulatory text/);
    });

    it('refuses an unknown rule key', () => {
      given(decider, [published])
        .when({
          ...amend,
          changes: [
            { op: 'set', rule: { key: 'pix.colour', value: 1, inForceFrom: '2022-06-14' } },
          ],
        })
        .thenRejected('invalid', 'changes[0].rule.key', /unknown rule key/);
      given(decider, [published])
        .when({
          ...amend,
          changes: [{ op: 'remove', key: 'pix.colour', inForceFrom: '2022-06-14' }],
        })
        .thenRejected('invalid', 'changes[0].key', /unknown rule key/);
    });

    it('refuses to remove a rule the text does not enact', () => {
      given(decider, [published])
        .when({
          ...amend,
          changes: [
            { op: 'remove', key: 'certification.validityYears', inForceFrom: '2022-06-14' },
          ],
        })
        .thenRejected('invalid', 'changes[0].key', /not in force/);
    });

    it('refuses a change dated before the value it replaces', () => {
      given(decider, [published])
        .when({
          ...amend,
          changes: [
            {
              op: 'set',
              rule: {
                key: 'certification.diplomaImpact',
                value: 'none',
                inForceFrom: '2022-01-01',
              },
            },
          ],
        })
        .thenRejected('invalid', 'changes[0].rule.inForceFrom', /must be after 2022-01-20/);
    });

    it('refuses an amending text that is not recorded, and an empty amendment', () => {
      given(decider, [published])
        .when({ ...amend, amendingTextId: 'nowhere' })
        .thenRejected('invalid', 'amendingTextId', /no regulatory text/);
      given(decider, [published])
        .when({ ...amend, changes: [] })
        .thenRejected('invalid', 'changes');
    });

    it('given the text is abrogated, refuses a change from after the abrogation', () => {
      const abrogated = decider.decide(abrogation, fold(decider, [published]))[0];
      given(decider, [published, abrogated])
        .when({
          ...amend,
          changes: [
            {
              op: 'set',
              rule: { key: 'certification.validityYears', value: 3, inForceFrom: '2025-01-01' },
            },
          ],
        })
        .thenRejected('invalid', 'changes[0].rule.inForceFrom', /abrogated from 2024-11-14/);
    });
  });

  describe('AbrogateRegulatoryText', () => {
    it('given a text in force, abrogates it wholly from a date: the text and its rules end then', () => {
      const events = given(decider, [published]).when(abrogation).thenEvents();
      expect(events).toEqual([
        {
          type: 'RegulatoryTextAbrogated',
          data: {
            textId: 'note-de-service-2021-12-21',
            byTextId: 'note-de-service-2024-10-23',
            from: '2024-11-14',
            source: abrogation.source,
            confidence: 'C',
          },
        },
      ]);
      const text = fold(decider, [published, ...events])!;
      expect(text.inForceUntil).toBe('2024-11-14');
      expect(
        text.rules.every((r) => r.inForceUntil === '2024-11-14' && r.endedBy === 'abrogation'),
      ).toBe(true);
    });

    it('abrogates only the listed rules when asked', () => {
      const events = given(decider, [published])
        .when({ ...abrogation, ruleKeys: ['certification.diplomaImpact'] })
        .thenEvents();
      const text = fold(decider, [published, ...events])!;
      expect(text.inForceUntil).toBeUndefined();
      expect(text.partialAbrogations).toHaveLength(1);
      expect(text.rules.map((r) => [r.key, r.inForceUntil])).toEqual([
        ['certification.diplomaImpact', '2024-11-14'],
        ['certification.mandatory', undefined],
      ]);
    });

    it('refuses to abrogate a text that does not exist', () => {
      given(decider)
        .when(abrogation)
        .thenRejected('invalid', 'textId', /no regulatory text "note-de-service-2021-12-21"/);
    });

    it('refuses to abrogate a text already abrogated', () => {
      const abrogated = decider.decide(abrogation, fold(decider, [published]))[0];
      given(decider, [published, abrogated])
        .when(abrogation)
        .thenRejected('invalid', 'textId', /already abrogated, from 2024-11-14/);
    });

    it.each([
      ['byTextId', { byTextId: 'note-de-service-2099-01-01' }, /no regulatory text/],
      ['byTextId', { byTextId: 'note-de-service-2021-12-21' }, /itself/],
      ['from', { from: '2020-01-01' }, /before the text came into force/],
      ['from', { from: '14/11/2024' }, /YYYY-MM-DD/],
      ['ruleKeys[0]', { ruleKeys: ['certification.colour'] }, /unknown rule key/],
      ['ruleKeys[0]', { ruleKeys: ['certification.validityYears'] }, /not in force/],
      ['ruleKeys', { ruleKeys: [] }, /list the abrogated rules/],
    ])('refuses a bad %s', (field, change, reason) => {
      given(decider, [published])
        .when({ ...abrogation, ...change })
        .thenRejected('invalid', field, reason);
    });
  });

  describe('RecordRegulatoryTextErratum', () => {
    const erratum = {
      type: 'RecordRegulatoryTextErratum' as const,
      textId: 'note-de-service-2021-12-21',
      field: 'publishedOn' as const,
      asWritten: '2022-01-20',
      corrected: '2022-01-21',
      source: { reference: 'example correction' },
      confidence: 'U' as const,
    };

    it('given a text, records the correction and keeps what the source wrote', () => {
      const events = given(decider, [published]).when(erratum).thenEvents();
      const text = fold(decider, [published, ...events])!;
      expect(text.publishedOn).toBe('2022-01-21');
      expect(text.errata).toEqual([
        {
          field: 'publishedOn',
          asWritten: '2022-01-20',
          corrected: '2022-01-21',
          source: erratum.source,
          confidence: 'U',
        },
      ]);
    });

    it.each([
      ['asWritten', { asWritten: '2022-01-19' }, /recorded publishedOn is "2022-01-20"/],
      ['corrected', { corrected: '2022-01-20' }, /same/],
      ['corrected', { corrected: 'soon' }, /YYYY-MM-DD/],
      ['field', { field: 'kind' }, /must be one of/],
    ])('refuses a bad %s', (field, change, reason) => {
      given(decider, [published])
        .when({ ...erratum, ...change } as typeof erratum)
        .thenRejected('invalid', field, reason);
    });

    it('given no text, refuses the erratum', () => {
      given(decider).when(erratum).thenRejected('invalid', 'textId');
    });
  });
});
