/** Values made safe for a stored trace: Dates become ISO strings, undefined and NaN become null. */
export function toJsonValue(value: unknown): unknown {
	if (value === undefined || value === null) return null;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (Array.isArray(value)) return value.map(toJsonValue);
	if (typeof value === 'object') {
		const withToJson = value as { toJSON?: () => unknown };
		if (typeof withToJson.toJSON === 'function') return toJsonValue(withToJson.toJSON());
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]));
	}
	return null;
}
