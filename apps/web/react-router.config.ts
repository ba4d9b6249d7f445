import type { Config } from '@react-router/dev/config';

export default {
  appDirectory: 'app',
  // WEB_BUILD_DIR: another place for the bundles (two test runs side by side); mount-web reads the same variable.
  buildDirectory: process.env.WEB_BUILD_DIR ?? '../../dist/web',
  ssr: true,
  serverBuildFile: 'index.mjs',
} satisfies Config;
