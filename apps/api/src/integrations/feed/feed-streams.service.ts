import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { once } from 'node:events';
import {
  EVENT_STORE,
  type EventFilter,
  type EventStore,
  type RecordedEvent,
} from '@pix-ledger/event-store';
import { cloudEventJson } from '../cloud-events/to-cloud-event';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../integrations.config';

const SHUTDOWN_GRACE_MS = 1_000;

export interface FeedRequest {
  /** Last position the client has: delivery starts strictly after it ('end' = live only). */
  after: number | 'end';
  filter: EventFilter;
}

/** What the server knows of one open feed: how far it has written, how much waits in buffers. */
export interface FeedConnectionStatus {
  id: number;
  openedAt: string;
  sentUpTo: number;
  eventsSent: number;
  bufferedBytes: number;
  waitingForDrain: boolean;
}

interface FeedConnection extends FeedConnectionStatus {
  close(): void;
  res: Response;
  done: Promise<void>;
}

/**
 * Streams the log as Server-Sent Events through a catch-up subscription of the port. The
 * subscription is pulled one event at a time and reads the log page by page, and the pump
 * waits for 'drain' whenever the socket's buffer is full: a slow client holds at most one
 * page in memory, never the log.
 */
@Injectable()
export class FeedStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Feed');
  private readonly connections = new Map<number, FeedConnection>();
  private nextId = 1;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  open(request: FeedRequest, res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // Tells nginx-like proxies not to buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    // `retry` sets the browser's reconnection delay; the comment makes the stream visibly open.
    res.write('retry: 1000\n: pix-ledger feed\n\n');

    const subscription = this.store.subscribe({
      fromPosition: request.after,
      filter: request.filter,
    });
    const heartbeat = setInterval(() => {
      if (!res.writableEnded && !res.destroyed) res.write(': heartbeat\n\n');
    }, this.config.feedHeartbeatMs);
    const connection: FeedConnection = {
      id: this.nextId++,
      openedAt: new Date().toISOString(),
      sentUpTo: request.after === 'end' ? 0 : request.after,
      eventsSent: 0,
      get bufferedBytes() {
        return res.writableLength;
      },
      waitingForDrain: false,
      res,
      close: () => {
        clearInterval(heartbeat);
        void subscription.stop();
        if (!res.writableEnded) res.end();
      },
      done: Promise.resolve(),
    };
    this.connections.set(connection.id, connection);
    // 'close' comes when the client goes away (or the response ends): stop reading the log.
    res.once('close', () => connection.close());

    connection.done = this.pump(subscription, res, connection)
      .catch((error: unknown) => {
        this.logger.error(`feed ${connection.id} failed: ${String(error)}`);
        if (!res.writableEnded && !res.destroyed) {
          res.write(`event: error\ndata: ${JSON.stringify({ message: 'feed interrupted' })}\n\n`);
        }
      })
      .finally(() => {
        connection.close();
        this.connections.delete(connection.id);
      });
  }

  private async pump(
    subscription: AsyncIterable<RecordedEvent>,
    res: Response,
    connection: FeedConnection,
  ): Promise<void> {
    let corked = false;
    for await (const event of subscription) {
      if (res.destroyed || res.writableEnded) return;
      // Frames written in one turn of the event loop leave in one packet.
      if (!corked) {
        res.cork();
        corked = true;
        setImmediate(() => {
          corked = false;
          res.uncork();
        });
      }
      const ok = res.write(frame(event, this.config.cloudEventsSource));
      connection.sentUpTo = event.position;
      connection.eventsSent += 1;
      if (!ok) {
        connection.waitingForDrain = true;
        await drainOrClose(res);
        connection.waitingForDrain = false;
      }
    }
  }

  status(): FeedConnectionStatus[] {
    return [...this.connections.values()].map(
      ({ id, openedAt, sentUpTo, eventsSent, bufferedBytes, waitingForDrain }) => ({
        id,
        openedAt,
        sentUpTo,
        eventsSent,
        bufferedBytes,
        waitingForDrain,
      }),
    );
  }

  /** Ends every open stream before the store closes, so the HTTP server can stop. */
  async onModuleDestroy(): Promise<void> {
    const open = [...this.connections.values()];
    for (const connection of open) connection.close();
    // A client that stopped reading would keep its socket open forever: cut it after a grace.
    const grace = setTimeout(() => open.forEach((c) => c.res.destroy()), SHUTDOWN_GRACE_MS);
    await Promise.all(open.map((c) => c.done));
    await Promise.all(open.map((c) => (c.res.closed ? undefined : once(c.res, 'close'))));
    clearTimeout(grace);
  }
}

/** One SSE message: the global position as its id, the CloudEvent as its data (one line). */
function frame(event: RecordedEvent, source: string): string {
  return `id: ${event.position}\ndata: ${cloudEventJson(event, source)}\n\n`;
}

/** Resolves on whichever comes first, leaving no listener behind. */
function drainOrClose(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
