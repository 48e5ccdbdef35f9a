import { renderPolicy } from './policy-document';

/** What a website admin may do on its own distribution: invalidate the cache and read its state. */
export const WEBSITE_ADMIN_ACTIONS: readonly string[] = [
  'cloudfront:CreateInvalidation',
  'cloudfront:GetDistribution',
  'cloudfront:GetDistributionConfig',
  'cloudfront:GetInvalidation',
  'cloudfront:ListInvalidations',
];

/** The `<domain>-WebAdmPlc` document, scoped to one distribution. */
export function websiteAdminPolicy(distributionArn: string): string {
  return renderPolicy([
    { Sid: 'WebsiteAdmin', Effect: 'Allow', Action: [...WEBSITE_ADMIN_ACTIONS], Resource: [distributionArn] },
  ]);
}
