import type { Knex } from 'knex';
import type { FieldValue, ValueRange } from '../../core/timing/date-occurrences.js';
import { addDaysYmd } from '../../core/timing/zoned-time.js';
import { isSqlite } from '../db/dialect.js';
import { toDate, toYmd } from '../db/rows.js';

const MS_PER_DAY = 86_400_000;

export interface DateColumn {
	table: string;
	primaryKey: string;
	field: string;
	/** A `date` field (`YYYY-MM-DD`); otherwise an instant (`timestamp`, `dateTime`). */
	dateOnly: boolean;
}

/**
 * The earliest and latest stored values of the field, a day wider each side (SQLite keeps a date
 * as the server's local midnight): min() and max() of an indexed column read two index ends.
 */
export async function fieldBounds(knex: Knex, column: DateColumn): Promise<{ min: FieldValue; max: FieldValue } | null> {
	// Two queries: SQLite reads an index end for a lone min() or max() only, and scans for both at once.
	const [low, high] = await Promise.all([boundQuery(knex, column, 'min'), boundQuery(knex, column, 'max')]);
	if (column.dateOnly) {
		const [min, max] = [toYmd(low), toYmd(high)];
		return min && max ? { min: addDaysYmd(min, -1), max: addDaysYmd(max, 1) } : null;
	}
	const [min, max] = [toDate(low), toDate(high)];
	return min && max ? { min: new Date(min.getTime() - MS_PER_DAY), max: new Date(max.getTime() + MS_PER_DAY) } : null;
}

/** One end of the field's stored values, read from its index. */
export function boundQuery(knex: Knex, column: DateColumn, end: 'min' | 'max'): Promise<unknown> {
	const query = end === 'min' ? knex(column.table).min({ value: column.field }) : knex(column.table).max({ value: column.field });
	return query.first().then((row: { value?: unknown } | undefined) => row?.value);
}

/**
 * The keys of records whose field lies in one of the ranges: `field BETWEEN a AND b OR …`, which
 * PostgreSQL answers with index range scans (a BitmapOr) and SQLite with its multi-index OR. The
 * bounds are written as the vendor stores the column: dates as dates on PostgreSQL and epoch
 * milliseconds of a midnight on SQLite (the server's or UTC's, both covered), instants as
 * timestamps on PostgreSQL and epoch milliseconds on SQLite. A superset is fine: each record is
 * checked exactly afterwards.
 */
export function candidateQuery(knex: Knex, column: DateColumn, ranges: ValueRange[]): Knex.QueryBuilder {
	const sqlite = isSqlite(knex);
	const bound = (range: ValueRange): [unknown, unknown] => {
		if (typeof range.from === 'string' && typeof range.to === 'string') {
			if (!sqlite) return [range.from, range.to];
			const [from, to] = [midnights(range.from), midnights(range.to)];
			return [Math.min(...from), Math.max(...to)];
		}
		const [from, to] = [range.from as Date, range.to as Date];
		return sqlite ? [from.getTime(), to.getTime()] : [from, to];
	};
	return knex(column.table)
		.select(column.primaryKey)
		.where((where) => {
			for (const range of ranges) where.orWhereBetween(column.field, bound(range) as [Knex.Value, Knex.Value]);
		});
}

/** The epoch milliseconds of a day's midnight, in UTC and in the server's zone. */
function midnights(ymd: string): [number, number] {
	const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
	return [Date.UTC(year, month - 1, day), new Date(year, month - 1, day).getTime()];
}
