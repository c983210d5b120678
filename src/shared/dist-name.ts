/** A Python distribution name as pip normalises it (PEP 503: lower case, runs of `-_.` as one `-`), at most 100 characters. */
export const DIST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
