import { type AppKey, AppKeySchema, type SiteHost, SiteHostSchema } from '../../lib/domain/identifiers';

/** Test names for sites and apps, checked as the extension checks what it receives. */
export const siteHost = (value: string): SiteHost => SiteHostSchema.parse(value);
export const appKey = (value: string): AppKey => AppKeySchema.parse(value);
