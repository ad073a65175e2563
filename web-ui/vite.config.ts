import { defineConfig } from 'vite';

// The build lands in dist/, which Maven packages under META-INF/resources so that the backend
// (Quarkus) serves it from its own origin. Four pages: the customer portal (/), the helpdesk console
// (/console.html), the demo payment provider (/pay.html) and the developers' card terminal (/terminal.html,
// for the end-to-end tests).
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        portal: 'index.html',
        console: 'console.html',
        pay: 'pay.html',
        terminal: 'terminal.html',
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true },
      '/q': 'http://localhost:8080',
      '/downloads': 'http://localhost:8080',
    },
  },
});
