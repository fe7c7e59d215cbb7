/**
 * The bearer token the console sends. It arrives in the address fragment (`/#token=…`, the link
 * the API prints at first start), which never reaches a server, or is typed in the token form;
 * it is kept for the tab's session only and removed from the address.
 */
const KEY = 'pix-ledger.token';

/** Dispatched on `window` when the API refuses the token (401): the console asks again. */
export const TOKEN_REJECTED = 'pix-ledger:token-rejected';

/** Dispatched on `window` when a token arrives by the address while the page is open. */
export const TOKEN_ADOPTED = 'pix-ledger:token-adopted';

/** True when the address carried a token (now saved, and gone from the address). */
export function adoptTokenFromAddress(): boolean {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return false;
  saveToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}

/**
 * The first-start link opened in a tab already on the console changes only the fragment: the
 * page is not loaded again, so the token is taken when the fragment changes too.
 */
export function adoptTokensFromLinks(): void {
  window.addEventListener('hashchange', () => {
    if (adoptTokenFromAddress()) window.dispatchEvent(new Event(TOKEN_ADOPTED));
  });
}

export function currentToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function rejectToken(): void {
  sessionStorage.removeItem(KEY);
  window.dispatchEvent(new Event(TOKEN_REJECTED));
}
