import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";
import bcrypt from "bcryptjs";
import pLimit from "p-limit";

/**
 * Password hashes (ADR 021): scrypt from node's crypto, which runs in libuv's thread pool, so forty
 * sign-ins at once do not stall the event loop that serves everyone else. Stored as
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64url). Hashes made before by bcryptjs still verify
 * (on the main thread, once) and are replaced at the next successful sign-in.
 *
 * At most (cores − 1) hashes run at once: a burst of sign-ins queues for its turn instead of taking
 * every core from the thread that serves pages.
 */

// 2^15 × 8 × 128 bytes = 32 MiB per hash and about 85 ms on this machine.
export const DEFAULT_COST = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

const hashing = pLimit(Math.max(1, availableParallelism() - 1));

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions) {
  return hashing(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, KEY_BYTES, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

/** `cost` is log2 of scrypt's N; tests and demo loads may ask for a cheaper one. */
export async function hashPassword(password: string, cost = DEFAULT_COST) {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { N: 2 ** cost, r: R, p: P });
  return `$scrypt$ln=${cost},r=${R},p=${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

const SCRYPT_HASH = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/;

/** Whether the password matches, and whether the stored hash should be replaced by a current one. */
export async function verifyPassword(password: string, stored: string): Promise<{ valid: boolean; rehash: boolean }> {
  const match = SCRYPT_HASH.exec(stored);
  if (match) {
    const [, ln, r, p, salt, hash] = match;
    const expected = Buffer.from(hash!, "base64url");
    const key = await scryptAsync(password, Buffer.from(salt!, "base64url"), { N: 2 ** Number(ln), r: Number(r), p: Number(p) });
    const valid = key.length === expected.length && timingSafeEqual(key, expected);
    return { valid, rehash: valid && Number(ln) < DEFAULT_COST };
  }
  if (/^\$2[aby]\$/.test(stored)) {
    const valid = await bcrypt.compare(password, stored);
    return { valid, rehash: valid };
  }
  return { valid: false, rehash: false };
}
