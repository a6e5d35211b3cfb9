import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The playground server (mock-server/main.ts) serves this build, or runs Vite as
// middleware with --dev; Vite never serves on its own, so the origins stay the same.
// The UI is written against React's API and rendered by Preact's compatibility layer: the
// preset aliases react and react-dom to preact/compat, which is about 50 KB gzipped less
// to load before the first screen (docs/benchmarks.md, "The first script").
export default defineConfig({
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true },
});
