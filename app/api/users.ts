/** /api/users (admin only, access.ts): list, create, change or disable accounts; every change audit-logged. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  INTERFACE_PATTERN,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  ROLES,
  USERNAME_PATTERN,
  createUser,
  listUsers,
  updateUser
} from '../server/accounts.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, jsonBody, noQuery, params } from './validate.ts';

const password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
const repInterface = z.string().regex(INTERFACE_PATTERN, 'a member interface such as PJSIP/7009').nullable();

const NewUser = z.strictObject({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, '2-64 letters, digits and . _ @ -'),
  password,
  role: z.enum(ROLES),
  rep_interface: repInterface.optional()
});

const UserChange = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    rep_interface: repInterface.optional(),
    disabled: z.boolean().optional(),
    password: password.optional()
  })
  .refine((c) => Object.keys(c).length > 0, 'nothing to change');

const UserPath = z.strictObject({ id: idParam });

export const users = new Hono<AuthEnv>()
  .get('/', async (c) => {
    noQuery(c);
    return c.json({ users: await listUsers(c.var.ctx.db) });
  })
  .post('/', async (c) => {
    noQuery(c);
    const input = await jsonBody(c, NewUser);
    const user = await createUser(c.var.ctx.db, currentUser(c), {
      username: input.username,
      password: input.password,
      role: input.role,
      repInterface: input.rep_interface
    });
    return c.json({ user }, 201);
  })
  .patch('/:id', async (c) => {
    const { id } = params(c, UserPath);
    noQuery(c);
    const change = await jsonBody(c, UserChange);
    const user = await updateUser(c.var.ctx.db, currentUser(c), id, {
      role: change.role,
      repInterface: change.rep_interface,
      disabled: change.disabled,
      password: change.password
    });
    return c.json({ user });
  });
