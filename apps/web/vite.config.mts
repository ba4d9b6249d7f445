import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

// reactRouter() alone: it brings React Refresh (adding @vitejs/plugin-react breaks hydration in development).
export default defineConfig({
  plugins: [reactRouter()],
  optimizeDeps: { include: ['react', 'react-dom', 'react-dom/client', 'react-router', 'leaflet'] },
  build: { target: 'es2022' },
});
