import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { lineColumn, splitAt } from './formula-marks.ts';
import { type FormulaCheck, useFormulaCheck } from './indicators-api.ts';
import './indicators-i18n.ts';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** Codes whose server message names the culprit (the statistic, the function, the units): worth showing beside ours. */
const DETAILED = new Set([
  'unknown_statistic',
  'unknown_function',
  'wrong_argument_count',
  'unit_mismatch',
  'unexpected_token',
  'unexpected_character',
  'unknown_unit',
]);
/** The server appends "(at n)"; the page says where already. */
const plain = (message: string) => message.replace(/\s*\(at \d+\)$/, '');

/** The formula with the problem's position underlined and a caret under it. */
function Marked({ formula, pos }: { formula: string; pos: number }) {
  const { before, at, after } = splitAt(formula, pos);
  return (
    <pre
      style={{ ...MONO, margin: '6px 0 0', padding: '6px 8px', background: '#fff1f0', borderRadius: 4, whiteSpace: 'pre-wrap' }}
      data-testid="formula-marked"
    >
      {before}
      <mark style={{ background: '#ff4d4f', color: '#fff', padding: 0 }}>{at}</mark>
      {after}
      {'\n'}
      {' '.repeat(before.length - before.lastIndexOf('\n') - 1)}^
    </pre>
  );
}

function Feedback({ check }: { check: FormulaCheck | undefined }) {
  const { t, i18n } = useTranslation();
  if (!check) return null;
  const formula = check.formula;
  if (check.ok)
    return (
      <Typography.Text type="success" data-testid="formula-ok">
        {t('indicators.formulaOk', { statistics: check.statistics.join(', ') })}
      </Typography.Text>
    );
  const first = check.errors[0];
  return (
    <div data-testid="formula-errors">
      {check.errors.map((e) => {
        const known = i18n.exists(`indicators.errors.${e.code}`);
        const label = known ? t(`indicators.errors.${e.code}` as 'indicators.errors.unknown_statistic') : e.code;
        return (
          <div key={`${e.code}:${e.pos}`}>
            <Typography.Text type="danger">
              {t('indicators.errorAt', { column: lineColumn(formula, e.pos).column })}：{label}
              {known && !DETAILED.has(e.code) ? null : currentLocale() === 'zh-CN' ? `（${plain(e.message)}）` : ` — ${plain(e.message)}`}
            </Typography.Text>
          </div>
        );
      })}
      {first && first.code !== 'unknown_unit' ? <Marked formula={formula} pos={first.pos} /> : null}
    </div>
  );
}

/** The formula input, checked live against the statistics and the unit (POST /api/v1/formulas/check). */
export function FormulaField({ value, onChange, unit }: { value?: string; onChange?: (v: string) => void; unit: string }) {
  const { t } = useTranslation();
  const formula = value ?? '';
  const check = useFormulaCheck(formula, unit);
  return (
    <>
      <Input.TextArea
        value={formula}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={500}
        style={MONO}
        status={check.data && !check.data.ok ? 'error' : undefined}
        data-testid="formula-input"
        spellCheck={false}
      />
      <div style={{ marginTop: 4, minHeight: 22 }}>
        {check.isFetching && !check.data ? <Typography.Text type="secondary">{t('indicators.checking')}</Typography.Text> : null}
        <Feedback check={formula.trim() ? check.data : undefined} />
      </div>
    </>
  );
}
