import { specFor } from '../certification/testing/given-when-then';
import { type ErasePupilPersonalData, pupilErasureDecider } from './pupil-erasure';

const given = specFor(pupilErasureDecider);
const erase: ErasePupilPersonalData = {
  type: 'ErasePupilPersonalData',
  pupilRef: 'p1',
  erasedOn: '2026-11-22',
  reason: 'DPO-2026-17',
  pupilKnown: true,
};

describe('pupil erasure', () => {
  it('records the erasure of a known pupil', () =>
    given()
      .when(erase)
      .then([
        {
          type: 'PupilPersonalDataErased',
          data: { pupilRef: 'p1', erasedOn: '2026-11-22', reason: 'DPO-2026-17' },
        },
      ]));
  it('a second erasure is a no-op (the key is already gone)', () =>
    given({
      type: 'PupilPersonalDataErased',
      data: { pupilRef: 'p1', erasedOn: '2026-11-20', reason: null },
    })
      .when({ ...erase, pupilKnown: false })
      .thenNothing());
  it('an unknown pupil is not found', () =>
    given()
      .when({ ...erase, pupilKnown: false })
      .thenRejects('not_found'));
  it('a reason is short', () =>
    given()
      .when({ ...erase, reason: 'x'.repeat(501) })
      .thenRejects('invalid', 'reason'));
});
