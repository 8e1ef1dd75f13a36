/**
 * How many resources a stack of the portal may hold: CloudFormation refuses more than 500, and
 * the portal holds each of its stacks to 420 so that 20 more routes still fit
 * (resource-budget.test.ts checks the growth; `npm run deploy:check` checks a real synth).
 */
export const cloudFormationLimit = 500;
export const budgetWithTwentyMoreRoutes = 420;
/** Today's stacks: the budget with the room for 20 more routes (3 resources each) taken off. */
export const resourceBudget = budgetWithTwentyMoreRoutes - 20 * 3;
