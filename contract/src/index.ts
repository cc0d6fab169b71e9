export * from './errors';
export * from './rates';
export * from './status';
