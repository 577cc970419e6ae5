import { describe, expect, it } from 'vitest';
import { filtersFor } from './search-filters.ts';

describe('search filters per kind', () => {
  it('offers every filter when no kind is chosen', () => {
    expect(filtersFor(undefined)).toEqual(['kind', 'town', 'industry', 'accreditation', 'fee', 'available']);
  });

  it('hides accreditation and fee for experts and results, fee for labs', () => {
    expect(filtersFor('expert')).not.toContain('accreditation');
    expect(filtersFor('expert')).not.toContain('fee');
    expect(filtersFor('result')).toEqual(['kind', 'town', 'industry']);
    expect(filtersFor('lab')).toContain('accreditation');
    expect(filtersFor('lab')).not.toContain('fee');
    expect(filtersFor('instrument')).toContain('fee');
  });

  it('treats an unknown kind like none', () => {
    expect(filtersFor('spaceship')).toHaveLength(6);
  });
});
