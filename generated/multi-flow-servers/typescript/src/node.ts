/**
 * Node.js-only additions (also Deno and Bun): import them from `<package>/node`. The main entry
 * point never imports `node:` modules, so it stays usable in browsers.
 */
export {
  FileTokenStore,
  TokenStoreError,
  type FileTokenStoreOptions,
} from './runtime/file-token-store.js';
