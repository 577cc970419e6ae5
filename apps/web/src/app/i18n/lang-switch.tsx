import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from './locale-provider.tsx';

/** Toggles 中文 ↔ English; `dark` for the blue header. */
export function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale } = useLocale();
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      data-testid="lang-switch"
      className={dark ? 'it-header-action' : undefined}
      icon={<TranslationOutlined />}
      aria-label={t('header.language')}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('header.switchTo')}
    </Button>
  );
}
