export type { Claim, SourceRef } from './types';
export { createDetector, type Detector } from './detector';
export { detectInContext } from './in-context';
export { warmNlp } from './nlp';
