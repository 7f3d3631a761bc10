/**
 * Octokit with GitHub's recommended plugins (throttling, retry): the only file that imports
 * Octokit's code. The extension ships it as dist/octokitLibrary.js beside the bundle (esbuild.mjs
 * `LAZY_FILES`), loaded when the first GitHub client is made (`createOctokit`): activation and
 * the saved inbox's first paint never load its 130 KB.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export const LeadDeskOctokit = Octokit.plugin(throttling, retry);
