// The package's entry point: every public construct and type.
export * from '../constructs/admin-bucket';
export * from '../constructs/bucket-user';
export * from '../constructs/static-website';
export { duckBookmark, DuckBookmarkOptions } from './bookmarks/duck-bookmark';
export { BookmarkFile, BOOKMARK_DIRECTORY } from './bookmarks/bookmark-file';
export { ValidationError } from './errors';
export * from './lifecycle';
export { bucketNameViolations } from './naming/bucket-name';
export { domainNameViolations } from './naming/domain-name';
export { iamNameViolations, IamNameKind } from './naming/iam-name';
export { BUCKET_ADMIN_BUCKET_ACTIONS, bucketAdminPolicy } from './policies/bucket-admin-policy';
export { WEBSITE_ADMIN_ACTIONS, websiteAdminPolicy } from './policies/website-admin-policy';
export { PolicyDocument, PolicyStatement } from './policies/policy-document';
export { Tags, TAG_LIMITS } from './tags';
export { GeoRestriction, PriceClass, PRICE_CLASSES } from './website-rules';
