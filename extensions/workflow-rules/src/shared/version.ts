import manifest from '../../package.json';

export const EXTENSION_VERSION: string = manifest.version;
