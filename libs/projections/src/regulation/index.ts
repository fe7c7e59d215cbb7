export * from './regulation-timeline.projection';
