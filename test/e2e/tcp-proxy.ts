import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A byte-level TCP forwarder on a fixed port, like a reverse proxy in front of the app: the browser keeps
 * one origin (its IndexedDB, localStorage and cookie) while the server behind it is killed and restarted.
 * WebSocket upgrades pass through untouched.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly open = new Set<Socket>();
  target = 0;
  port = 0;

  constructor() {
    this.server = createServer((client) => {
      this.open.add(client);
      const upstream = createConnection({ host: '127.0.0.1', port: this.target });
      this.open.add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
  }

  listen(): Promise<number> {
    return new Promise((ok) => {
      this.server.listen(0, '127.0.0.1', () => {
        const a = this.server.address();
        this.port = typeof a === 'object' && a ? a.port : 0;
        ok(this.port);
      });
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    for (const s of this.open) s.destroy();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
