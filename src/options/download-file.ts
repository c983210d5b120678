/** Saves text as a file through the browser's downloads (a blob link clicked once). */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A stored value exactly as it is, as pretty JSON (for "Export as stored"). */
export function storedJson(raw: unknown): string {
  return `${JSON.stringify(raw, null, 2) ?? 'null'}\n`;
}
