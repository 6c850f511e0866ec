import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface EventInput {
  actorUserId: number | null;
  unitId?: number | null;
  entityType: string;
  entityId: string | number;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  data?: unknown;
  ip?: string | null;
}

/** Appends to the event log; call it with the transaction that makes the change it records. */
export async function recordEvent(db: Kysely<Database>, e: EventInput): Promise<void> {
  await db
    .insertInto('events')
    .values({
      at: new Date().toISOString(),
      actor_user_id: e.actorUserId,
      unit_id: e.unitId ?? null,
      entity_type: e.entityType,
      entity_id: String(e.entityId),
      action: e.action,
      from_state: e.fromState ?? null,
      to_state: e.toState ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
      ip: e.ip ?? null,
    })
    .execute();
}
