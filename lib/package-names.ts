/**
 * The names this library is published under: `cdktf-s3-admin` for CDK for Terraform, and `cdktn-s3-admin`
 * for CDK Terrain (the same sources, built by scripts/build-cdktn.js). Code that looks for the package's own
 * files above itself (the provider bundle, the version) accepts either.
 */
export const PACKAGE_NAMES: readonly string[] = ['cdktf-s3-admin', 'cdktn-s3-admin'];
