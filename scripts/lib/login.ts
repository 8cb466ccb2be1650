/** Logs in with email and password and returns an access token. */
export async function login(url: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${url}/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password }),
	});
	const body = (await response.json()) as { data?: { access_token?: string }; errors?: { message: string }[] };
	if (!response.ok || !body.data?.access_token) throw new Error(`Login as ${email} failed: ${body.errors?.[0]?.message ?? response.status}`);
	return body.data.access_token;
}
