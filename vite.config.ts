// Builds the renderer once for both hosts: the headless service serves it at
// http://127.0.0.1:<port>/ and Electron loads it from a file, hence the relative base.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true },
});
