import type { Role, UserView } from '../core/api/auth.ts';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';

export interface UnitScope {
  /** Admins see every unit. */
  all: boolean;
  /** The user's units and all units below them in the tree. */
  unitIds: ReadonlySet<number>;
}

export interface AuthContext {
  user: UserView;
  role: Role;
  via: 'cookie' | 'bearer';
  tokenHash: string;
  csrfToken: string;
  scope: UnitScope;
}

export interface AppDeps {
  db: Db;
  config: AppConfig;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
