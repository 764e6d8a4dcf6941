/// <reference types="node" />
/**
 * The Node.js listener of loopback sign-in (RFC 8252): `node:http` on 127.0.0.1 only, one
 * callback, then closed with every connection dropped. Exported (and registered) by `./node`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { LoopbackListenOptions, LoopbackServer } from './loopback.js';

export function nodeLoopbackListener(options: LoopbackListenOptions): Promise<LoopbackServer> {
  let resolveCallback: (q: URLSearchParams) => void = () => undefined;
  const callback = new Promise<URLSearchParams>((resolve) => {
    resolveCallback = resolve;
  });
  let answered = false;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, html: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'close',
      });
      res.end(html);
    };
    if (req.method !== 'GET' || url.pathname !== options.path) {
      send(404, '<!doctype html><title>Not found</title>');
      return;
    }
    if (answered) {
      send(400, '<!doctype html><title>Already done</title>');
      return;
    }
    answered = true;
    const page = options.respond(url.searchParams);
    send(page.status, page.html);
    resolveCallback(url.searchParams);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      let closed: Promise<void> | null = null;
      resolve({
        port,
        callback,
        close: () =>
          (closed ??= new Promise<void>((done) => {
            server.close(() => done());
            // let the answer reach the browser, then drop whatever is still open
            setTimeout(() => {
              for (const s of sockets) s.destroy();
            }, 50).unref();
          })),
      });
    });
  });
}
