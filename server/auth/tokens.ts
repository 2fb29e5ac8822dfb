// Token helpers: hashing random tokens for storage, and signing the session cookie's value.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** `token.signature`, HMAC-SHA256 with the session secret. */
export function signToken(token: string, secret: string): string {
  return `${token}.${hmac(token, secret)}`;
}

/** The token when the signature is right; null for anything else. */
export function unsignToken(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const token = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(hmac(token, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return token;
}

function hmac(value: string, secret: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}
