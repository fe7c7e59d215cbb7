export * from './shared/decider';
export * from './shared/dates';
