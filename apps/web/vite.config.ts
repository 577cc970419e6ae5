import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * echarts-for-react's ESM build imports `tslib` without declaring it; echarts ships its own copy.
 * Resolve it from echarts so the build does not depend on how npm happened to hoist packages.
 */
const require = createRequire(import.meta.url);
const tslib = join(dirname(createRequire(require.resolve('echarts')).resolve('tslib')), 'tslib.es6.js');

/**
 * Routes are split with React.lazy. Only React and its router get a fixed vendor chunk (every route needs them);
 * antd and echarts are left to automatic splitting so a page loads only the components it renders,
 * and echarts lands only in the chunks that draw charts.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { tslib } },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      treeshake: {
        // antd's rc-component and @ant-design packages do not declare `sideEffects: false`, so every
        // component the antd barrel reaches (tabs, trigger, form, …) would be kept. They have no import-time
        // side effects; saying so lets each route keep only the components it renders.
        moduleSideEffects: (id) =>
          /node_modules[\\/](@rc-component|@ant-design)[\\/]/.test(id) && !id.endsWith('.css') ? false : undefined,
      },
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
