import type { Config } from '@react-router/dev/config';

export default {
  appDirectory: 'app',
  buildDirectory: '../../dist/web',
  ssr: true,
  serverBuildFile: 'index.mjs',
} satisfies Config;
