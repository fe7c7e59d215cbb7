export * from './sealed-personal-data';
export * from './pupil-erasure';
