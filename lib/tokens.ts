import { randomBytes, timingSafeEqual } from "node:crypto";

/** 192 random bits, URL-safe: the guest's personal link. */
export function newGuestToken(): string {
  return randomBytes(24).toString("base64url");
}

export const GUEST_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function looksLikeGuestToken(value: string): boolean {
  return GUEST_TOKEN_PATTERN.test(value);
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
