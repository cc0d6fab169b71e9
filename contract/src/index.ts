export * from './dev';
export * from './errors';
export * from './identity';
export * from './status';
