/** Text for Telegram's HTML parse mode: amoCRM names are escaped, never markup. [docs/services.md §B3] */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
