// The production-profile project of jest.profiles.config.cjs: every test file it runs reads this profile.
process.env.ANCRAGE_TEST_PROFILE = 'production';
