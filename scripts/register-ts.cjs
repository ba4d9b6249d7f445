// Lets Node run the TypeScript sources directly (`node -r ./scripts/register-ts.cjs apps/api/src/main.ts`):
// SWC strips the types with the same options as jest, and `@app/<lib>` resolves to `libs/<lib>/src`
// as tsconfig.json's paths say. The production image runs the tsc build instead (`npm run build`).
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const swcOptions = require('./swc-options.cjs');

const root = path.resolve(__dirname, '..');
// `import()` stays a real dynamic import (as tsc keeps it under module node20): the web's ES modules (Vite, React
// Router, the built server bundle as a file:// URL) cannot be loaded by require().
const keepDynamicImport = { module: { ...swcOptions.module, ignoreDynamic: true } };
process.setSourceMapsEnabled(true);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAppAlias(request, ...rest) {
  const alias = /^@app\/([^/]+)$/.exec(request);
  if (alias) request = path.join(root, 'libs', alias[1], 'src');
  return resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    ...swcOptions,
    ...keepDynamicImport,
    filename,
    swcrc: false,
    configFile: false,
  });
  module._compile(code, filename);
};
