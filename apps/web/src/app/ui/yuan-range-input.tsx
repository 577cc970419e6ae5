import { Button, Flex, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type YuanRangeInputProps = {
  /** The applied bounds as they stand in the URL: fen, as strings. */
  min?: string | undefined;
  max?: string | undefined;
  /** Called with fen (the API's unit), or null for an open bound. */
  onApply: (minFen: number | null, maxFen: number | null) => void;
  width?: number;
};

/** A price range typed in whole yuan and applied as fen; a reversed range cannot be applied. */
export function YuanRangeInput({ min, max, onApply, width = 78 }: YuanRangeInputProps) {
  const { t } = useTranslation();
  const [low, setLow] = useState<number | null>(min ? Number(min) / 100 : null);
  const [high, setHigh] = useState<number | null>(max ? Number(max) / 100 : null);
  useEffect(() => setLow(min ? Number(min) / 100 : null), [min]);
  useEffect(() => setHigh(max ? Number(max) / 100 : null), [max]);
  const invalid = low !== null && high !== null && low > high;
  const bound = (placeholder: string, value: number | null, onChange: (value: number | null) => void) => (
    <InputNumber size="small" min={0} precision={0} value={value} onChange={onChange} placeholder={placeholder} style={{ width }} />
  );
  return (
    <>
      <Flex gap={4} align="center">
        {bound(t('common.rangeMin'), low, setLow)}–{bound(t('common.rangeMax'), high, setHigh)}
        <Button size="small" disabled={invalid} onClick={() => onApply(low === null ? null : low * 100, high === null ? null : high * 100)}>
          {t('common.rangeApply')}
        </Button>
      </Flex>
      {invalid ? <Typography.Text type="danger">{t('common.rangeInvalid')}</Typography.Text> : null}
    </>
  );
}
