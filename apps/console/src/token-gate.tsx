import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentToken, saveToken, TOKEN_ADOPTED, TOKEN_REJECTED } from './api/token';

/** Shows the console once a token is known; otherwise asks for one (README, "Security"). */
export function TokenGate({ children }: { children: ComponentChildren }) {
  const [token, setToken] = useState(currentToken());
  const [draft, setDraft] = useState('');
  useEffect(() => {
    const forget = () => setToken(null);
    const adopt = () => setToken(currentToken());
    window.addEventListener(TOKEN_REJECTED, forget);
    window.addEventListener(TOKEN_ADOPTED, adopt);
    return () => {
      window.removeEventListener(TOKEN_REJECTED, forget);
      window.removeEventListener(TOKEN_ADOPTED, adopt);
    };
  }, []);
  if (token) return <>{children}</>;
  return (
    <main class="token-gate">
      <h1>pix-ledger — console d'audit</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!draft.trim()) return;
          saveToken(draft);
          setToken(draft.trim());
        }}
      >
        <label for="token">Jeton d'accès</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          value={draft}
          onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
        />
        <button type="submit">Ouvrir la console</button>
      </form>
      <p>
        Le premier démarrage du registre affiche un lien qui contient un jeton ; d'autres se créent
        avec <code>npm run cli -- token create --role national --expires 30d</code>.
      </p>
    </main>
  );
}
