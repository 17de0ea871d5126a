// The token in a subscription's links (confirm, unsubscribe). It is derived from a random
// nonce with the server secret, and only its hash is looked up: a leaked database holds no
// working link, yet every email to the subscriber, months later, can carry one.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { hashToken } from '../hashing';

/** A new subscription's link token: its nonce and its hash are stored, the token itself only goes into emails. */
export function newSubscriptionToken(secret: string): { token: string; tokenNonce: string; tokenHash: string } {
  const tokenNonce = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
  const token = subscriptionToken(secret, tokenNonce);
  return { token, tokenNonce, tokenHash: subscriptionTokenHash(token) };
}

export function subscriptionToken(secret: string, nonce: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(`notification:${secret}`), utf8ToBytes(nonce)));
}

/** What is stored and looked up: a hash, as for author tokens. */
export const subscriptionTokenHash = hashToken;

/** A token as the links carry it (64 hexadecimal digits); anything else finds nothing without a query. */
export const isTokenShaped = (token: string) => /^[0-9a-f]{64}$/.test(token);
