import { commonLongPasswords } from './common-passwords.ts';

/** NZISM: passphrases of at least 16 characters. */
export const MIN_PASSWORD_LENGTH = 16;

/**
 * Why a password is unacceptable, in words, or null when it is fine.
 * @example passwordProblem('short') // 'must be at least 16 characters'
 */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'must be at most 1024 characters';
  const folded = password.toLowerCase();
  if (commonLongPasswords.has(folded)) return 'is a commonly used password; choose another';
  if (isRepetition(folded)) return 'is a short pattern repeated; choose a longer passphrase';
  if (isRun(folded)) return 'is a run of consecutive characters; choose a passphrase';
  return null;
}

function isRepetition(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}

function isRun(text: string): boolean {
  let step = 0;
  for (let i = 1; i < text.length; i++) {
    const delta = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (Math.abs(delta) !== 1 || (step !== 0 && delta !== step)) return false;
    step = delta;
  }
  return true;
}
