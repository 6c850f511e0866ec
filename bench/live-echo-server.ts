/**
 * The baseline of the live bench: a bare WebSocket relay with no database and no logic. A client says
 * `{"join":"s12","as":"in"|"out"}`; every message from an "in" socket is forwarded as-is to the "out"
 * socket of the same key (the counter → display path without the application in between).
 */
import { type WebSocket, WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 0);
const wss = new WebSocketServer({ port, host: '127.0.0.1' });
const outs = new Map<string, WebSocket>();
wss.on('connection', (ws: WebSocket) => {
  let key: string | null = null;
  let role: 'in' | 'out' | null = null;
  ws.on('message', (data: Buffer) => {
    if (role === 'in' && key) {
      outs.get(key)?.send(data.toString('utf8'));
      return;
    }
    const hello = JSON.parse(data.toString('utf8')) as { join: string; as: 'in' | 'out' };
    key = hello.join;
    role = hello.as;
    if (role === 'out') outs.set(key, ws);
    ws.send('{"t":"ready"}');
  });
});
wss.on('listening', () => {
  const a = wss.address();
  console.log(`ECHO_PORT=${typeof a === 'object' ? a.port : a}`);
});
