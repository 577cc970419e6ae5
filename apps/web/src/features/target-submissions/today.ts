/** Today in Shanghai as YYYY-MM-DD (deadlines are Shanghai dates, whatever the browser's zone). */
export function shanghaiToday(at = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
