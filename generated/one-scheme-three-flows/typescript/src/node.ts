/**
 * Node.js-only additions (also Deno and Bun): import them from `<package>/node`. The main entry
 * point never imports `node:` modules, so it stays usable in browsers.
 */
export {
  FileTokenStore,
  TokenStoreError,
  type FileTokenStoreOptions,
} from './runtime/file-token-store.js';
export { nodeLoopbackListener } from './runtime/loopback-node.js';

import { registerLoopbackListener } from './runtime/loopback.js';
import { nodeLoopbackListener } from './runtime/loopback-node.js';

// Importing this entry makes `authorizeWithLoopback()` work (RFC 8252 loopback sign-in).
registerLoopbackListener(nodeLoopbackListener);
