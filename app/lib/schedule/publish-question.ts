/**
 * What the Publish button asks before it publishes (pure): which version goes out, how many shifts,
 * and what it replaces: the schedule the reps see now (published when, by whom), or nothing yet.
 */
export interface PublishableWeek {
  week_start: string;
  status: 'draft' | 'published' | 'none';
  version: number;
  published_at: string | null;
  published_by: string | null;
  shifts: readonly unknown[];
}

/** `when` formats the earlier publication's instant (the center's zone). */
export function publishQuestion(week: PublishableWeek, when: (iso: string) => string): { title: string; replaces: string } {
  const n = week.shifts.length;
  const title = `Publish version ${week.version} of the week of ${week.week_start} (${n} shift${n === 1 ? '' : 's'})?`;
  const replaces = week.published_at
    ? `It replaces the schedule published ${when(week.published_at)}${week.published_by ? ` by ${week.published_by}` : ''}: the reps see these shifts instead, and the change is in the audit log.`
    : 'Nothing is published for this week yet: the reps see these shifts from now on.';
  return { title, replaces };
}
