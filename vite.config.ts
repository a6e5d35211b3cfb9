import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The playground server (mock-server/main.ts) serves this build, or runs Vite as
// middleware with --dev; Vite never serves on its own, so the origins stay the same.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
