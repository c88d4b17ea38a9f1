/** The shared byte-order-mark helper, for ingest and the config loader (transports import it from src/contract). */
export { stripByteOrderMark } from '../contract/byte-order-mark.js';
