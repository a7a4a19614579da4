import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page's Content-Security-Policy: everything comes from its own origin and nothing may be sent
 * anywhere else. 'wasm-unsafe-eval' lets the wasm backend compile TensorFlow.js's WebAssembly; a worker
 * is a script from 'self'; downloads are blob: links, which the policy does not govern. e2e/safety.spec.ts
 * proves it holds in the page and in the workers and that every model still loads, trains, evaluates
 * and exports under it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * The policy in the HTML itself (it travels with the page to any host) and as a header from
 * `vite preview`: a worker obeys only the header its own script was served with. Not in `vite` (dev),
 * whose hot reload needs inline scripts and a WebSocket.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // Module workers: the training worker imports tfjs as an ES module.
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  server: { host: '127.0.0.1' },
});
