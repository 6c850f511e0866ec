import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import {
  CloseSessionInput,
  DisplayRatingInput,
  KioskInput,
  OpenPrefillInput,
  OpenSessionInput,
  PairInput,
  PatchBatchInput,
  PatchInput,
  PrintInput,
  ReviewInput,
  VALUE_PATH,
} from '../../../core/api/live.ts';
import {
  CLOSE_CODES,
  DISPLAY_RATING_PATH,
  type FromOfficer,
  LIVE_WS_PATH,
  type ToOfficer,
} from '../../../core/live/live-messages.ts';
import { HttpError, notFound, parseInput, unauthorized } from '../../http/errors.ts';
import { renderPdf } from '../../pdf/render-pdf.ts';
import { onSessionEnded } from '../auth/auth.events.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit, sessionStillValid } from '../auth/auth.service.ts';
import { documentFor } from '../templates/document-output.ts';
import { AckBatcher } from './live.acks.ts';
import { liveErrorToHttp } from './live.errors.ts';
import { displaySnapshot, LiveHub } from './live.hub.ts';
import { openFromPrefill, rateFromDisplay } from './live.intake.ts';
import {
  createDisplay,
  createKiosk,
  findDisplayByToken,
  listCounterDisplays,
  pairByCode,
  renewCode,
  revokeDisplay,
} from './live.pairing.ts';
import {
  type Actor,
  closeSession,
  confirmSession,
  findCounterRow,
  findOwnSession,
  isLiveError,
  type LiveError,
  listOpenSessions,
  openSession,
  PatchApplier,
  recordPrint,
  setReview,
  shownSessionOf,
  showSession,
  sweepLive,
  toSessionView,
} from './live.service.ts';
import { suggestablePath, suggestValues } from './live.suggestions.ts';
import { findLiveTemplate, listLiveTemplates } from './live.templates.ts';
import { createLiveBus } from './live-bus.ts';
import './live.tables.ts';

const IdParams = z.object({ id: z.string().uuid('Mã phiên không hợp lệ') });
const NumIdParams = z.object({ id: z.coerce.number().int().positive('Mã không hợp lệ') });
const CounterQuery = z.object({ counterId: z.coerce.number().int().positive('Chưa chọn quầy') });
const WsQuery = z.object({ role: z.enum(['officer', 'display']) });
const Hello = z.object({ t: z.literal('hello'), token: z.string().min(1).max(200) });
const OfficerMessage = z.union([
  PatchInput.extend({ t: z.literal('patch'), sessionId: z.string().uuid() }),
  z.object({ t: z.literal('sync') }),
  z.object({ t: z.literal('ping') }),
]);

const DISPLAY_TOKEN_HEADER = 'x-display-token';
const HELLO_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 25_000;

function actorOf(request: FastifyRequest, ...roles: ('admin' | 'officer')[]): Actor {
  return {
    auth: requireRole(request, ...(roles.length ? roles : (['officer', 'admin'] as const))),
    ip: request.ip,
  };
}

