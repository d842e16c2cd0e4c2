export * from './schemas';
export { warnOnce } from './log';
