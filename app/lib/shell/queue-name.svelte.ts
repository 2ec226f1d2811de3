/** A queue's display name from the page's data (the root layout's `queueLabels`): see queue-label.ts. */
import { page } from '$app/state';
import { queueLabel, type QueueLabels } from './queue-label.ts';

export const queueName = (queue: string | null | undefined): string => queueLabel(queue, page.data.queueLabels as QueueLabels | undefined);