/** A cookie-authenticated socket must come from our own pages (cross-site WebSocket hijacking). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const host = request.headers['x-forwarded-host'] ?? request.headers.host;
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function heartbeat(socket: WebSocket): void {
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  const beat = () => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  };
  // A random first beat: sockets opened together (a restart, a morning) do not all ping at the same moment.
  const start = setTimeout(() => {
    timer = setInterval(beat, HEARTBEAT_MS);
    timer.unref();
    beat();
  }, Math.random() * HEARTBEAT_MS);
  start.unref();
  socket.on('close', () => {
    clearTimeout(start);
    clearInterval(timer);
  });
}

export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const bus = await createLiveBus(app.deps.db);
  const { live } = app.deps.config;
  const { sqlite, sqliteFile } = app.deps.db;
  const patches = new PatchApplier(
    db,
    bus,
    app.deps.db.kind,
    sqlite ? { db: sqlite, file: sqliteFile } : undefined,
    app.log,
    live.groupCommitMs,
  );
  const hub = new LiveHub(db, bus, app.log, (id) => patches.peek(id));
  const tags = ['live'];

  const retention = live.draftRetentionDays;
  const sweep = () => {
    sweepLive(db, retention).catch((err) => app.log.warn({ err }, 'live draft sweep failed'));
  };
  const sweepTimer = setInterval(sweep, 3_600_000);
  sweepTimer.unref();
  setTimeout(sweep, 5_000).unref();

  // An officer's socket lives as long as his login: a logout or a locked account closes it at once here,
  // and every process re-checks its sockets' sessions (a logout handled by another process).
  const officerSockets = new Map<WebSocket, { tokenHash: string; userId: number }>();
  const stopSessionEnds = onSessionEnded((e) => {
    for (const [s, who] of officerSockets) {
      if ('tokenHash' in e ? who.tokenHash === e.tokenHash : who.userId === e.userId) {
        s.close(CLOSE_CODES.unauthorized, 'session ended');
      }
    }
  });

  app.addHook('onClose', async () => {
    stopSessionEnds();
    clearInterval(sweepTimer);
    hub.close();
    await patches.close();
    await bus.close();
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  // ---------- the socket: officers send patches, displays receive them ----------

  app.get(LIVE_WS_PATH, { websocket: true, schema: { hide: true } }, (socket: WebSocket, request) => {
    const q = WsQuery.safeParse(request.query);
    if (!q.success) {
      socket.close(CLOSE_CODES.badMessage, 'role');
      return;
    }
    heartbeat(socket);
    if (q.data.role === 'officer') {
      const auth = request.auth;
      if (
        !auth ||
        (auth.role !== 'officer' && auth.role !== 'admin') ||
        (auth.via === 'cookie' && !sameOrigin(request))
      ) {
        socket.close(CLOSE_CODES.unauthorized, 'unauthorized');
        return;
      }
      const actor: Actor = { auth, ip: request.ip };
      officerSockets.set(socket, { tokenHash: auth.tokenHash, userId: auth.user.id });
      const recheck = setInterval(
        () => {
          sessionStillValid(db, auth.tokenHash)
            .then((ok) => {
              if (!ok) socket.close(CLOSE_CODES.unauthorized, 'session ended');
            })
            .catch(() => undefined);
        },
        live.sessionRecheckMs * (0.75 + Math.random() * 0.5),
      );
      recheck.unref();
      socket.on('close', () => {
        officerSockets.delete(socket);
        clearInterval(recheck);
      });
      const reply = (m: ToOfficer) => {
        if (socket.readyState === 1) socket.send(JSON.stringify(m));
      };
      const acks = new AckBatcher(reply, live.ackDelayMs);
      // Patches not yet committed; a nack or a sync waits for them, so that acks stay cumulative and true.
      const inflight = new Set<Promise<void>>();
      const settledAll = () => Promise.all([...inflight]);
      const failed = (err: unknown) => {
        request.log.error({ err }, 'live patch failed');
        // Not acked: the counter keeps the patch and sends it again after reconnecting.
        socket.close(1011, 'patch failed');
      };
      const refuse = async (sessionId: string, seq: number, error: LiveError) => {
        await settledAll();
        acks.flush();
        reply({ t: 'nack', sessionId, seq, message: liveErrorToHttp(error).message });
      };
      socket.on('close', () => acks.close());
      // One socket's patches are taken in order: the display sees keystrokes in the order typed. Commits
      // run behind, in the same order, and each ack follows its commit.
      let chain: Promise<void> = Promise.resolve();
      socket.on('message', (data: Buffer) => {
        let parsed: FromOfficer;
        try {
          const r = OfficerMessage.safeParse(JSON.parse(data.toString('utf8')));
          if (!r.success) throw new Error('bad');
          parsed = r.data as FromOfficer;
        } catch {
          socket.close(CLOSE_CODES.badMessage, 'bad message');
          return;
        }
        if (parsed.t === 'ping') {
          reply({ t: 'pong' });
          return;
        }
        if (parsed.t === 'sync') {
          chain = chain.then(async () => {
            await settledAll();
            acks.flush();
          });
          return;
        }
        const p = parsed;
        chain = chain.then(async () => {
          try {
            const staged = await patches.stage(actor, p.sessionId, p);
            if (isLiveError(staged)) {
              await refuse(p.sessionId, p.seq, staged);
              return;
            }
            const done = staged.committed.then(async (r) => {
              if (isLiveError(r)) await refuse(p.sessionId, p.seq, r);
              else acks.ack(p.sessionId, p.seq);
            }, failed);
            inflight.add(done);
            void done.finally(() => inflight.delete(done));
          } catch (err) {
            failed(err);
          }
        });
      });
      reply({ t: 'ready' });
      return;
    }

    // A display proves itself with its token in the first message (kept out of URLs and proxy logs).
    const helloTimer = setTimeout(() => socket.close(CLOSE_CODES.unauthorized, 'hello'), HELLO_TIMEOUT_MS);
    let attached = false;
    socket.on('message', (data: Buffer) => {
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString('utf8'));
      } catch {
        socket.close(CLOSE_CODES.badMessage, 'bad message');
        return;
      }
      if (attached) {
        if (typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'ping') {
          socket.send(JSON.stringify({ t: 'pong' }));
          return;
        }
        // A display only listens; anything else (asking for another counter…) ends the connection.
        socket.close(CLOSE_CODES.badMessage, 'display is read-only');
        return;
      }
      const hello = Hello.safeParse(msg);
      if (!hello.success) {
        socket.close(CLOSE_CODES.badMessage, 'hello expected');
        return;
      }
      attached = true;
      clearTimeout(helloTimer);
      findDisplayByToken(db, hello.data.token)
        .then((display) => {
          if (!display) {
            socket.close(CLOSE_CODES.unauthorized, 'unknown display');
            return;
          }
          return hub.attach(socket, display);
        })
        .catch((err) => {
          request.log.warn({ err }, 'display attach failed');
          socket.close(1011, 'attach failed');
        });
    });
    socket.on('close', () => clearTimeout(helloTimer));
  });

  // ---------- displays (no account: the TV holds a long-lived token) ----------

  app.post(
    '/api/live/displays',
    { schema: { tags, summary: 'Màn hình công dân mới xin mã ghép nối' } },
    async (request, reply) => {
      const r = await createDisplay(db, request.ip);
      if ('error' in r) throw liveErrorToHttp(r);
      return reply.status(201).send(r);
    },
  );

  app.get(
    '/api/live/display/state',
    { schema: { tags, summary: 'Trạng thái của màn hình (bằng mã màn hình)' } },
    async (request) => {
      const token = request.headers[DISPLAY_TOKEN_HEADER];
      const display = typeof token === 'string' ? await findDisplayByToken(db, token) : undefined;
      if (!display) throw unauthorized('Màn hình chưa được ghép nối hoặc đã bị thu hồi');
      if (display.counter_id === null) {
        const code = await renewCode(db, display);
        if ('error' in code) throw liveErrorToHttp(code);
        return { paired: false, code: code.code, expiresAt: code.expiresAt };
      }
      return { paired: true, ...(await displaySnapshot(db, display.counter_id, (sid) => patches.peek(sid))) };
    },
  );

  app.post(
    DISPLAY_RATING_PATH,
    { schema: { tags, summary: 'Công dân đánh giá việc tiếp nhận trên màn hình của quầy' } },
    async (request, reply) => {
      const token = request.headers[DISPLAY_TOKEN_HEADER];
      const display = typeof token === 'string' ? await findDisplayByToken(db, token) : undefined;
      if (!display) throw unauthorized('Màn hình chưa được ghép nối hoặc đã bị thu hồi');
      const input = parseInput(DisplayRatingInput, request.body);
      const r = await rateFromDisplay(db, display, input, request.ip);
      if ('error' in r) throw liveErrorToHttp(r);
      return reply.status(201).send(r);
    },
  );

  // ---------- pairing and revocation ----------

  app.post(
    '/api/live/pair',
    { schema: { tags, summary: 'Ghép màn hình với quầy bằng mã' } },
    async (request) => {
      const actor = actorOf(request);
      const input = parseInput(PairInput, request.body);
      const r = await pairByCode(db, bus, actor, input.counterId, input.code);
      if ('error' in r) throw liveErrorToHttp(r);
      return r;
    },
  );

  app.post(
    '/api/live/kiosk',
    { schema: { tags, summary: 'Cấp đường dẫn kiosk cho màn hình gắn cố định (quản trị)' } },
    async (request, reply) => {
      const actor = actorOf(request, 'admin');
      const input = parseInput(KioskInput, request.body);
      const r = await createKiosk(db, actor, input.counterId, input.label);
      if ('error' in r) throw liveErrorToHttp(r);
      return reply.status(201).send({ display: r.display, token: r.token, path: `/display#k=${r.token}` });
    },
  );

  app.post(
    '/api/live/displays/:id/revoke',
    { schema: { tags, summary: 'Thu hồi màn hình' } },
    async (request) => {
      const actor = { auth: requireAuth(request), ip: request.ip };
      const { id } = parseInput(NumIdParams, request.params);
      const r = await revokeDisplay(db, bus, actor, id);
      if ('error' in r) throw liveErrorToHttp(r);
      return r;
    },
  );

  app.get(
    '/api/live/counters/:id/state',
    { schema: { tags, summary: 'Quầy: phiên đang mở, màn hình đã ghép' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(NumIdParams, request.params);
      const counter = await findCounterRow(db, id);
      if (!counter || !canSeeUnit(actor.auth.scope, counter.unit_id)) throw notFound('Không tìm thấy quầy');
      const sessions = await listOpenSessions(db, actor, id);
      if (isLiveError(sessions)) throw liveErrorToHttp(sessions);
      return {
        counterId: id,
        unitId: counter.unit_id,
        shownSessionId: await shownSessionOf(db, id),
        sessions,
        displays: await listCounterDisplays(db, id),
      };
    },
  );

  // ---------- templates for the counter (the store, or the files before the store is synced) ----------

  app.get(
    '/api/live/templates',
    { schema: { tags, summary: 'Mẫu đơn dùng được tại quầy' } },
    async (request) => {
      actorOf(request);
      return listLiveTemplates(db);
    },
  );

  app.get(
    '/api/live/templates/:id',
    { schema: { tags, summary: 'Định nghĩa mẫu đơn cho quầy' } },
    async (request) => {
      actorOf(request);
      const { id } = parseInput(
        z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Mã mẫu không hợp lệ') }),
        request.params,
      );
      const { version } = parseInput(
        z.object({ version: z.coerce.number().int().positive().optional() }),
        request.query,
      );
      const t = await findLiveTemplate(db, id, version);
      if (!t) throw notFound('Không tìm thấy mẫu đơn');
      return t;
    },
  );

  app.get(
    '/api/live/sessions/:id/suggestions',
    { schema: { tags, summary: 'Giá trị quầy hay nhập cho một ô (gợi ý hoàn thành)' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const { path } = parseInput(
        z.object({ path: z.string().max(200).regex(VALUE_PATH, 'Đường dẫn trường không hợp lệ') }),
        request.query,
      );
      const row = await findOwnSession(db, actor, id);
      if (!row) throw liveErrorToHttp({ error: 'session_not_found' });
      const template = await findLiveTemplate(db, row.template_id, row.template_version);
      if (!template || !suggestablePath(template, path)) return [];
      return suggestValues(db, row.unit_id, row.template_id, path);
    },
  );

  // ---------- sessions ----------

  app.post(
    '/api/live/sessions',
    { schema: { tags, summary: 'Công dân mới: mở phiên tiếp nhận' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseInput(OpenSessionInput, request.body);
      const r = await openSession(db, bus, actor, input);
      if (isLiveError(r)) throw liveErrorToHttp(r);
      return reply.status(201).send(r);
    },
  );

  app.post(
    '/api/live/sessions/from-prefill',
    { schema: { tags, summary: 'Mở tờ khai công dân đã khai trước (theo mã) thành phiên tại quầy' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseInput(OpenPrefillInput, request.body);
      const r = await openFromPrefill(db, bus, actor, input);
      if ('error' in r) throw liveErrorToHttp(r);
      return reply.status(201).send(r);
    },
  );

  app.get(
    '/api/live/sessions',
    { schema: { tags, summary: 'Các phiên đang mở của tôi tại quầy' } },
    async (request) => {
      const actor = actorOf(request);
      const { counterId } = parseInput(CounterQuery, request.query);
      const r = await listOpenSessions(db, actor, counterId);
      if (isLiveError(r)) throw liveErrorToHttp(r);
      return r;
    },
  );

  app.get(
    '/api/live/sessions/:id',
    { schema: { tags, summary: 'Một phiên (bản nháp)' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const row = await findOwnSession(db, actor, id);
      if (!row) throw liveErrorToHttp({ error: 'session_not_found' });
      return toSessionView(row, await shownSessionOf(db, row.counter_id));
    },
  );

  app.post(
    '/api/live/sessions/:id/patches',
    { schema: { tags, summary: 'Gửi các thay đổi (khi không có WebSocket)' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const { patches: list } = parseInput(PatchBatchInput, request.body);
      let seq = 0;
      for (const p of list) {
        const r = await patches.apply(actor, id, p);
        if (isLiveError(r)) throw liveErrorToHttp(r);
        seq = Math.max(seq, r.seq);
      }
      return { seq };
    },
  );

  app.post(
    '/api/live/sessions/:id/show',
    { schema: { tags, summary: 'Đưa phiên lên màn hình công dân' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const r = await showSession(db, bus, actor, id);
      if (isLiveError(r)) throw liveErrorToHttp(r);
      return r;
    },
  );

  app.post(
    '/api/live/sessions/:id/review',
    { schema: { tags, summary: 'Bật/tắt chế độ công dân kiểm tra lại' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const { on } = parseInput(ReviewInput, request.body);
      const r = await setReview(db, bus, actor, id, on);
      if (isLiveError(r)) throw liveErrorToHttp(r);
      return r;
    },
  );

  app.post(
    '/api/live/sessions/:id/confirm',
    { schema: { tags, summary: 'Ghi nhận công dân đã xác nhận thông tin' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const r = await confirmSession(db, actor, id);
      if (isLiveError(r)) throw liveErrorToHttp(r);
      return r;
    },
  );

  app.post(
    '/api/live/sessions/:id/close',
    { schema: { tags, summary: 'Kết thúc phiên (màn hình công dân xóa ngay)' } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const { dossierCode } = parseInput(CloseSessionInput, request.body ?? {});
      const r = await closeSession(db, bus, actor, id, dossierCode);
      if (isLiveError(r)) throw liveErrorToHttp(r);
      patches.forget(id);
      return r;
    },
  );

  app.post(
    '/api/live/sessions/:id/print',
    { schema: { tags, summary: 'In tờ khai (PDF A4), ghi sự kiện in' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(IdParams, request.params);
      const input = parseInput(PrintInput, request.body);
      // What was typed on this process is committed before the row is read (the counter also syncs first).
      await patches.settled(id);
      const row = await findOwnSession(db, actor, id);
      if (!row) throw liveErrorToHttp({ error: 'session_not_found' });
      const template = await findLiveTemplate(db, row.template_id, row.template_version);
      if (!template) throw new HttpError(422, 'Không tìm thấy mẫu đơn của phiên này');
      const doc = documentFor(template, JSON.parse(row.values_json), input.draft);
      // Copies are pages of one PDF, so the browser's print dialog prints them all with one click.
      const blocks = [...doc.blocks];
      for (let i = 1; i < input.copies; i++) blocks.push({ kind: 'pageBreak' }, ...doc.blocks);
      const pdf = await renderPdf({ ...doc, blocks });
      await recordPrint(db, actor, row, input.copies);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${row.template_id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}
