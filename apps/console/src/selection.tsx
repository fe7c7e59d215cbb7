import { createContext } from 'preact';

/** What the auditor is looking at; kept in the address (?year=&academie=&knownAt=) to share it. */
export interface Selection {
  year: string;
  academie: string;
  knownAt: string;
}

export function readSelection(search: string): Selection {
  const params = new URLSearchParams(search);
  return {
    year: params.get('year') ?? '',
    academie: params.get('academie') ?? '',
    knownAt: params.get('knownAt') ?? '',
  };
}

export function writeSelection(selection: Selection): void {
  const params = new URLSearchParams();
  if (selection.year) params.set('year', selection.year);
  if (selection.academie) params.set('academie', selection.academie);
  if (selection.knownAt) params.set('knownAt', selection.knownAt);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

/** The knowledge time every view is asked at ('' = today), for deep components (text history). */
export const KnownAtContext = createContext('');
