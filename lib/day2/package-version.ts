import { findOwnPackage, OwnPackage } from '../package-names';

export type { OwnPackage };

/** The package this command runs from. */
export function ownPackage(from: string = __dirname): OwnPackage {
  return findOwnPackage(from);
}

export function packageVersion(from?: string): string {
  return ownPackage(from).version;
}

/** The modules a stack written by `s3-admin adopt` imports. */
export interface StackImports {
  /** cdktf or cdktn */
  readonly core: string;
  /** The toolkit's prebuilt AWS provider. */
  readonly awsProvider: string;
  /** This library, under the name of the package the command runs from (or --module). */
  readonly library: string;
}

/** What a user of `packageName` imports: cdktn-s3-admin's users are on CDK Terrain, cdktf-s3-admin's on cdktf. */
export function stackImports(packageName: string = ownPackage().name, library?: string): StackImports {
  const cdktn = packageName === 'cdktn-s3-admin';
  return { core: cdktn ? 'cdktn' : 'cdktf', awsProvider: cdktn ? '@cdktn/provider-aws' : '@cdktf/provider-aws', library: library ?? packageName };
}
