#!/usr/bin/env node
// Entry point: node test/server/main.mjs [--port 0] [--issuer URL] [--access-token-lifetime S] [--no-stdin-exit]
// Prints {"url":"http://127.0.0.1:PORT"} on stdout, serves until SIGTERM/SIGINT or until stdin ends.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { App } from './app.mjs';
import { defaultSettings } from './settings.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    issuer: { type: 'string' },
    'access-token-lifetime': { type: 'string' },
    'no-stdin-exit': { type: 'boolean', default: false },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`invalid --port ${values.port}\n`);
  process.exit(2);
}

const app = new App();
/** Settings given on the command line survive POST /__control/reset. */
const base = defaultSettings();
if (values.issuer) base.issuer = values.issuer;
if (values['access-token-lifetime']) base.accessTokenLifetime = Number(values['access-token-lifetime']);
const reset = app.reset.bind(app);
app.reset = () => {
  reset();
  Object.assign(app.settings, base);
};
Object.assign(app.settings, base);

const server = createServer((req, res) => app.handle(req, res));
server.requestTimeout = 60_000;
server.headersTimeout = 30_000;
server.keepAliveTimeout = 5_000;
server.on('clientError', (_err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  else socket.destroy();
});

process.on('unhandledRejection', (err) => app.warn('unhandled rejection', err));
process.on('uncaughtException', (err) => app.warn('uncaught exception', err));

let exiting = false;
/** @param {number} code */
function shutdown(code) {
  if (exiting) return;
  exiting = true;
  server.close();
  server.closeAllConnections();
  process.exit(code);
}
process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));

server.listen(port, '127.0.0.1', () => {
  const addr = server.address();
  const actual = addr && typeof addr === 'object' ? addr.port : port;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${actual}` })}\n`);
  if (!values['no-stdin-exit']) {
    // A parent that dies closes our stdin: never leak a server.
    process.stdin.on('end', () => shutdown(0));
    process.stdin.on('close', () => shutdown(0));
    process.stdin.on('error', () => shutdown(0));
    process.stdin.resume();
  }
});
server.on('error', (err) => {
  process.stderr.write(`test server failed: ${err.message}\n`);
  process.exit(1);
});
