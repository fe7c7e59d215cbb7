import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { TextDetail } from '../api/types';
import { useApi } from '../api/use-api';
import { Show } from '../components/status';
import { frDate, frPeriod } from '../format/dates';
import { CONFIDENCE_LABELS, TEXT_KIND_LABELS } from '../reference/labels';
import { KnownAtContext } from '../selection';

/** A text's id as a button opening its history (as known at the chosen date). */
export function TextLink({ textId, label }: { textId: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="link" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {label ?? textId}
      </button>
      {open && <TextHistoryDialog textId={textId} onClose={() => setOpen(false)} />}
    </>
  );
}

function TextHistoryDialog({ textId, onClose }: { textId: string; onClose: () => void }) {
  const knownAt = useContext(KnownAtContext);
  const text = useApi<TextDetail>(`/texts/${encodeURIComponent(textId)}`, { knownAt });
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="history" onClose={onClose} aria-labelledby="history-title">
      <div class="dialog-head">
        <h3 id="history-title">Historique du texte {textId}</h3>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Fermer
        </button>
      </div>
      <Show loaded={text} what="du texte">
        {(t) => (
          <>
            <p>
              <strong>{TEXT_KIND_LABELS[t.kind] ?? t.kind}</strong> — {t.title}
            </p>
            <p>
              Publié le {frDate(t.publishedOn)}
              {t.publishedIn ? ` (${t.publishedIn})` : ''} ; en vigueur{' '}
              {frPeriod(t.inForceFrom, t.inForceUntil)}
              {t.abrogatedBy ? ` ; abrogé par ${t.abrogatedBy}` : ''} ; confiance :{' '}
              {CONFIDENCE_LABELS[t.confidence] ?? t.confidence}.
            </p>
            <p class="source">Source : {t.source.reference}</p>
            <table class="data">
              <caption>Événements enregistrés</caption>
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Connu depuis</th>
                  <th scope="col">Événement</th>
                </tr>
              </thead>
              <tbody>
                {t.history.map((h, i) => (
                  <tr key={h.position ?? i}>
                    <td>{h.position ?? '—'}</td>
                    <td>
                      {frDate(h.knownFrom)}
                      {h.backfilled ? ' (reprise)' : ''}
                    </td>
                    <td>{h.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Show>
    </dialog>
  );
}
