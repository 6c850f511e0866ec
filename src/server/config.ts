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
  live: LiveConfig;
}

/** Tuning of the counter ↔ display channel (docs/LIVE.md). */
export interface LiveConfig {
  /** Days a closed session's draft is kept before the sweep removes it. */
  draftRetentionDays: number;
  /**
   * How long acknowledgements to an officer wait to be sent together. An ack is cumulative ("everything up
   * to seq N is saved") and only ever sent after the commit; waiting lets one ack cover several keystrokes.
   */
  ackDelayMs: number;
  /** How long the draft writer collects keystrokes of all counters before one commit. */
  groupCommitMs: number;
  /** How often an officer's open socket checks that his login still holds (a logout on another process). */
  sessionRecheckMs: number;
}

function nonNegative(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
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
    live: {
      draftRetentionDays: nonNegative(env.DRAFT_RETENTION_DAYS, 30),
      ackDelayMs: nonNegative(env.LIVE_ACK_DELAY_MS, 1000),
      groupCommitMs: nonNegative(env.LIVE_GROUP_COMMIT_MS, 10),
      sessionRecheckMs: Math.max(100, nonNegative(env.LIVE_SESSION_RECHECK_MS, 30_000)),
    },
  };
}
