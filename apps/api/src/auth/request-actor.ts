import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Observable } from 'rxjs';
import type { EventStore, NewEvent } from '@pix-ledger/event-store';
import type { PrincipalRequest } from './access/access.decorators';

const requestActor = new AsyncLocalStorage<string>();

/** Runs each request's handler with its caller as the ambient actor. */
@Injectable()
export class RequestActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = context.switchToHttp().getRequest<PrincipalRequest>().principal?.actor;
    if (!actor) return next.handle();
    return new Observable((subscriber) =>
      requestActor.run(actor, () => next.handle().subscribe(subscriber)),
    );
  }
}

/**
 * The store, with every append made while serving a request signed by its caller: who did
 * what (metadata.actor) and when (metadata.recordedAt). The channel the code named as actor
 * (`api`, `api:import`…) stays in metadata.via. Background work (seeding, webhooks) is untouched.
 */
export function withRequestActor(store: EventStore): EventStore {
  const append: EventStore['append'] = (streamId, events, options) => {
    const actor = requestActor.getStore();
    if (!actor) return store.append(streamId, events, options);
    const signed = events.map((event): NewEvent => {
      const via = event.metadata?.actor;
      return {
        ...event,
        metadata: { ...event.metadata, actor, ...(via && via !== actor ? { via } : {}) },
      };
    });
    return store.append(streamId, signed, options);
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') return append;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
