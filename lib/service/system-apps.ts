/**
 * A few system apps, as the product lists them apart from user-installed ones: the reference page
 * shows them under *System apps* (the overlay must skip them), and the site's UPM REST list gives
 * them with `userInstalled: false`. One list for both, so the two never disagree.
 */
export const SYSTEM_APPS: readonly { key: string; name: string; version: string; description: string }[] = [
  {
    key: 'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
    name: 'Atlassian Universal Plugin Manager Plugin',
    version: '1.0',
    description: 'Manages the apps installed on this site.',
  },
  {
    key: 'com.atlassian.jira.jira-issue-nav-plugin',
    name: 'Jira Issue Navigator',
    version: '1.0',
    description: 'Searches and lists issues.',
  },
];
