/**
 * The log file of one `npm start`: everything the extension build and Directus' CLI print, so the
 * terminal can show one line per step and still leave the details to whoever needs them.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StartLog {
	file: string;
	write: (chunk: Buffer | string) => void;
	/** A heading before each step's output, so the file reads in the order things ran. */
	section: (title: string) => void;
}

/** Starts `<dataDir>/logs/start.log` afresh: it holds the latest start only. */
export function openStartLog(dataDir: string): StartLog {
	const file = path.join(dataDir, 'logs', 'start.log');
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, `npm start, ${new Date().toISOString()}\n`);
	const write = (chunk: Buffer | string) => appendFileSync(file, chunk);
	return { file, write, section: (title) => write(`\n=== ${title} ===\n`) };
}

/** `file` as the user would type it from the project folder, or absolute when it lies outside. */
export function displayPath(file: string, root: string): string {
	const relative = path.relative(root, file);
	return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
