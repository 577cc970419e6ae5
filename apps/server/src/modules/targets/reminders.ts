import type { Db } from '../../platform/db.ts';
import type { JobHandlers, Schedule } from '../../platform/jobs.ts';
import { type IsoDate, shanghaiDate } from '../../platform/working-days.ts';
import { notifyCityAdmins, notifyTownAdmins } from '../notifications/notifications.service.ts';
import * as repo from './reminders.repository.ts';

/**
 * Deadline reminders for town statistics (填报): the town admins of every town that has neither
 * submitted nor had approved a period's figures hear 7 days and 1 day before the deadline and once
 * when it has passed; the city admins hear which towns became overdue. Each (period, town, kind)
 * goes out exactly once: its row in target_reminders and its notifications commit together, and
 * the unique key makes a second run — on this instance or another — insert and send nothing.
 * A run that missed a day catches up with the most urgent reminder only (no "7 days" the day before).
 */

export type ReminderKind = 'due_7' | 'due_1' | 'overdue';

const DAY_MS = 86_400_000;
const daysUntil = (today: IsoDate, deadline: IsoDate) => Math.round((Date.parse(deadline) - Date.parse(today)) / DAY_MS);

export function reminderKindFor(deadline: IsoDate, today: IsoDate): ReminderKind | null {
  const days = daysUntil(today, deadline);
  if (days < 0) return 'overdue';
  if (days <= 1) return 'due_1';
  if (days <= 7) return 'due_7';
  return null;
}

const periodLabel = (p: { year: number; quarter: number | null }) => ({
  zh: p.quarter ? `${p.year}年第${p.quarter}季度` : `${p.year}年`,
  en: p.quarter ? `${p.year} Q${p.quarter}` : `${p.year}`,
});

export async function sendDeadlineReminders(db: Db, today: IsoDate): Promise<{ reminded: number; overdue: number }> {
  let reminded = 0;
  let overdue = 0;
  for (const period of await repo.openPeriods(db)) {
    const kind = reminderKindFor(period.deadline, today);
    if (!kind) continue;
    const label = periodLabel(period);
    const link = `/targets/submissions?period=${period.id}`;
    await db.transaction(async (tx) => {
      const pending = await repo.townsYetToSubmit(tx, period.id);
      const fresh = new Set(
        await repo.recordReminders(
          tx,
          period.id,
          pending.map((t) => t.id),
          kind,
        ),
      );
      const days = daysUntil(today, period.deadline);
      for (const town of pending.filter((t) => fresh.has(t.id))) {
        await notifyTownAdmins(tx, town.id, {
          kind: `targets.deadline_${kind}`,
          title:
            kind === 'overdue'
              ? `${label.zh}统计数据已逾期（截止 ${period.deadline}），请尽快填报`
              : `${label.zh}统计数据将于 ${period.deadline} 截止（还有 ${days} 天），请及时填报`,
          titleEn:
            kind === 'overdue'
              ? `${label.en} statistics are overdue (deadline ${period.deadline}): please submit`
              : `${label.en} statistics are due on ${period.deadline} (${days} day${days === 1 ? '' : 's'} left)`,
          link,
        });
      }
      reminded += fresh.size;
      if (kind === 'overdue' && fresh.size > 0) {
        const names = pending.filter((t) => fresh.has(t.id)).map((t) => t.name);
        overdue += names.length;
        await notifyCityAdmins(tx, {
          kind: 'targets.deadline_overdue_towns',
          title: `${label.zh}统计数据逾期未报：${names.length}个镇街`,
          titleEn: `${label.en} statistics overdue: ${names.length} town${names.length === 1 ? '' : 's'}`,
          body: names.join('、'),
          link,
        });
      }
    });
  }
  return { reminded, overdue };
}

/** Daily in the morning; the slot's singleton key runs it once per day, the reminder table once per reminder. */
export const TARGET_SCHEDULES: readonly Schedule[] = [{ name: 'targets.deadline_reminders', dailyAt: '09:00' }];

export function targetHandlers(): JobHandlers {
  return {
    'targets.deadline_reminders': async ({ db, log }) => {
      const result = await sendDeadlineReminders(db, shanghaiDate(new Date()));
      log.info(result, 'statistics deadline reminders sent');
      return result;
    },
  };
}
