export { FailurePanel } from './FailurePanel';
export type { FailurePanelProps } from './FailurePanel';
export { SlowProgress } from './SlowProgress';
export type { SlowProgressProps } from './SlowProgress';
export { failureDetail } from './failureDetail';
export { shownText } from './shownText';
