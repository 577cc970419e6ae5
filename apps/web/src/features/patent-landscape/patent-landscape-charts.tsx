import type { PatentLandscape } from '@innotown/contracts/patent-landscape';
import { Empty } from 'antd';
import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';

echarts.use([BarChart, LineChart, PieChart, TreemapChart]);

const KINDS = ['invention', 'utility_model', 'design'] as const;
const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: digits });

/** Filings per year stacked by kind (bars), grants per year (line), filings growth (dashed line, right axis). */
export function TrendChart({ l }: { l: PatentLandscape }) {
  const { t } = useTranslation();
  const years = l.years.map((y) => String(y.year));
  return (
    <div data-testid="landscape-chart-trend">
      <Chart
        height={320}
        option={{
          color: CHART_COLORS,
          tooltip: { trigger: 'axis' },
          legend: { bottom: 0, itemGap: 18 },
          grid: { left: 48, right: 56, top: 32, bottom: 56 },
          xAxis: { type: 'category', data: years },
          yAxis: [
            { type: 'value', name: t('patentLandscape.count') },
            { type: 'value', name: '%', splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${v}` } },
          ],
          series: [
            ...KINDS.map((k) => ({
              name: `${t('patentLandscape.filed')}·${t(`patentLandscape.kind_${k}`)}`,
              type: 'bar',
              stack: 'filed',
              data: l.years.map((y) => y.filed[k]),
            })),
            { name: t('patentLandscape.grantTotal'), type: 'line', data: l.years.map((y) => y.granted.total), symbolSize: 6 },
            {
              name: t('patentLandscape.growth'),
              type: 'line',
              yAxisIndex: 1,
              data: l.years.map((y) => (y.filedGrowth === null ? null : Math.round(y.filedGrowth * 1000) / 10)),
              lineStyle: { type: 'dashed' },
              symbolSize: 4,
            },
          ],
        }}
      />
    </div>
  );
}

export function RankedChart({ items, testId }: { items: { name: string; count: number }[]; testId: string }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const top = [...items].slice(0, 12).reverse();
  return (
    <div data-testid={testId}>
      <Chart
        height={Math.max(200, top.length * 26 + 40)}
        option={{
          color: CHART_COLORS,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: {
            type: 'category',
            data: top.map((i) => i.name),
            axisLabel: { width: 180, overflow: 'truncate' },
          },
          series: [{ type: 'bar', data: top.map((i) => i.count), label: { show: true, position: 'right' }, barMaxWidth: 18 }],
        }}
      />
    </div>
  );
}

/** Subclasses (first level) with their main groups (drill-down on click). */
export function IpcTreemap({ l, onPick }: { l: PatentLandscape; onPick?: (code: string) => void }) {
  const { t } = useTranslation();
  if (l.ipc.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="landscape-chart-ipc">
      <Chart
        height={360}
        onEvents={
          onPick ? { dblclick: (p: { data?: { code?: string } }) => p.data?.code && onPick(p.data.code.replace(/00$/, '')) } : undefined
        }
        option={{
          color: CHART_COLORS,
          tooltip: {
            formatter: (p: { data: { code: string; title: string | null; value: number } }) =>
              `${p.data.code} ${p.data.title ?? ''}<br/>${t('patentLandscape.patents', { count: p.data.value })}`,
          },
          series: [
            {
              type: 'treemap',
              name: t('patentLandscape.ipcTreemap'),
              roam: false,
              nodeClick: false,
              width: '100%',
              height: '100%',
              top: 0,
              left: 0,
              breadcrumb: { show: false },
              label: {
                formatter: (p: { data: { code: string; title: string | null } }) => `${p.data.code}\n${p.data.title ?? ''}`,
                fontSize: 11,
              },
              upperLabel: {
                show: true,
                height: 20,
                color: '#fff',
                formatter: (p: { data: { code: string; title: string | null } }) => `${p.data.code} ${p.data.title ?? ''}`,
              },
              levels: [
                { itemStyle: { borderColor: '#fff', borderWidth: 0, gapWidth: 2 }, upperLabel: { show: false } },
                { itemStyle: { borderWidth: 3, gapWidth: 1 }, colorSaturation: [0.35, 0.6] },
                { colorSaturation: [0.35, 0.6], itemStyle: { borderWidth: 1, gapWidth: 1, borderColorSaturation: 0.6 } },
              ],
              data: l.ipc.map((s) => ({
                name: s.code,
                code: s.code,
                title: s.titleZh,
                value: s.count,
                children: s.groups.map((g) => ({ name: `${g.code}00`, code: `${g.code}00`, title: g.titleZh, value: g.count })),
              })),
            },
          ],
        }}
      />
    </div>
  );
}

export function IndustryChart({ l }: { l: PatentLandscape }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const items = [
    ...l.industries.map((i) => ({ name: `${i.code} ${en ? i.nameEn : i.nameZh}`, count: i.count })),
    ...(l.unmapped ? [{ name: t('patentLandscape.unmapped'), count: l.unmapped }] : []),
  ];
  return <RankedChart items={items} testId="landscape-chart-industries" />;
}

export function PieChartOf({ items, testId }: { items: { name: string; value: number }[]; testId: string }) {
  if (items.every((i) => i.value === 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid={testId}>
      <Chart
        height={260}
        option={{
          color: CHART_COLORS,
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0 },
          series: [{ type: 'pie', radius: ['38%', '68%'], center: ['50%', '44%'], label: { formatter: '{b}\n{d}%' }, data: items }],
        }}
      />
    </div>
  );
}

export function IndicatorChart({ l }: { l: PatentLandscape }) {
  const { t } = useTranslation();
  const rows = l.indicators.filter((r) => r.townId === (l.filter.town?.id ?? null));
  if (rows.every((r) => r.applicationsPerMillion === null && r.validPer10k === null)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="landscape-chart-indicators">
      <Chart
        height={280}
        option={{
          color: CHART_COLORS,
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => fmt(v) },
          legend: { bottom: 0 },
          grid: { left: 56, right: 56, top: 32, bottom: 56 },
          xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
          yAxis: [
            { type: 'value', name: t('patentLandscape.perMillion'), nameTextStyle: { align: 'left' } },
            { type: 'value', name: t('patentLandscape.per10k'), nameTextStyle: { align: 'right' }, splitLine: { show: false } },
          ],
          series: [
            { name: t('patentLandscape.perMillion'), type: 'bar', data: rows.map((r) => r.applicationsPerMillion), barMaxWidth: 22 },
            { name: t('patentLandscape.per10k'), type: 'line', yAxisIndex: 1, data: rows.map((r) => r.validPer10k), symbolSize: 6 },
          ],
        }}
      />
    </div>
  );
}

export { fmt };
