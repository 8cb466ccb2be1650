import { describe, expect, it } from 'vitest';
import { addDays, apiErrorMessage, apiStatus, formatWhen } from './format.js';

describe('format', () => {
	it('formats dates in the user’s language', () => {
		expect(formatWhen('2026-03-01T10:00:00Z', 'fr')).toMatch(/2026/);
		expect(formatWhen(null, 'en')).toBe('—');
	});
	it('reads Directus errors', () => {
		const error = { response: { status: 403, data: { errors: [{ message: 'You don’t have permission' }] } } };
		expect(apiErrorMessage(error)).toBe('You don’t have permission');
		expect(apiStatus(error)).toBe(403);
		expect(apiErrorMessage(new Error('boom'))).toBe('boom');
	});
	it('adds days to a UTC day', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
	});
});
