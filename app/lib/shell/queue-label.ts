/**
 * A queue's one display name on every page: the label set in the queue's settings ("Utility
 * billing"), else the name the PBX writes ("billing"). The root layout loads the labels once
 * (`queueLabels` in every page's data); QueueName.svelte shows a queue with them.
 */
export type QueueLabels = Readonly<Record<string, string>>;

export function queueLabel(queue: string | null | undefined, labels: QueueLabels | null | undefined): string {
  if (queue === null || queue === undefined || queue === '') return '–';
  return labels?.[queue] ?? queue;
}

/** Queue names as options of a select: value the queue, text its display name, in display-name order. */
export function queueOptions(queues: readonly string[], labels: QueueLabels | null | undefined): { queue: string; label: string }[] {
  return queues.map((queue) => ({ queue, label: queueLabel(queue, labels) })).sort((a, b) => a.label.localeCompare(b.label));
}
