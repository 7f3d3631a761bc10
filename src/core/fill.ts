/** `{0}`, `{1}`… in a translated template replaced by `args`, as `vscode.l10n.t` does on the host. */
export function fill(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}
