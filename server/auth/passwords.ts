// Password hashing with bcrypt (bcryptjs: pure JavaScript, no native build).
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check when the email is unknown, so timing does not tell which emails exist. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash("switchboard-no-such-user", COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
