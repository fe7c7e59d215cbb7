import { specFor } from '../testing/given-when-then';
import { academieOn } from './academie-membership';
import { type EstablishmentCommand, establishmentDecider } from './establishment.decider';
import type { EstablishmentEvent } from './establishment.events';

const given = specFor(establishmentDecider);

const register: Extract<EstablishmentCommand, { type: 'RegisterEstablishment' }> = {
  type: 'RegisterEstablishment',
  uai: '0510001Z',
  name: 'Collège Université',
  establishmentType: 'COLLEGE',
  sector: 'public',
  academie: '19',
  academieSince: null,
};
const registered: EstablishmentEvent = {
  type: 'EstablishmentRegistered',
  data: {
    uai: '0510001Z',
    name: 'Collège Université',
    type: 'COLLEGE',
    sector: 'public',
    academie: '19',
    academieSince: null,
  },
};
const caenRegistered: EstablishmentEvent = {
  type: 'EstablishmentRegistered',
  data: { ...registered.data, uai: '0140001A', academie: '05', academieSince: null },
} as EstablishmentEvent;

describe('establishment decider', () => {
  describe('RegisterEstablishment', () => {
    it('records a valid establishment', () => given().when(register).then([registered]));
    it('is a no-op when registered again identically', () =>
      given(registered).when(register).thenNothing());
    it('refuses a second registration with other details', () =>
      given(registered)
        .when({ ...register, name: 'Autre' })
        .thenRejects('conflict', 'uai'));
    it('refuses a bad UAI check letter', () =>
      given()
        .when({ ...register, uai: '0510001A' })
        .thenRejects('invalid', 'uai', /check letter must be Z/));
    it('refuses a malformed UAI', () =>
      given()
        .when({ ...register, uai: '51001P' })
        .thenRejects('invalid', 'uai'));
    it('refuses an empty name', () =>
      given()
        .when({ ...register, name: '  ' })
        .thenRejects('invalid', 'name'));
    it('refuses an unknown type', () =>
      given()
        .when({ ...register, establishmentType: 'UNIVERSITE' as never })
        .thenRejects('invalid', 'type'));
    it('refuses an unknown sector', () =>
      given()
        .when({ ...register, sector: 'hors-contrat' as never })
        .thenRejects('invalid', 'sector'));
    it('refuses an unknown académie', () =>
      given()
        .when({ ...register, academie: '99' })
        .thenRejects('invalid', 'academie', /unknown académie/));
    it('refuses a membership date that is not a date', () =>
      given()
        .when({ ...register, academieSince: '2020-02-30' })
        .thenRejects('invalid', 'academieSince'));
    it('refuses Normandie before it existed', () =>
      given()
        .when({ ...register, academie: '70', academieSince: '2019-09-01' })
        .thenRejects('invalid', 'academieSince', /from 2020-01-01/));
  });

  describe('ChangeEstablishmentAcademie', () => {
    const toNormandie = {
      type: 'ChangeEstablishmentAcademie',
      academie: '70',
      since: '2020-01-01',
    } as const;
    it('records Caen → Normandie on 2020-01-01', () =>
      given(caenRegistered)
        .when(toNormandie)
        .then([
          {
            type: 'EstablishmentAcademieChanged',
            data: { uai: '0140001A', academie: '70', since: '2020-01-01' },
          },
        ]));
    it('is a no-op when already in that académie', () =>
      given(registered)
        .when({ ...toNormandie, academie: '19' })
        .thenNothing());
    it('refuses an unregistered establishment', () =>
      given().when(toNormandie).thenRejects('not_found', undefined));
    it('refuses an unknown académie', () =>
      given(caenRegistered)
        .when({ ...toNormandie, academie: '26' })
        .thenRejects('invalid', 'academie'));
    it('refuses a day that is not a date', () =>
      given(caenRegistered)
        .when({ ...toNormandie, since: 'demain' })
        .thenRejects('invalid', 'since'));
    it('refuses Normandie before 2020', () =>
      given(caenRegistered)
        .when({ ...toNormandie, since: '2019-06-01' })
        .thenRejects('invalid', 'since'));
    it('refuses a start not after the current membership', () => {
      const normandie: EstablishmentEvent = {
        type: 'EstablishmentAcademieChanged',
        data: { uai: '0140001A', academie: '70', since: '2020-01-01' },
      };
      given(caenRegistered, normandie)
        .when({ ...toNormandie, academie: '19', since: '2020-01-01' })
        .thenRejects('invalid', 'since', /after/);
    });
  });

  describe('RenameEstablishment', () => {
    it('records a new name', () =>
      given(registered)
        .when({ type: 'RenameEstablishment', name: 'Collège Jean Moulin' })
        .then([
          { type: 'EstablishmentRenamed', data: { uai: '0510001Z', name: 'Collège Jean Moulin' } },
        ]));
    it('is a no-op for the same name', () =>
      given(registered)
        .when({ type: 'RenameEstablishment', name: 'Collège Université' })
        .thenNothing());
    it('refuses an unregistered establishment', () =>
      given().when({ type: 'RenameEstablishment', name: 'X' }).thenRejects('not_found', undefined));
    it('refuses an empty name', () =>
      given(registered)
        .when({ type: 'RenameEstablishment', name: '' })
        .thenRejects('invalid', 'name'));
  });

  describe('academieOn (valid-time membership)', () => {
    const memberships = [
      { academie: '05', since: null },
      { academie: '70', since: '2020-01-01' },
    ];
    it('answers the académie of the day, across the Normandie merger', () => {
      expect(academieOn(memberships, '2019-11-15')).toBe('05');
      expect(academieOn(memberships, '2020-03-01')).toBe('70');
    });
    it('knows no académie where none held', () => {
      expect(academieOn([{ academie: '70', since: null }], '2019-11-15')).toBeUndefined();
      expect(academieOn([{ academie: '05', since: null }], '2021-01-01')).toBeUndefined();
    });
  });
});
