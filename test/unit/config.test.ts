import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('config', () => {
  it('keeps each allowed origin in the form a browser sends it', () => {
    const config = loadConfig({ ALLOWED_ORIGINS: ' HTTP://Dashboard.Venue.vn:8080/ ,https://tv.venue.vn/path' });
    expect(config.allowedOrigins).toEqual(['http://dashboard.venue.vn:8080', 'https://tv.venue.vn']);
  });

  it('refuses to start on an allowed origin that is not one, naming it', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'dashboard.venue.vn' })).toThrow(/ALLOWED_ORIGINS.*dashboard\.venue\.vn/);
  });
});
