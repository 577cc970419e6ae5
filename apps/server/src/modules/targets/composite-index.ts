/**
 * The composite innovation index per town, after the European Innovation Scoreboard (EIS)
 * methodology, in its order of steps:
 *
 * 1. Outliers: for each indicator, over all towns and years, values beyond mean ± 3 standard
 *    deviations (population SD of the raw values) are outliers. They stay in the data but are left out
 *    when the minimum and maximum are determined, so they score 0 or 1 instead of squeezing everyone else.
 * 2. Skew: an indicator whose (non-negative) values have a skewness above 1 is square-root transformed
 *    (`transform: 'auto'`; per-capita counts such as patents per 10,000 people usually are). An indicator
 *    may force 'sqrt' or 'none'.
 * 3. Min–max over all towns and years (non-outliers, after the transform): score = (x − min) / (max − min),
 *    clamped to [0, 1]. An indicator without spread (max = min) carries no information and is left out.
 * 4. The index of a town and year is the unweighted mean of its available scores (missing values are
 *    left out, not counted as 0); null when it has none. Reported on 0–100.
 *
 * Lower-is-better indicators are flipped (1 − score) after step 3.
 */

export type IndexIndicator = {
  code: string;
  direction: 'higher' | 'lower';
  transform?: 'auto' | 'sqrt' | 'none';
};

/** One observation: a town in a year, with its indicator values (missing = absent or null). */
export type IndexObservation = { townId: string; year: number; values: Record<string, number | null | undefined> };

export type IndexResult = {
  townId: string;
  year: number;
  /** 0–100, or null without any usable indicator. */
  index: number | null;
  /** Per indicator: the 0–1 score used, for the methodology page's drill-down. */
  scores: Record<string, number>;
};

export type IndicatorTreatment = {
  code: string;
  transformed: boolean;
  skewness: number | null;
  outliers: number;
  min: number | null;
  max: number | null;
  used: boolean;
};

export const OUTLIER_SD = 3;
export const SKEW_THRESHOLD = 1;

function meanSd(xs: number[]) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, sd: Math.sqrt(variance) };
}

/** Population skewness (third standardised moment); null when undefined (fewer than 3 values or no spread). */
export function skewness(xs: number[]): number | null {
  if (xs.length < 3) return null;
  const { mean, sd } = meanSd(xs);
  if (sd === 0) return null;
  return xs.reduce((a, b) => a + ((b - mean) / sd) ** 3, 0) / xs.length;
}

export function compositeIndex(
  indicators: IndexIndicator[],
  observations: IndexObservation[],
): { results: IndexResult[]; treatments: IndicatorTreatment[] } {
  const scores = observations.map(() => ({}) as Record<string, number>);
  const treatments: IndicatorTreatment[] = [];

  for (const ind of indicators) {
    const present = observations
      .map((o, i) => ({ i, v: o.values[ind.code] }))
      .filter((x): x is { i: number; v: number } => typeof x.v === 'number' && Number.isFinite(x.v));
    const raw = present.map((x) => x.v);
    const treatment: IndicatorTreatment = {
      code: ind.code,
      transformed: false,
      skewness: null,
      outliers: 0,
      min: null,
      max: null,
      used: false,
    };
    treatments.push(treatment);
    if (raw.length === 0) continue;

    // 1. outliers on the raw values
    const { mean, sd } = meanSd(raw);
    const isOutlier = raw.map((v) => sd > 0 && Math.abs(v - mean) > OUTLIER_SD * sd);
    treatment.outliers = isOutlier.filter(Boolean).length;

    // 2. square root for skewed, non-negative indicators
    treatment.skewness = skewness(raw);
    const mode = ind.transform ?? 'auto';
    const canRoot = raw.every((v) => v >= 0);
    treatment.transformed = canRoot && (mode === 'sqrt' || (mode === 'auto' && (treatment.skewness ?? 0) > SKEW_THRESHOLD));
    const values = treatment.transformed ? raw.map(Math.sqrt) : raw;

    // 3. min–max over the non-outliers
    const inliers = values.filter((_, k) => !isOutlier[k]);
    if (inliers.length === 0) continue;
    const min = Math.min(...inliers);
    const max = Math.max(...inliers);
    treatment.min = min;
    treatment.max = max;
    if (max === min) continue;
    treatment.used = true;
    present.forEach(({ i }, k) => {
      const s = Math.min(1, Math.max(0, ((values[k] as number) - min) / (max - min)));
      (scores[i] as Record<string, number>)[ind.code] = ind.direction === 'lower' ? 1 - s : s;
    });
  }

  // 4. unweighted mean of the available scores
  const results = observations.map((o, i) => {
    const s = scores[i] as Record<string, number>;
    const vals = Object.values(s);
    return {
      townId: o.townId,
      year: o.year,
      index: vals.length ? (vals.reduce((a, b) => a + b, 0) / vals.length) * 100 : null,
      scores: s,
    };
  });
  return { results, treatments };
}
