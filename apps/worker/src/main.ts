import { startWorker } from './start-worker';

void startWorker();
