import type { CSSProperties, ReactNode } from 'react';

/**
 * A light card for the pages with a JS budget (home, header popups). antd's Card imports Tabs (and with it
 * rc-tabs, rc-dropdown and rc-menu) for its `tabList` feature, which those pages never use.
 */
export function Panel({
  title,
  extra,
  children,
  style,
  bodyStyle,
  className,
  ...rest
}: {
  title?: ReactNode;
  className?: string;
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  bodyStyle?: CSSProperties;
  'data-testid'?: string;
}) {
  return (
    <section className={className ? `it-panel ${className}` : 'it-panel'} style={style} data-testid={rest['data-testid']}>
      {title || extra ? (
        <header className="it-panel-head">
          <div className="it-panel-title">{title}</div>
          {extra ? <div>{extra}</div> : null}
        </header>
      ) : null}
      <div className="it-panel-body" style={bodyStyle}>
        {children}
      </div>
    </section>
  );
}
