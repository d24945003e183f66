import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../server/contracts/directory.ts';

describe('isValidGtin', () => {
  it.each(['8934567890120', '8936036020014', '96385074', '036000291452', '10614141000415'])('accepts %s', (code) => {
    expect(isValidGtin(code)).toBe(true);
  });
  it.each(['8934567890121', '893456789012', '89345678901200', 'abcdefghijklm', '', '8934567 890120'])('refuses %s', (code) => {
    expect(isValidGtin(code)).toBe(false);
  });
});
