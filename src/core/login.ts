/** The one check of a GitHub login: letters, digits and hyphens, 1–39 characters, not starting with a hyphen. */
export const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** A coding agent's login: a GitHub login, or an app's as REST spells it (`copilot-swe-agent[bot]`). */
export const AGENT_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
