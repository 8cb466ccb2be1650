import { describe, expect, it } from 'vitest';
import { actionOutcomes, type JobRow, type PlannedActionRow } from './action-outcomes.js';

const planned: PlannedActionRow[] = [
	{ index: 0, type: 'tag', timing: 'instant', due_at: '2026-01-01T10:00:00Z', status: 'scheduled' },
	{ index: 1, type: 'webhook', timing: 'instant', due_at: '2026-01-01T10:00:00Z', status: 'scheduled' },
	{ index: 2, type: 'email', timing: 'relative_to_field', due_at: null, status: 'skipped', message: 'start_at is empty' },
	{ index: 3, type: 'email', timing: 'after_trigger', due_at: '2026-01-03T10:00:00Z', status: 'scheduled' },
];
const job = (over: Partial<JobRow>): JobRow => ({ id: 1, run: 9, action_index: 0, action_type: 'tag', status: 'succeeded', due_at: '2026-01-01T10:00:00Z', finished_at: '2026-01-01T10:00:01Z', last_error: null, ...over });

describe('actionOutcomes', () => {
	it('takes each action’s real outcome from its job, the plan only when there is no job', () => {
		const outcomes = actionOutcomes(planned, [
			job({ id: 1 }),
			job({ id: 2, action_index: 1, action_type: 'webhook', status: 'failed', last_error: 'HTTP 500' }),
			job({ id: 4, action_index: 3, action_type: 'email', status: 'pending', due_at: '2026-01-03T10:00:00Z', finished_at: null }),
		]);
		expect(outcomes.map(({ index, status, message, retryable }) => ({ index, status, message, retryable }))).toEqual([
			{ index: 0, status: 'succeeded', message: null, retryable: false },
			{ index: 1, status: 'failed', message: 'HTTP 500', retryable: true },
			{ index: 2, status: 'skipped', message: 'start_at is empty', retryable: false },
			{ index: 3, status: 'pending', message: null, retryable: false },
		]);
		expect(outcomes[3]!.at).toBe('2026-01-03T10:00:00Z');
		expect(outcomes[0]!.at).toBe('2026-01-01T10:00:01Z');
	});

	it('shows a pending job’s last error while it waits for a retry, and a skipped job’s reason', () => {
		const [first, second] = actionOutcomes(planned.slice(0, 2), [job({ status: 'pending', last_error: 'timeout', finished_at: null }), job({ id: 2, action_index: 1, status: 'skipped', last_error: 'the rule is inactive' })]);
		expect(first).toMatchObject({ status: 'pending', message: 'timeout' });
		expect(second).toMatchObject({ status: 'skipped', message: 'the rule is inactive', retryable: true });
	});

	it('lists jobs even when the run kept no plan', () => {
		expect(actionOutcomes(null, [job({ action_index: 2, action_type: 'email' })])).toMatchObject([{ index: 2, type: 'email', status: 'succeeded' }]);
	});
});
