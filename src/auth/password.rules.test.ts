import { describe, expect, it } from 'vitest';
import { commonLongPasswords } from './common-passwords.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password.rules.ts';

describe('passwordProblem (NZISM passphrases)', () => {
  it('accepts a passphrase of 16 characters or more', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(16);
    expect(passwordProblem('kererū on a totara')).toBeNull();
    expect(passwordProblem('sixteen chars ok')).toBeNull();
    expect(passwordProblem('p'.repeat(15) + 'q')).toBeNull();
  });

  it('refuses fewer than 16 characters, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('')).toBe('must be at least 16 characters');
    expect(passwordProblem('fifteen chars!!')).toBe('must be at least 16 characters');
    // Eight emoji are 16 UTF-16 code units but only eight characters.
    expect(passwordProblem('🔑'.repeat(8))).toBe('must be at least 16 characters');
  });

  it('refuses more than 1024 characters', () => {
    expect(passwordProblem('a long passphrase '.repeat(60))).toBe('must be at most 1024 characters');
  });

  it('refuses a common passphrase in any letter case', () => {
    expect(passwordProblem('correct horse battery staple')).toMatch(/commonly used/);
    expect(passwordProblem('Correct Horse Battery Staple')).toMatch(/commonly used/);
    for (const common of commonLongPasswords) {
      expect(passwordProblem(common), common).not.toBeNull();
    }
  });

  it('refuses a short pattern repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('abcabcabcabcabcabc')).toMatch(/repeated/);
    expect(passwordProblem('Password1Password1')).toMatch(/repeated/);
    // A repetition that does not fill the whole phrase is not a pattern.
    expect(passwordProblem('abcabcabcabcabcabcd')).toBeNull();
  });

  it('refuses a run of consecutive characters, up or down', () => {
    expect(passwordProblem('abcdefghijklmnopq')).toMatch(/run/);
    expect(passwordProblem('zyxwvutsrqponmlkj')).toMatch(/run/);
    expect(passwordProblem('0123456789:;<=>?@')).toMatch(/run/);
  });
});
