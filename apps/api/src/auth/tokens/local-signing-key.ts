import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `kid` header of the tokens it signs: a digest of the public key. */
  keyId: string;
  /** True when this call created the key: the registry's first start. */
  created: boolean;
}

/**
 * The embedded default signs its own tokens (ES256) with a key generated on first start and
 * kept beside the log (mode 0600). Whoever can read it can mint tokens: protect it like the log.
 */
export function loadOrCreateSigningKey(path: string): LocalSigningKey {
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    try {
      // 'wx': another process creating it at the same moment wins, and we read its key.
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
        flag: 'wx',
      });
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const privateKey = createPrivateKey(readFileSync(path));
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 16);
  return { privateKey, publicKey, keyId, created };
}
