import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * Renders `children` once the placeholder scrolls into view, so that a heavy lazy chunk (charts)
 * below the fold is not part of the page's first load. Stays rendered afterwards.
 */
export function WhenVisible({ children, placeholder, minHeight }: { children: ReactNode; placeholder: ReactNode; minHeight: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);
  return (
    <div ref={ref} style={visible ? undefined : { minHeight }} data-testid={visible ? undefined : 'deferred'}>
      {visible ? children : placeholder}
    </div>
  );
}
