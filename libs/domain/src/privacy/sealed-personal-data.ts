import { type Static, Type } from '@sinclair/typebox';

/**
 * Personal data as the log records it: sealed with the pupil's own key, which is kept outside
 * the log (crypto-shredding). The domain never opens it; the API seals what a decider decides
 * and opens what a decider folds, so deciders keep working on clear values.
 */
export const SealedPersonalDataSchema = Type.Object(
  {
    pupilRef: Type.String({
      description:
        "Opaque registry reference of the pupil (random, one per INE): names the pupil's key",
    }),
    alg: Type.Literal('AES-256-GCM'),
    iv: Type.String({ description: 'base64url, 12 bytes' }),
    ciphertext: Type.String({ description: 'base64url of the sealed JSON {ine, identity}' }),
    tag: Type.String({ description: 'base64url, 16-byte GCM tag' }),
  },
  {
    additionalProperties: false,
    description:
      "INE and identity sealed with the pupil's key (AES-256-GCM). After an erasure the key is " +
      'destroyed and this can no longer be opened by anyone.',
  },
);
export type SealedPersonalData = Static<typeof SealedPersonalDataSchema>;

/** What a sealed envelope holds once opened. */
export interface PersonalData {
  ine: string;
  identity: { lastName: string; firstName: string; birthDate: string };
}
