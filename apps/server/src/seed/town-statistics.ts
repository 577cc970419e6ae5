import { Random } from './random.ts';
import { TOWN_ROWS, type TownRow } from './towns-data.ts';

/**
 * Demo statistics for target monitoring: every town's base statistics for 2014–2024 (approved) and
 * for part of the towns 2025 (the open period). Invented but shaped like Zhongshan: a city GDP near
 * 3,000 亿元 around 2020, industrial towns with high industrial output, R&D intensity rising from about
 * 1.6 % to 2.5 %, invention patents per 10,000 people from about 3 to 10 — so the dashboards show
 * towns ahead of and behind the plan's targets. Deterministic (seeded PRNG).
 */

export const FIRST_STATISTICS_YEAR = 2014;
export const LAST_APPROVED_YEAR = 2024;
export const OPEN_YEAR = 2025;

export type TownYearFigures = { townCode: string; year: number; values: Record<string, number> };

const round = (v: number, step = 1) => Math.round(v / step) * step;

function townProfile(town: TownRow, rnd: Random) {
  const industrial = town.kind === 'town' ? 1 : 0.45;
  return {
    // 万元 per resident in 2020
    gdpPerCapita: rnd.between(5.5, 9.5) * (town.kind === 'town' ? 1 : 1.15),
    growth: rnd.between(0.035, 0.085),
    industrialRatio: industrial * rnd.between(1.3, 2.3),
    hitechShare2014: rnd.between(0.22, 0.38),
    hitechGain: rnd.between(0.008, 0.022),
    rd2014: rnd.between(0.011, 0.021),
    rdGain: rnd.between(0.0005, 0.0016),
    applicationsPerMillion2014: rnd.between(250, 700),
    applicationsGrowth: rnd.between(0.04, 0.12),
    patentsPer10k2014: rnd.between(1.2, 4.5),
    platforms: rnd.int(0, 1),
    parks: rnd.int(0, 1),
  };
}

export function generateTownStatistics(seed = 20_141): TownYearFigures[] {
  const rnd = new Random(seed);
  const out: TownYearFigures[] = [];
  for (const town of TOWN_ROWS) {
    const p = townProfile(town, rnd);
    let patents = (p.patentsPer10k2014 * town.population) / 10_000;
    let platforms = p.platforms;
    let parks = p.parks;
    for (let year = FIRST_STATISTICS_YEAR; year <= OPEN_YEAR; year++) {
      const k = year - FIRST_STATISTICS_YEAR;
      const population = round(town.population * 1.01 ** (year - 2020), 100);
      const gdp = round(population * p.gdpPerCapita * (1 + p.growth) ** (year - 2020) * rnd.between(0.98, 1.02), 10);
      const industrial = round(gdp * p.industrialRatio * rnd.between(0.97, 1.03), 10);
      const hitech = round(industrial * Math.min(0.7, p.hitechShare2014 + p.hitechGain * k), 10);
      const rd = round(gdp * (p.rd2014 + p.rdGain * k) * rnd.between(0.95, 1.05), 10);
      const aboveScale = Math.max(5, round(industrial / rnd.between(35_000, 55_000)));
      const highTech = Math.max(1, round(aboveScale * Math.min(0.75, 0.18 + 0.03 * k)));
      const applications = round((p.applicationsPerMillion2014 * (1 + p.applicationsGrowth) ** k * population) / 1_000_000);
      patents = patents * 1.08 + applications * 0.35 * rnd.between(0.8, 1.2);
      if (rnd.chance(0.12)) platforms += 1;
      if (rnd.chance(0.1)) parks += 1;
      out.push({
        townCode: town.code,
        year,
        values: {
          gdp,
          industrial_output: industrial,
          hitech_output: hitech,
          rd_expenditure: rd,
          population,
          enterprises_above_scale: aboveScale,
          high_tech_enterprises: highTech,
          tech_smes: round(highTech * rnd.between(1.2, 2.0)),
          invention_applications: applications,
          invention_patents_valid: round(patents),
          service_platforms: platforms,
          parks_incubators: parks,
          key_problems_solved: rnd.int(0, 2),
        },
      });
    }
  }
  return out;
}

/** In the open year some towns are approved, some under review and some (古镇 among them) have not started. */
export function openYearStatus(townCode: string): 'approved' | 'submitted' | null {
  const i = TOWN_ROWS.findIndex((t) => t.code === townCode);
  const guzhen = TOWN_ROWS.find((t) => t.name === '古镇镇')?.code;
  if (townCode === guzhen) return null;
  if (i % 4 === 3) return null;
  return i % 4 === 2 ? 'submitted' : 'approved';
}
