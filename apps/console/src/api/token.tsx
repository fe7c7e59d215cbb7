/**
 * The bearer token the console sends. It arrives in the address fragment (`/#token=…`, the link
 * the API prints at first start), which never reaches a server, or is typed in the token form;
 * it is kept for the tab's session only and removed from the address.
 */
const KEY = 'pix-ledger.token';

/** Dispatched on `window` when the API refuses the token (401): the console asks again. */
export const TOKEN_REJECTED = 'pix-ledger:token-rejected';

export function adoptTokenFromAddress(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  saveToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
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
