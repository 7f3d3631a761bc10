/**
 * The one check of an `owner/repo` name, for settings, webview messages and anything that puts a
 * repo into a URL path: GitHub's characters, at most 100 a part, and never a `.` or `..` part
 * (which would walk the URL path).
 */
export const REPO_NAME = /^(?!\.{1,2}\/)[A-Za-z0-9_.-]{1,100}\/(?!\.{1,2}$)[A-Za-z0-9_.-]{1,100}$/;

