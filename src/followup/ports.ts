/**
 * What the use cases need: the store's repositories (narrowed to what they call), the transports and the
 * team's settings. The composition root (src/server.ts) passes the real ones.
 */
import type { ClosingLogic, RuleOverrides } from '../policy/index.js';
import type { Store } from '../store/index.js';
import type { TransportRegistry } from '../transports/transport.js';

export type { OutboxEntry } from '../store/index.js';

export type FollowupStore = Pick<Store, 'contacts' | 'templates' | 'counters' | 'outbox' | 'withLock' | 'namespace'>;

/** Namespace mapping a provider's message id to our outbox entry (shared with ingest's delivery reports). */
export { OUTBOX_BY_PROVIDER_ID } from '../contract/delivery-reports.js';

export interface FollowupSettings {
  rules: RuleOverrides;
  closingLogic: ClosingLogic;
}

export interface FollowupDeps {
  store: FollowupStore;
  transports: TransportRegistry;
  settings: FollowupSettings;
}
