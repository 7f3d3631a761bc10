/**
 * Text from GitHub or the lead shown where VS Code renders `$(name)` as an icon (quick picks,
 * the status bar): a zero-width space after `$` keeps it literal, so a title cannot draw icons.
 */
export function withoutIconSyntax(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}
