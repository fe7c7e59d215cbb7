export * from './shared/decider';
export * from './shared/dates';
export * from './shared/event-catalogue';
export * from './integrations';
export * from './certification';
export * from './regulation';
export * from './privacy';
