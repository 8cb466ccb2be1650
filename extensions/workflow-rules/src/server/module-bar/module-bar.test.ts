import { describe, expect, it } from 'vitest';
import { DEFAULT_MODULE_BAR, withWorkflowModule } from './module-bar.js';

describe('withWorkflowModule', () => {
	it('adds the module, enabled, before Settings of the default bar', () => {
		const bar = withWorkflowModule(null)!;
		expect(bar.map((part) => part.id).slice(-2)).toEqual(['workflow-rules', 'settings']);
		expect(bar.find((part) => part.id === 'workflow-rules')).toEqual({ type: 'module', id: 'workflow-rules', enabled: true });
		expect(bar).toHaveLength(DEFAULT_MODULE_BAR.length + 1);
	});

	it('keeps a customised bar and appends when it has no Settings', () => {
		expect(withWorkflowModule([{ type: 'module', id: 'content', enabled: true }])).toEqual([
			{ type: 'module', id: 'content', enabled: true },
			{ type: 'module', id: 'workflow-rules', enabled: true },
		]);
	});

	it('leaves a bar that lists the module alone, even disabled', () => {
		expect(withWorkflowModule([{ type: 'module', id: 'workflow-rules', enabled: false }])).toBeNull();
	});
});
