import { render } from 'preact';
import { adoptTokenFromAddress, adoptTokensFromLinks } from './api/token';
import { App } from './app';
import { TokenGate } from './token-gate';
import './styles.css';

adoptTokenFromAddress();
adoptTokensFromLinks();
render(
  <TokenGate>
    <App />
  </TokenGate>,
  document.getElementById('app')!,
);
