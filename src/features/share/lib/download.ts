/** Offers `text` to the user as a file download named `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  // The download has started from the URL by now; it is needed no longer.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
