export * from './certification.projection';
export * from './year-facts';
export * from './year-views';
