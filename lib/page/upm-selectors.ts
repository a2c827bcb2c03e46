/**
 * Every selector Token Lens reads on a Manage apps page (UPM), with where each fact comes from
 * (PAGES.md §2). The reference page reproduces the same structure, so these serve both pages.
 */
export const UPM = {
  /** The user-installed list. Source: atlassian/github-for-jira test/e2e/utils/jira.ts; sourcegraph e2e tests. */
  userInstalledList: '#upm-manage-plugins-user-installed',
  /** One app row, keyed by `data-key`. Source: same, and vburlai/confluence-admin-notes-plugin AdminNotesManageListView.js. */
  row: 'div.upm-plugin',
  /** Older UPM versions keep the key in a hidden input. Source: vburlai/confluence-admin-notes-plugin. */
  legacyKeyInput: 'input.upm-plugin-key',
  /** The app's name. Source: same. */
  name: 'h4.upm-plugin-name',
} as const;
