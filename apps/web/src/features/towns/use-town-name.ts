import { useTranslation } from 'react-i18next';

/** The town's name in the current language (records carry both). */
export function useTownName(): (row: { townName: string; townNameEn: string }) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  return (row) => (english ? row.townNameEn : row.townName);
}
