import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LangSwitch } from '../../app/i18n/lang-switch.tsx';

/** Full-screen frame of the login and registration pages: brand panel on the left, the form on the right. */
export function AuthShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="it-auth-page">
      <aside className="it-auth-aside">
        <Link to="/" className="it-brand">
          <svg width="34" height="34" viewBox="0 0 64 64" aria-hidden="true">
            <rect width="64" height="64" rx="12" fill="#ffffff" />
            <path d="M14 46V26l10-8 10 8v20H14zm22 0V16l14 6v24H36z" fill="#0b4aa2" />
            <rect x="21" y="32" width="6" height="14" fill="#ffffff" />
          </svg>
          <span>{t('app.name')}</span>
        </Link>
        <div>
          <h2>{t('auth.heroTitle')}</h2>
          <p>{t('auth.heroText')}</p>
        </div>
        <small style={{ opacity: 0.7 }}>{t('app.city')}</small>
      </aside>
      <main className="it-auth-main">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LangSwitch />
        </div>
        <div className={wide ? 'it-auth-card wide' : 'it-auth-card'}>{children}</div>
      </main>
    </div>
  );
}
