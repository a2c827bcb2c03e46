import type { BrowserContext, Page } from 'playwright-core';

/**
 * The CSP violations Chromium reports for a page and the content scripts in it. Chromium files
 * them as DevTools issues (a caught `new Function` prints nothing to the console), so they are
 * read over the DevTools protocol's Audits domain.
 */
export async function watchCspIssues(context: BrowserContext, page: Page, where: string): Promise<() => string[]> {
  const found: string[] = [];
  const session = await context.newCDPSession(page);
  session.on('Audits.issueAdded', ({ issue }) => {
    if (issue.code !== 'ContentSecurityPolicyIssue') return;
    const details = issue.details.contentSecurityPolicyIssueDetails;
    found.push(
      `${where}: ${details?.contentSecurityPolicyViolationType} (${details?.violatedDirective}) in ${details?.sourceCodeLocation?.url ?? '?'}`,
    );
  });
  await session.send('Audits.enable');
  return () => [...found];
}
