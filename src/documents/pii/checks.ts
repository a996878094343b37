import { stdnum } from 'stdnum';

// NHI letters skip I and O (so they are not read as 1 and 0): A=1 … H=8, J=9 … N=13, P=14 … Z=24.
const NHI_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const NHI_WEIGHTS = [7, 6, 5, 4, 3, 2] as const;

function nhiValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return NHI_LETTERS.indexOf(ch) + 1;
}

/**
 * Whether a string is a valid National Health Index number (HISO 10046:2023): old format `AAANNNC`
 * (mod 11 check digit) or new format `AAANNAX` (mod 24 check letter).
 *
 * @example isValidNhi('ZZZ0016') // true
 * @example isValidNhi('ZVU27KZ') // true
 * @example isValidNhi('ZZZ0017') // false
 */
export function isValidNhi(value: string): boolean {
  const v = value.toUpperCase();
  const old = /^[A-HJ-NP-Z]{3}\d{4}$/.test(v);
  const current = /^[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}$/.test(v);
  if (!old && !current) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += nhiValue(v.charAt(i)) * (NHI_WEIGHTS[i] ?? 0);
  const last = v.charAt(6);
  if (old) {
    const r = sum % 11;
    if (r === 0) return false;
    return (11 - r) % 10 === Number(last);
  }
  // The published scheme is mod 24 (an earlier draft said 23; valid numbers fail that).
  return NHI_LETTERS.charAt(24 - (sum % 24) - 1) === last;
}

const IRD_PRIMARY = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const IRD_SECONDARY = [7, 4, 3, 2, 5, 2, 7, 6] as const;

function irdCheck(base: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(base.charAt(i)) * (weights[i] ?? 0);
  const r = sum % 11;
  return r === 0 ? 0 : 11 - r;
}

/**
 * Whether a string is a valid IRD number (Inland Revenue RWT/NRWT specification): 8 or 9 digits,
 * separators allowed, in the range 10,000,000–150,000,000, with a mod 11 check digit (second weight
 * set when the first gives 10).
 *
 * @example isValidIrd('49-091-850') // true
 * @example isValidIrd('136410133') // false
 */
export function isValidIrd(value: string): boolean {
  if (!/^\d{2,3}[- ]?\d{3}[- ]?\d{3}$/.test(value.trim())) return false;
  const digits = value.replace(/\D/g, '');
  const n = Number(digits);
  if (n < 10_000_000 || n > 150_000_000) return false;
  const base = digits.slice(0, -1).padStart(8, '0');
  const given = Number(digits.slice(-1));
  let check = irdCheck(base, IRD_PRIMARY);
  if (check === 10) check = irdCheck(base, IRD_SECONDARY);
  return check !== 10 && check === given;
}

/**
 * Whether a string is a valid NZ bank account number `BB-bbbb-AAAAAAA-SS(S)`: our own shape check
 * (hyphens, spaces or none; 2-digit bank, 4-digit branch, 7-digit account, 2–3-digit suffix) and then
 * the bank/branch table and weighted algorithms A–G, X as `stdnum` implements them.
 *
 * @example isValidNzBankAccount('01-0902-0068389-00') // true
 * @example isValidNzBankAccount('01-0902-0068390-00') // false
 */
export function isValidNzBankAccount(value: string): boolean {
  const v = value.trim();
  const shaped = /^\d{2}([- ])\d{4}\1\d{7}\1\d{2,3}$/.test(v) || /^\d{15,16}$/.test(v);
  if (!shaped) return false;
  const bank = stdnum.NZ?.bank;
  if (!bank) return false;
  return bank.validate(v.replace(/ /g, '-')).isValid;
}
