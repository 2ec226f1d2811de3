/**
 * Input validation at the API's edge: every path parameter, query and JSON body goes through a zod
 * schema before a handler uses it; a mismatch is a 400 naming the field. Shared field schemas too.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { InputError } from '../../sql/errors.ts';

function oneLine(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, what = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError(`${what}${oneLine(result.error)}`);
  return result.data;
}

/** The route's path parameters, each checked. */
export const params = <S extends z.ZodType>(c: Context, schema: S) => parse(schema, c.req.param(), 'path ');

/** The query string (single values), checked; unknown keys are refused by strict schemas. */
export const query = <S extends z.ZodType>(c: Context, schema: S) => parse(schema, c.req.query(), 'query ');

const NoQuery = z.strictObject({});
/** For routes that read no query string: any query parameter is a mistake (400). */
export const noQuery = (c: Context) => void query(c, NoQuery);

/** The JSON body, checked. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new InputError('send the body as JSON (Content-Type: application/json)');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new InputError('the body is not valid JSON');
  }
  return parse(schema, body);
}

/** A rep id as GET /api/reps gives it (roster rep_id or derived from the interface): URL-safe. */
export const repId = z.string().regex(/^(?=.*[A-Za-z0-9])[A-Za-z0-9._~-]{1,64}$/, 'not a rep id');
/** A positive integer id written in a path. */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'not an id')
  .transform(Number)
  .refine((n) => n <= 2_147_483_647, 'not an id');
export const isoDate = z.iso.date();
export const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

// Queue names as PBXs write them (billing, 6001, Sales-EN, support@east): nothing that reads as SQL or a path.
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@+ -]{0,99}$/;
const isQueueName = (q: string) => QUEUE_NAME.test(q) && !q.includes('..');
/** One queue's name (the one schema every route takes a queue with). */
export const queueName = z.string().refine(isQueueName, 'not a queue name');
/** A queue's name, or `*` for every queue (coverage targets and special days). */
export const queueOrAll = z.string().refine((q) => q === '*' || isQueueName(q), 'not a queue name');
