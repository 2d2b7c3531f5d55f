import { Server } from 'node:http';
import { Duplex } from 'node:stream';

interface ParserError extends Error {
  code?: string;
}

/** What Node's HTTP parser refuses before any middleware runs, as status, code and message. */
export function clientErrorResponse(error: ParserError): { status: number; code: string; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'headers_too_large', message: 'The request line or headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'payload_too_large', message: 'Chunk extensions are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request_timeout', message: 'The request took too long to arrive' };
    default:
      return { status: 400, code: 'bad_request', message: 'The request is not valid HTTP' };
  }
}

/**
 * Requests Node's parser refuses (an over-long URL or header block, malformed HTTP) get the same JSON error
 * body as everything else, instead of Node's bare status line; the connection is then closed.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: ParserError, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, code, message } = clientErrorResponse(error);
    const body = JSON.stringify({ statusCode: status, code, message });
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' }[status] ?? 'Bad Request';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
