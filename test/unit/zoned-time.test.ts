import { describe, expect, it } from 'vitest';
import { localInput, offsetAt, zonedIso } from '../../client/src/components/events/zonedTime.ts';

describe('an event time typed in its own zone', () => {
  it('is sent with the offset of that zone', () => {
    expect(zonedIso('2027-03-10T08:00', 'Asia/Ho_Chi_Minh')).toBe('2027-03-10T08:00:00+07:00');
    expect(zonedIso('2027-03-10T08:00', 'Asia/Tokyo')).toBe('2027-03-10T08:00:00+09:00');
    expect(zonedIso('2027-03-10T08:00', 'UTC')).toBe('2027-03-10T08:00:00+00:00');
  });

  it('takes the offset of the day in a zone with summer time, on both sides of the change', () => {
    expect(zonedIso('2027-01-15T10:00', 'Europe/Paris')).toBe('2027-01-15T10:00:00+01:00');
    expect(zonedIso('2027-07-15T10:00', 'Europe/Paris')).toBe('2027-07-15T10:00:00+02:00');
    // Paris moves to summer time at 02:00 on 28 March 2027: 03:30 that day is already +02:00.
    expect(zonedIso('2027-03-28T03:30', 'Europe/Paris')).toBe('2027-03-28T03:30:00+02:00');
    expect(offsetAt(new Date('2027-03-28T00:30:00Z'), 'Europe/Paris')).toBe('+01:00');
  });

  it('is null for what is not a time, and reads back as the input shows it', () => {
    expect(zonedIso('', 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(zonedIso('10/03/2027 08:00', 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(localInput('2027-03-10T08:00:00+07:00')).toBe('2027-03-10T08:00');
  });
});
