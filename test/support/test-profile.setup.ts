import { fileFakeSmtp, setFileFakeSmtp, startFakeSmtp } from './fake-smtp';
import { TEST_SMTP_URL_VARIABLE, testProfile } from './test-services';

/**
 * Runs before each test file (jest `setupFilesAfterEnv`). In the production profile, production refuses to start
 * without SMTP_URL: the file gets a fake SMTP server of its own on loopback, which testConfig() points SMTP_URL at.
 */
if (testProfile() === 'production') {
  beforeAll(async () => {
    const server = await startFakeSmtp();
    setFileFakeSmtp(server);
    process.env[TEST_SMTP_URL_VARIABLE] = server.url;
  });

  afterAll(async () => {
    await fileFakeSmtp()?.close();
    setFileFakeSmtp(undefined);
    delete process.env[TEST_SMTP_URL_VARIABLE];
  });
}
