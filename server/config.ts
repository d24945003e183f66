// The environment, parsed once with zod into a typed config.
import { z } from 'zod';

const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgresql://')
    .default('file:./data/ocop.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: booleanish.default(false),
  /**
   * Other origins whose pages may make changes and open Socket.IO connections, comma
   * separated; empty = the app's own only. Each is read as a URL and kept as its origin, so
   * `HTTP://Dashboard.venue.vn/` matches what a browser sends (`http://dashboard.venue.vn`).
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list, ctx) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
        .map((o) => {
          const origin = URL.canParse(o) ? new URL(o).origin : 'null';
          if (origin === 'null') ctx.addIssue({ code: 'custom', message: `not an origin such as http://host:port: ${o}` });
          return origin;
        }),
    ),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  DEMO_DATA: booleanish.default(true),
  /** How many proxies stand in front (0 = none); a count, so clients cannot forge X-Forwarded-For. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  cookieSecure: boolean;
  allowedOrigins: string[];
  login: { maxAttempts: number; windowMs: number };
  demoData: boolean;
  trustProxy: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    logLevel: c.LOG_LEVEL,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: c.COOKIE_SECURE,
    allowedOrigins: c.ALLOWED_ORIGINS,
    login: { maxAttempts: c.LOGIN_MAX_ATTEMPTS, windowMs: c.LOGIN_WINDOW_SECONDS * 1000 },
    demoData: c.DEMO_DATA,
    trustProxy: c.TRUST_PROXY,
  };
}
