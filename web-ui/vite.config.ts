import { defineConfig } from 'vite';

// The build lands in dist/, which Maven packages under META-INF/resources so that the backend
// (Quarkus) serves it from its own origin.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/q': 'http://localhost:8080',
    },
  },
});
