// Requests Node's HTTP parser refuses before the app sees them (headers or URL past 16 KB,
// garbage instead of HTTP) still get the API's one error shape, not Node's bare 400/431.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError, errorBody, httpStatusOf } from '../errors.ts';

const reason: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const known =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? new DomainError('HEADERS_TOO_LARGE', 'The address or the headers are too long (at most 16 KB together)')
        : new DomainError('VALIDATION_FAILED', 'The request is not valid HTTP');
    const status = httpStatusOf[known.code];
    const body = JSON.stringify(errorBody(known));
    socket.end(
      `HTTP/1.1 ${status} ${reason[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
