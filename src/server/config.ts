import { resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when set; otherwise the SQLite file under dataDir is used. */
  databaseUrl: string | undefined;
  /** A PostgreSQL schema other than the default (one database shared by several deployments or test runs). */
  databaseSchema: string | undefined;
  production: boolean;
  /** Public base URL used in printed QR codes; falls back to the request's host. */
  publicUrl: string | undefined;
  sessionDays: number;
  /** Whether cookies carry the Secure flag; on when served over https behind a proxy. */
  secureCookies: boolean;
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    production,
    publicUrl: env.PUBLIC_URL || undefined,
    sessionDays: Number(env.SESSION_DAYS ?? 7),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  };
}
