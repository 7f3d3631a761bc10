// Builders of GitHub-shaped objects (the exact JSON GitHub returns) from scenario records.
// Split by subject; import from here.
export {
  type Shape, type ShapeContext, githubDotComContext, nodeId, simpleUser, privateUser, organization, team, teamFull,
  repository, label, labelsByName, milestone, milestoneByNumber, collaborator,
} from './shapes-base';
export {
  association, issue, searchItem, pullSimple, pullFull, requestedReviewers, review, comment, timeline,
} from './shapes-issues';
export { checkRun, combinedStatus, workflow, workflowRun, notification } from './shapes-ci';
