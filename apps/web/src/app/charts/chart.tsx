import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

// Only the pieces our charts draw; each chart module registers its own series type.
echarts.use([GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

export const CHART_COLORS = ['#0b4aa2', '#36a3f7', '#13a8a8', '#f5a623', '#7b61ff', '#e8684a', '#52c41a', '#9aa7b8', '#d4380d', '#722ed1'];

export function Chart({
  option,
  height = 320,
  style,
  onEvents,
}: {
  option: object;
  height?: number;
  style?: CSSProperties;
  /** ECharts events by name (click on a point, …). */
  // biome-ignore lint/suspicious/noExplicitAny: echarts-for-react types its handlers loosely
  onEvents?: Record<string, (params: any) => void> | undefined;
}) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      lazyUpdate
      style={{ height, width: '100%', ...style }}
      {...(onEvents ? { onEvents } : {})}
    />
  );
}
