import { specFor } from '../testing/given-when-then';
import { type Attestation6eCommand, attestation6eDecider } from './attestation6e.decider';
import type { Attestation6eEvent } from './attestation6e.events';

const given = specFor(attestation6eDecider);
const scope = { uai: '0510001Z', schoolYear: '2024-2025' };
const identity = { lastName: 'Petit', firstName: 'Noé', birthDate: '2013-02-11' };

const open: Attestation6eCommand = {
  type: 'OpenAttestation6eCampaign',
  ...scope,
  campaignCode: 'PROT6E24',
  parcours: 'Parcours 6e Protection et sécurité',
  openedOn: '2024-10-01',
};
const opened: Attestation6eEvent = {
  type: 'Attestation6eCampaignOpened',
  data: {
    ...scope,
    campaignCode: 'PROT6E24',
    parcours: 'Parcours 6e Protection et sécurité',
    openedOn: '2024-10-01',
  },
};
const complete: Attestation6eCommand = {
  type: 'RecordParcoursCompleted',
  ...scope,
  campaignCode: 'PROT6E24',
  pupilId: 'p1',
  ine: '123456789AB',
  identity,
  completedOn: '2024-11-05',
  score: 72,
};
const completed: Attestation6eEvent = {
  type: 'Attestation6eParcoursCompleted',
  data: {
    ...scope,
    campaignCode: 'PROT6E24',
    pupilId: 'p1',
    ine: '123456789AB',
    identity,
    completedOn: '2024-11-05',
    score: 72,
  },
};
const outcome: Attestation6eCommand = {
  type: 'RecordAttestation6eOutcome',
  ...scope,
  pupilId: 'p1',
  obtained: true,
  campaignCode: 'PROT6E24',
  decidedOn: '2024-11-06',
};
const obtained: Attestation6eEvent = {
  type: 'Attestation6eObtained',
  data: { ...scope, pupilId: 'p1', campaignCode: 'PROT6E24', decidedOn: '2024-11-06' },
};
const notObtained: Attestation6eEvent = {
  ...obtained,
  type: 'Attestation6eNotObtained',
} as Attestation6eEvent;

