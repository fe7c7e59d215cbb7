import type { ComponentChildren } from 'preact';
import type { Loaded } from '../api/use-api';

/** Loading and error states shared by every view. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="status" role="status" aria-live="polite">
      Chargement {what}…
    </p>
  );
}

export function Failure({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="status error" role="alert">
      <p>Erreur : {error.message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Réessayer
        </button>
      )}
    </div>
  );
}

export function Show<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T> | null;
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  if (!loaded) return null;
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'error') return <Failure error={loaded.error} retry={loaded.retry} />;
  return <>{children(loaded.data)}</>;
}

/** Marks a value that differs from what the registry knows today. */
export function ChangedBadge({ now, label = 'modifié depuis' }: { now?: string; label?: string }) {
  return (
    <span class="badge" title={now ? `Aujourd'hui : ${now}` : undefined}>
      {label}
      {now ? ` — aujourd'hui : ${now}` : ''}
    </span>
  );
}
