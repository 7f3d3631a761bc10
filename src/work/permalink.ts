/** A GitHub permalink to the selected lines at the current commit (pure, so it is unit tested). */
export function permalink(webOrigin: string, repo: string, commit: string, relativePath: string, startLine: number, endLine: number): string {
  const path = relativePath.split(/[\\/]/).map(encodeURIComponent).join('/');
  const lines = startLine === endLine ? `L${startLine}` : `L${startLine}-L${endLine}`;
  return `${webOrigin}/${repo}/blob/${commit}/${path}#${lines}`;
}
