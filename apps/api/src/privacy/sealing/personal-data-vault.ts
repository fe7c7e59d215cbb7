import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { PersonalData, SealedPersonalData } from '@pix-ledger/domain';
import type { PupilKeyStore } from '../keys/pupil-key-store';

const ALG = 'AES-256-GCM' as const;
const b64 = (bytes: Buffer) => bytes.toString('base64url');
const unb64 = (text: string) => Buffer.from(text, 'base64url');

function subKey(key: Buffer, purpose: 'enc' | 'iv'): Buffer {
  return Buffer.from(
    hkdfSync('sha256', key, Buffer.alloc(0), `pix-ledger/personal-data/${purpose}`, 32),
  );
}

/** Binds a sealed envelope to its pupil: moving it under another pupilRef fails to open. */
const aad = (pupilRef: string) => Buffer.from(`pix-ledger/personal-data/v1/${pupilRef}`);

/**
 * Seals and opens personal data (INE and identity) with the pupil's own key (AES-256-GCM).
 * The IV is derived from the content (HMAC of the plaintext with a sub-key): the same data
 * seals to the same bytes, so a retried command or a re-imported row appends exactly what it
 * appended the first time (idempotent event ids stay idempotent); two different plaintexts
 * never share an IV under one key.
 */
export class PersonalDataVault {
  constructor(
    private readonly keys: PupilKeyStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates the keys of these pupils at once (one disk sync), before sealing a batch. */
  prepare(ines: readonly string[]): void {
    this.keys.keysForInes(ines, this.now());
  }

  seal(data: PersonalData): SealedPersonalData {
    const { pupilRef, key } = this.keys.keyForIne(data.ine, this.now());
    const { lastName, firstName, birthDate } = data.identity;
    const plaintext = Buffer.from(
      JSON.stringify({ ine: data.ine, identity: { lastName, firstName, birthDate } }),
    );
    const iv = createHmac('sha256', subKey(key, 'iv')).update(plaintext).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', subKey(key, 'enc'), iv);
    cipher.setAAD(aad(pupilRef));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      pupilRef,
      alg: ALG,
      iv: b64(iv),
      ciphertext: b64(ciphertext),
      tag: b64(cipher.getAuthTag()),
    };
  }

  /** The clear data, or undefined when the pupil's key is gone (erased) or the envelope altered. */
  open(sealed: SealedPersonalData): PersonalData | undefined {
    const key = this.keys.keyOf(sealed.pupilRef);
    if (!key || sealed.alg !== ALG) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', subKey(key, 'enc'), unb64(sealed.iv));
      decipher.setAAD(aad(sealed.pupilRef));
      decipher.setAuthTag(unb64(sealed.tag));
      const clear = Buffer.concat([decipher.update(unb64(sealed.ciphertext)), decipher.final()]);
      return JSON.parse(clear.toString('utf8')) as PersonalData;
    } catch {
      return undefined;
    }
  }
}
