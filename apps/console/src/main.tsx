import { render } from 'preact';
import { adoptTokenFromAddress } from './api/token';
import { App } from './app';
import { TokenGate } from './token-gate';
import './styles.css';

adoptTokenFromAddress();
render(
  <TokenGate>
    <App />
  </TokenGate>,
  document.getElementById('app')!,
);
