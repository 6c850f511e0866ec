// The `ws` package (a dependency of @fastify/websocket) ships no types; this is the part the live module uses.
declare module 'ws' {
  import type { EventEmitter } from 'node:events';
  export class WebSocket extends EventEmitter {
    static readonly OPEN: number;
    constructor(url: string, options?: { headers?: Record<string, string> });
    readonly readyState: number;
    readonly bufferedAmount: number;
    send(data: string, cb?: (err?: Error) => void): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    ping(): void;
  }
  export class WebSocketServer extends EventEmitter {
    constructor(options: { port?: number; host?: string; server?: unknown });
    close(cb?: () => void): void;
    readonly clients: Set<WebSocket>;
    address(): { port: number } | string;
  }
  export default WebSocket;
}
