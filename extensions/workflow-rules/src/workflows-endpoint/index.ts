import { defineEndpoint } from '@directus/extensions-sdk';
import { ENDPOINT_ID } from '../shared/identity.js';
import { runtimeStatus } from '../server/runtime-status.js';
import { requireUser } from '../server/http/require-user.js';
import { asyncRoute } from '../server/http/async-route.js';
import { EXTENSION_VERSION } from '../shared/version.js';

export default defineEndpoint({
	id: ENDPOINT_ID,
	handler: (router) => {
		router.get(
			'/health',
			asyncRoute(async (req, res) => {
				requireUser(req);
				res.json({ status: 'ok', version: EXTENSION_VERSION, ...runtimeStatus() });
			}),
		);
	},
});
