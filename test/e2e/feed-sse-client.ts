import { request, type IncomingMessage } from 'node:http';

/** One dispatched Server-Sent Event. */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseConnection {
  /** Resolves with the HTTP response once its headers arrived. */
  response: Promise<IncomingMessage>;
  /** Resolves when the connection ended, whoever ended it. */
  closed: Promise<void>;
  close(): void;
}

/**
 * A minimal EventSource over node:http, per the HTML spec's parsing rules (fields, comments,
 * multi-line data, CR/LF line ends): enough for the tests and the benchmark to read the feed as
 * a real remote client would.
 */
export function openSse(
  url: string,
  handlers: {
    headers?: Record<string, string>;
    onMessage?: (message: SseMessage) => void;
    onComment?: (comment: string) => void;
    /** Start without reading: the socket's buffers fill and the server must wait. */
    paused?: boolean;
  } = {},
): SseConnection & { resume(): void } {
  let pending = '';
  let data: string[] = [];
  let id: string | undefined;
  let event: string | undefined;
  let incoming: IncomingMessage | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const line = (text: string) => {
    if (text === '') {
      if (data.length) handlers.onMessage?.({ id, event, data: data.join('\n') });
      data = [];
      event = undefined;
      return;
    }
    if (text.startsWith(':')) return handlers.onComment?.(text.slice(1).trim());
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'event') event = value;
  };

  const req = request(url, { headers: { Accept: 'text/event-stream', ...handlers.headers } });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      incoming = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop() ?? '';
        for (const text of lines) line(text);
      });
      res.on('close', resolveClosed);
      if (handlers.paused) res.pause();
      resolve(res);
    });
    req.on('error', (error) => {
      resolveClosed();
      reject(error);
    });
  });
  response.catch(() => undefined);
  req.end();
  return {
    response,
    closed,
    close: () => {
      req.destroy();
      incoming?.destroy();
    },
    resume: () => incoming?.resume(),
  };
}
