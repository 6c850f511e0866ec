import { createContext, useContext } from 'react';
import type { UserView } from '../../core/api/auth.ts';

export interface Session {
  user: UserView;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}