describe('6e attestation decider', () => {
  describe('OpenAttestation6eCampaign', () => {
    it('opens a campaign', () => given().when(open).then([opened]));
    it('is a no-op when opened again identically', () => given(opened).when(open).thenNothing());
    it('refuses the same code with another parcours', () =>
      given(opened)
        .when({ ...open, parcours: 'Initiation' })
        .thenRejects('conflict', 'campaignCode'));
    it('refuses a bad UAI', () =>
      given()
        .when({ ...open, uai: '0510001B' })
        .thenRejects('invalid', 'uai'));
    it('refuses a bad school year', () =>
      given()
        .when({ ...open, schoolYear: '2024-2026' })
        .thenRejects('invalid', 'schoolYear'));
    it('refuses a bad campaign code', () =>
      given()
        .when({ ...open, campaignCode: 'A B' })
        .thenRejects('invalid', 'campaignCode'));
    it('refuses an empty parcours', () =>
      given()
        .when({ ...open, parcours: '' })
        .thenRejects('invalid', 'parcours'));
    it('refuses an opening day outside the school year', () =>
      given()
        .when({ ...open, openedOn: '2024-08-20' })
        .thenRejects('invalid', 'openedOn', /not in the school year/));
  });

  describe('RecordParcoursCompleted', () => {
    it('records a completion with the identity apart', () =>
      given(opened).when(complete).then([completed]));
    it('is a no-op when recorded again identically', () =>
      given(opened, completed).when(complete).thenNothing());
    it('refuses another completion of the same campaign', () =>
      given(opened, completed)
        .when({ ...complete, score: 80 })
        .thenRejects('conflict', 'campaignCode'));
    it('refuses an unknown campaign', () =>
      given().when(complete).thenRejects('not_found', 'campaignCode'));
    it('refuses a bad pupil id', () =>
      given(opened)
        .when({ ...complete, pupilId: '' })
        .thenRejects('invalid', 'pupilId'));
    it('refuses a bad INE', () =>
      given(opened)
        .when({ ...complete, ine: '12' })
        .thenRejects('invalid', 'ine'));
    it('refuses an empty last name', () =>
      given(opened)
        .when({ ...complete, identity: { ...identity, lastName: '' } })
        .thenRejects('invalid', 'identity.lastName'));
    it('refuses an empty first name', () =>
      given(opened)
        .when({ ...complete, identity: { ...identity, firstName: '' } })
        .thenRejects('invalid', 'identity.firstName'));
    it('refuses a birth date that is not a date', () =>
      given(opened)
        .when({ ...complete, identity: { ...identity, birthDate: 'x' } })
        .thenRejects('invalid', 'identity.birthDate'));
    it('refuses a completion before the campaign opened', () =>
      given(opened)
        .when({ ...complete, completedOn: '2024-09-15' })
        .thenRejects('invalid', 'completedOn'));
    it('refuses a completion outside the year', () =>
      given(opened)
        .when({ ...complete, completedOn: '2025-09-15' })
        .thenRejects('invalid', 'completedOn'));
    it('refuses a score above 100 %', () =>
      given(opened)
        .when({ ...complete, score: 120 })
        .thenRejects('invalid', 'score'));
    it('refuses another identity for the same pupil', () =>
      given(opened, completed)
        .when({ ...complete, ine: '0494004062M' })
        .thenRejects('conflict', 'pupilId'));
    it('refuses the same INE under another pupil id', () =>
      given(opened, completed)
        .when({ ...complete, pupilId: 'p2' })
        .thenRejects('conflict', 'ine'));
  });

  describe('RecordAttestation6eOutcome', () => {
    it('records an obtained attestation', () =>
      given(opened, completed).when(outcome).then([obtained]));
    it('records a failure', () =>
      given(opened, completed)
        .when({ ...outcome, obtained: false })
        .then([notObtained]));
    it('lets a catch-up grant it after a failure', () =>
      given(opened, completed, notObtained)
        .when({ ...outcome, decidedOn: '2025-05-02' })
        .then([
          {
            ...obtained,
            data: { ...obtained.data, decidedOn: '2025-05-02' },
          } as Attestation6eEvent,
        ]));
    it('is a no-op when the same outcome is recorded again', () =>
      given(opened, completed, obtained).when(outcome).thenNothing());
    it('refuses to take back an obtained attestation', () =>
      given(opened, completed, obtained)
        .when({ ...outcome, obtained: false })
        .thenRejects('conflict', 'obtained'));
    it('refuses a pupil with no parcours', () =>
      given(opened).when(outcome).thenRejects('not_found', 'pupilId'));
    it('refuses an unknown campaign', () =>
      given(opened, completed)
        .when({ ...outcome, campaignCode: 'NOPE' })
        .thenRejects('not_found', 'campaignCode'));
    it('refuses a campaign the pupil did not complete', () => {
      const other: Attestation6eEvent = {
        ...opened,
        data: { ...opened.data, campaignCode: 'INIT6E24' },
      } as Attestation6eEvent;
      given(opened, other, completed)
        .when({ ...outcome, campaignCode: 'INIT6E24' })
        .thenRejects('conflict', 'campaignCode');
    });
    it('refuses a non-boolean outcome', () =>
      given(opened, completed)
        .when({ ...outcome, obtained: 'yes' as never })
        .thenRejects('invalid', 'obtained'));
    it('refuses a day outside the year', () =>
      given(opened, completed)
        .when({ ...outcome, decidedOn: '2025-10-01' })
        .thenRejects('invalid', 'decidedOn'));
    it('refuses a catch-up dated before the failure', () =>
      given(opened, completed, notObtained)
        .when({ ...outcome, decidedOn: '2024-11-01' })
        .thenRejects('invalid', 'decidedOn'));
  });
});
