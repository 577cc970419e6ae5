import { describe, expect, it } from 'vitest';
import { actionsFor } from './application-actions.tsx';
import { defaultStatusFor } from './applications-page.tsx';

describe('review steps', () => {
  it('offers each reviewer only the steps the server allows from the current status', () => {
    expect(actionsFor('town_admin', 'submitted')).toEqual(['forward', 'return']);
    expect(actionsFor('town_admin', 'forwarded')).toEqual([]);
    expect(actionsFor('city_admin', 'forwarded')).toEqual(['approve', 'return', 'decline']);
    expect(actionsFor('city_admin', 'submitted')).toEqual([]);
    expect(actionsFor('enterprise', 'submitted')).toEqual([]);
    expect(actionsFor('city_admin', 'approved')).toEqual([]);
  });

  it('opens each queue on what waits for its reader', () => {
    expect(defaultStatusFor('town_admin')).toBe('submitted');
    expect(defaultStatusFor('city_admin')).toBe('forwarded');
    expect(defaultStatusFor('enterprise')).toBe('all');
  });
});
