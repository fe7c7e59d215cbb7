export * from './certification.projection';
export * from './year-facts';
export * from './year-views';
export * from './year-summaries';
export * from './year-stats-memo';
