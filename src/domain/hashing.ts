// Hashes that work the same in the browser (mock) and on the server.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The avatar key: a keyed hash of the normalised email. Unlike Gravatar's
 * unsalted md5, nobody without the server secret can test guesses against it.
 */
export function avatarKey(secret: string, email: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(email.trim().toLowerCase()))).slice(0, 16);
}

/** What flood control keeps of a poster's address: a keyed hash, never the address itself. */
export function clientFingerprint(secret: string, clientKey: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(`client:${secret}`), utf8ToBytes(clientKey))).slice(0, 32);
}

/** Author tokens are stored hashed, so a leaked database does not let anyone impersonate. */
export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)));
}
