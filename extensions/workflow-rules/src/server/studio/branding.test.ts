import { describe, expect, it } from 'vitest';
import { brandingToApply } from './branding.js';

describe('brandingToApply', () => {
	it('brands a project still at Directus’ defaults', () => {
		expect(brandingToApply({ project_name: 'Directus', project_descriptor: null, project_color: '#6644ff' })).toEqual({
			project_name: 'Workflow Rules',
			project_descriptor: 'CRM automation',
			project_color: '#2F80ED',
		});
	});

	it('keeps what an admin set, field by field', () => {
		expect(brandingToApply({ project_name: 'Acme CRM', project_descriptor: null, project_color: '#112233' })).toEqual({ project_descriptor: 'CRM automation' });
		expect(brandingToApply({ project_name: 'Acme CRM', project_descriptor: 'Back office', project_color: '#112233' })).toEqual({});
	});
});
