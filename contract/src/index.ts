export * from './calls';
export * from './dev';
export * from './errors';
export * from './identity';
export * from './payments';
export * from './rates';
export * from './status';
export * from './wallet';
