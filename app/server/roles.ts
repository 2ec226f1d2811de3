/** The sign-in roles, in their own small module so the CLI's option help can name them without loading accounts. */
export const ROLES = ['admin', 'manager', 'lead', 'scheduler', 'rep', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
