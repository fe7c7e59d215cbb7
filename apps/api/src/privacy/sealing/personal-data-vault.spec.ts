import { PupilKeyStore } from '../keys/pupil-key-store';
import { PersonalDataVault } from './personal-data-vault';
import { openEvent, sealEvent } from './sealing-decider';

const lea = {
  ine: '123456789AB',
  identity: { lastName: 'Martin', firstName: 'Léa', birthDate: '2007-05-02' },
};
const now = new Date('2026-11-22T08:00:00Z');

describe('PersonalDataVault (AES-256-GCM, one key per pupil)', () => {
  let keys: PupilKeyStore;
  let vault: PersonalDataVault;
  beforeEach(() => {
    keys = new PupilKeyStore(':memory:');
    vault = new PersonalDataVault(keys, () => now);
  });
  afterEach(() => keys.close());

  it('seals without a trace of the clear data, and opens it again', () => {
    const sealed = vault.seal(lea);
    const text = JSON.stringify(sealed);
    for (const clear of [
      lea.ine,
      lea.identity.lastName,
      lea.identity.firstName,
      lea.identity.birthDate,
    ])
      expect(text).not.toContain(clear);
    expect(sealed).toMatchObject({ alg: 'AES-256-GCM', pupilRef: expect.any(String) });
    expect(vault.open(sealed)).toEqual(lea);
  });

  it('one pupil per INE: the same INE finds the same key, another INE another key', () => {
    const a = vault.seal(lea);
    const b = vault.seal({ ...lea, identity: { ...lea.identity, firstName: 'Léa-Marie' } });
    const other = vault.seal({ ...lea, ine: '0494004062M' });
    expect(b.pupilRef).toBe(a.pupilRef);
    expect(other.pupilRef).not.toBe(a.pupilRef);
    expect(keys.refOfIne(' 123456789ab ')).toBe(a.pupilRef);
  });

  it('the same data seals to the same bytes (retries stay idempotent); other data to another IV', () => {
    const a = vault.seal(lea);
    expect(vault.seal(lea)).toEqual(a);
    const b = vault.seal({ ...lea, identity: { ...lea.identity, lastName: 'Martine' } });
    expect(b.iv).not.toBe(a.iv);
  });

  it('refuses an envelope altered by one bit, or moved under another pupil', () => {
    const sealed = vault.seal(lea);
    const bytes = Buffer.from(sealed.ciphertext, 'base64url');
    bytes[0] ^= 1;
    expect(vault.open({ ...sealed, ciphertext: bytes.toString('base64url') })).toBeUndefined();
    const other = vault.seal({ ...lea, ine: '0494004062M' });
    expect(vault.open({ ...sealed, pupilRef: other.pupilRef })).toBeUndefined();
  });

  it('once the key is destroyed nothing opens, and the pupil is not found by INE', () => {
    const sealed = vault.seal(lea);
    expect(keys.destroy(sealed.pupilRef, now)).toBe(true);
    expect(vault.open(sealed)).toBeUndefined();
    expect(keys.refOfIne(lea.ine)).toBeUndefined();
    expect(keys.wasErased(sealed.pupilRef)).toBe(true);
    expect(keys.destroy(sealed.pupilRef, now)).toBe(false);
  });

  it('events: sealed on the way to the log, opened for the decider (a placeholder once erased)', () => {
    const event = {
      type: 'CandidateEnrolled',
      data: { sessionId: 'S1', candidateId: 'c1', ...lea },
    };
    const stored = sealEvent(event, vault);
    expect(Object.keys(stored.data)).toEqual(['sessionId', 'candidateId', 'personalData']);
    expect(openEvent(stored, vault)).toEqual(event);
    keys.destroy(
      (stored.data as unknown as { personalData: { pupilRef: string } }).personalData.pupilRef,
      now,
    );
    const erased = openEvent(stored, vault).data as unknown as typeof lea;
    expect(erased.ine).toMatch(/^erased:/);
    expect(erased.identity.lastName).toBe('(effacé)');
    const other = { type: 'CertificationStarted', data: { sessionId: 'S1' } };
    expect(sealEvent(other, vault)).toBe(other);
  });
});
