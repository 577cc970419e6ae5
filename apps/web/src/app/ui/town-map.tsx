import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  GeoComponent,
  type GeoComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
  VisualMapContinuousComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useMemo } from 'react';
import { CHART_COLORS, Chart, echarts } from '../charts/chart.tsx';
import outline from '../charts/geo/zhongshan-outline.json';

echarts.use([AriaComponent, GeoComponent, ScatterChart, VisualMapContinuousComponent]);

/** The city outline (GCJ-02, see charts/geo/README.md), registered once under this name. */
export const ZHONGSHAN_MAP = 'zhongshan';
let registered = false;
function ensureMap() {
  if (registered) return;
  echarts.registerMap(ZHONGSHAN_MAP, outline as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered = true;
}

type Option = ComposeOption<
  AriaComponentOption | ScatterSeriesOption | GeoComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

/** One town on the map: its approximate centre [lng, lat] (GCJ-02) and the value that sizes and colours it. */
export type TownPoint = {
  id: string;
  name: string;
  centre: readonly [number, number];
  value: number;
  tooltip?: string;
  /** The value as the page shows it ("2.35%"), for the map's text description (screen readers, tests). */
  label?: string;
};

/**
 * Zhongshan's outline with the towns as points, sized and coloured by a value (0 = a small grey dot).
 * Public data has no town boundaries, so towns are points at their approximate centres. Reused by the
 * innovation map and (issue 6) the target map.
 */
export function TownMap({
  points,
  valueName,
  selectedId,
  onSelect,
  height = 520,
  min = 0,
}: {
  points: readonly TownPoint[];
  /** What the value counts, for the legend and tooltip ("服务机构 + 开放仪器"). */
  valueName: string;
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  height?: number;
  /** The value drawn smallest and palest (default 0); a ratio's spread shows better from its lowest town. */
  min?: number;
}) {
  ensureMap();
  const max = Math.max(min + 1e-9, min === 0 ? 1 : min, ...points.map((p) => p.value));
  const option = useMemo<Option>(
    () => ({
      // The canvas says nothing to a screen reader: the container's aria-label lists every town's value.
      aria: {
        enabled: true,
        label: { description: `${valueName}：${points.map((p) => `${p.name} ${p.label ?? p.value}`).join('；')}` },
      },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (p as { data?: { tooltip?: string; name: string; value: number[] } }).data;
          return d?.tooltip ?? `${d?.name ?? ''}<br/>${valueName}: ${d?.value?.[2] ?? 0}`;
        },
      },
      geo: {
        map: ZHONGSHAN_MAP,
        roam: true,
        // Fill the chart's height (the outline keeps its aspect ratio).
        top: 12,
        bottom: 12,
        scaleLimit: { min: 1, max: 6 },
        itemStyle: { areaColor: '#eef4fb', borderColor: '#7a9cc6', borderWidth: 1.2 },
        emphasis: { disabled: true },
        select: { disabled: true },
        label: { show: false },
      },
      visualMap: {
        type: 'continuous',
        min,
        max,
        dimension: 2,
        calculable: false,
        left: 8,
        bottom: 8,
        text: [String(max), String(min)],
        inRange: { color: ['#cfd8e3', CHART_COLORS[1] as string, CHART_COLORS[0] as string] },
        textStyle: { fontSize: 11 },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data: points.map((p) => ({
            id: p.id,
            name: p.name,
            value: [p.centre[0], p.centre[1], p.value],
            tooltip: p.tooltip,
            itemStyle:
              p.id === selectedId ? { borderColor: CHART_COLORS[8] as string, borderWidth: 3, shadowBlur: 8, shadowColor: '#0003' } : {},
          })),
          symbolSize: (v: number[]) => 10 + Math.sqrt(Math.max(0, (v[2] ?? min) - min) / (max - min)) * 26,
          label: { show: true, formatter: '{b}', position: 'right', fontSize: 11, color: '#334' },
          labelLayout: { hideOverlap: true },
          emphasis: { scale: 1.2, label: { fontWeight: 'bold' } },
          cursor: onSelect ? 'pointer' : 'default',
        },
      ],
    }),
    [points, valueName, selectedId, min, max, onSelect],
  );
  const onEvents = useMemo(
    () => (onSelect ? { click: (e: { data?: { id?: string } }) => e.data?.id && onSelect(e.data.id) } : undefined),
    [onSelect],
  );
  return <Chart option={option} height={height} onEvents={onEvents} />;
}
