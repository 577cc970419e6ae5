/**
 * Approximate centres of Zhongshan's 23 towns and subdistricts, [longitude, latitude] in GCJ-02 (the datum
 * of the city outline we draw them on), keyed by the official division code (../data/towns/zhongshan-towns-2023.csv).
 *
 * Provenance: compiled by the InnoTown team from public map data (the position of each town's centre /
 * government seat as shown on public web maps), rounded to 0.001°; approximate — good to about 1–2 km,
 * enough to place a town's marker on the city map, not for routing or distances. No public file of
 * Zhongshan's town boundaries exists that we could use, so the map shows towns as points
 * (town-centres.test.ts checks that every point lies inside the real city outline).
 */
export const TOWN_CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  '442000001': [113.383, 22.522], // 石岐街道
  '442000002': [113.405, 22.517], // 东区街道
  '442000003': [113.485, 22.547], // 中山港街道 (火炬开发区)
  '442000004': [113.35, 22.528], // 西区街道
  '442000005': [113.37, 22.48], // 南区街道
  '442000006': [113.445, 22.435], // 五桂山街道
  '442000007': [113.49, 22.625], // 民众街道
  '442000008': [113.535, 22.497], // 南朗街道
  '442000101': [113.345, 22.712], // 黄圃镇
  '442000103': [113.265, 22.683], // 东凤镇
  '442000105': [113.19, 22.613], // 古镇镇
  '442000106': [113.33, 22.527], // 沙溪镇
  '442000107': [113.465, 22.262], // 坦洲镇
  '442000108': [113.395, 22.59], // 港口镇
  '442000109': [113.423, 22.68], // 三角镇
  '442000110': [113.258, 22.522], // 横栏镇
  '442000111': [113.297, 22.717], // 南头镇
  '442000112': [113.355, 22.665], // 阜沙镇
  '442000114': [113.437, 22.355], // 三乡镇
  '442000115': [113.325, 22.413], // 板芙镇
  '442000116': [113.29, 22.468], // 大涌镇
  '442000117': [113.365, 22.308], // 神湾镇
  '442000118': [113.25, 22.665], // 小榄镇
};
