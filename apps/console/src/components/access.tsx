import { useState } from 'preact/hooks';
import { apiUrl, getHtml } from '../api/client';
import { currentToken } from '../api/token';

/**
 * The printable report. Without a token a plain link; with one, the HTML is fetched with it
 * and shown from a local copy (a link cannot carry an Authorization header).
 */
export function ReportLink({ path, params }: { path: string; params: Record<string, string> }) {
  const [error, setError] = useState('');
  if (!currentToken()) {
    return (
      <a class="report-link" href={apiUrl(path, params)} target="_blank" rel="noopener">
        Rapport imprimable
      </a>
    );
  }
  const open = async () => {
    setError('');
    const tab = window.open('', '_blank');
    try {
      const html = await getHtml(path, params);
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else location.href = url;
    } catch (e) {
      tab?.close();
      setError((e as Error).message);
    }
  };
  return (
    <>
      <button type="button" class="report-link" onClick={open}>
        Rapport imprimable
      </button>
      {error && <span class="status error">Rapport : {error}</span>}
    </>
  );
}
