import { defineConfig } from 'vitest/config';

/**
 * Two projects: pure unit tests beside the code, and integration/e2e tests that share one real
 * Directus process started by the global setup (SQLite, or PostgreSQL when TEST_PG_URL is set).
 */
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['extensions/*/src/**/*.test.ts', 'seeds/**/*.test.ts', 'scripts/**/*.test.ts'],
					environment: 'node',
				},
			},
			{
				test: {
					name: 'integration',
					include: ['tests/**/*.test.ts'],
					globalSetup: ['tests/setup/directus-global-setup.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// One Directus serves every file: run files one after another so tests that
					// count or change shared data never race each other.
					fileParallelism: false,
				},
			},
		],
	},
});
