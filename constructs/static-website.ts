import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { CloudfrontDistribution, CloudfrontDistributionOrigin } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3BucketWebsiteConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-website-configuration';
import { Annotations, Fn, ITerraformDependable, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { importAdminPair, literal, route53RecordId } from '../lib/synth/import-ids';
import { throwIfBroken, ValidationError } from '../lib/synth/errors';
import { bucketNameViolations } from '../lib/rules/bucket-name';
import {
  websiteAdminGroupName,
  websiteAdminPolicyName,
  websiteHeadersPolicyName,
  WEBSITE_HEADERS_POLICY_SUFFIX,
} from '../lib/rules/conventions';
import { domainNameViolations } from '../lib/rules/domain-name';
import { allowCloudFrontRead } from '../lib/synth/policies/bucket-resource-policy';
import { websiteAdminPolicy } from '../lib/synth/policies/website-admin-policy';
import { Tags } from '../lib/rules/tags';
import { renderSecurityHeaders, SecurityHeaders, securityHeadersViolations } from '../lib/synth/website/security-headers';
import { geoRestrictionViolations, GeoRestriction, PRICE_CLASSES, PriceClass } from '../lib/synth/website-rules';
import { AccessLogsProps, AdminBucket, ExistingBucket, serviceTags } from './admin-bucket';
import { BucketUser, BucketUserOptions } from './bucket-user';
import { AdminRights, Grant, Grantee, grantRights } from './grant';
import { WebsiteContent, WebsiteContentOptions } from './website-content';

/**
 * How CloudFront reaches the bucket.
 * - `origin-access-control`: the S3 REST endpoint, requests signed by CloudFront; the bucket stays private.
 * - `website-endpoint`: the S3 website endpoint over HTTP, as the replaced REST service did; needs a
 *   publicly readable bucket, but serves `index.html` for sub-folders and S3 website redirects.
 */
export type WebsiteOrigin = 'origin-access-control' | 'website-endpoint';

/** What already exists of a website (see `StaticWebsite.importExisting`). */
export interface ExistingWebsite {
  /** What exists of the website's bucket. */
  readonly bucket?: ExistingBucket;
  /** The bucket has a website configuration. @default false */
  readonly websiteConfiguration?: boolean;
  /** The CloudFront distribution that serves the domain. @default - a distribution is created */
  readonly distributionId?: string;
  /** The distribution's origin access control (origin `origin-access-control` only). @default - created */
  readonly originAccessControlId?: string;
  /** Alias record types that exist for the domain in the hosted zone. @default - none */
  readonly records?: Array<'A' | 'AAAA'>;
  /** The ARN of the existing `<domainName>-WebAdmPlc`. @default - the policy is created */
  readonly webAdminPolicyArn?: string;
  /** `<domainName>-WebAdmGrp` exists. @default false */
  readonly webAdminGroup?: boolean;
  /** The existing website policy is attached to the existing website group. @default false */
  readonly webAdminPolicyAttached?: boolean;
}

/**
 * The groups a website user may join, by the replaced service's suffixes.
 * @deprecated use `site.bucket.grantAdmin(user)` and `site.grantWebAdmin(user)`.
 */
export type WebsiteGroup = 'BktAdmGrp' | 'WebAdmGrp';

/**
 * CloudFront standard logging (access logs) of the distribution into an S3 bucket.
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
 */
export interface DistributionLogsProps {
  /**
   * The bucket that receives the logs: an `AdminBucket` of this app, which must have
   * `objectOwnership: 'BucketOwnerPreferred'` (CloudFront writes logs through an ACL grant, so the bucket needs
   * ACLs on), or the name of a bucket made elsewhere with ACLs on. CloudFront adds its log-delivery grant to the
   * bucket's ACL when the distribution is deployed, so the deploy needs `s3:GetBucketAcl` and `s3:PutBucketAcl`
   * on it. Not the site's own bucket (its ACLs are off), and not a bucket with SSE-KMS unless its key lets
   * CloudFront log delivery use it.
   */
  readonly bucket: AdminBucket | string;
  /** Key prefix of the log files. @default - `cloudfront/<domainName>/` */
  readonly prefix?: string;
  /** Also log cookies. @default false */
  readonly includeCookies?: boolean;
}

export interface StaticWebsiteProps {
  /** The site's fully qualified domain name; also the bucket's name, so it must be a valid bucket name too. */
  readonly domainName: string;
  /** The Route53 hosted zone that holds the domain. Exactly one of `hostedZoneId` and `hostedZoneName`. */
  readonly hostedZoneId?: string;
  /** The hosted zone's name, looked up at plan time. Exactly one of `hostedZoneId` and `hostedZoneName`. */
  readonly hostedZoneName?: string;
  /**
   * An existing ACM certificate in us-east-1 that covers the domain.
   * @default - a certificate is requested in us-east-1 and validated through DNS records in the hosted zone
   */
  readonly certificateArn?: string;
  /** @default 'index.html' */
  readonly indexDocument?: string;
  /** Served for 404s (and for 403s, which is what a private bucket answers for a missing key). @default - none */
  readonly errorDocument?: string;
  /** @default - no restriction */
  readonly geoRestriction?: GeoRestriction;
  /** @default 'PriceClass_100' */
  readonly priceClass?: PriceClass;
  /** @default 'origin-access-control' */
  readonly origin?: WebsiteOrigin;
  /** Tags on the bucket, policies, certificate and distribution. @default - no tags */
  readonly tags?: Tags;
  /** Server access logging for the bucket. @default - no access logs */
  readonly accessLogs?: AccessLogsProps;
  /**
   * The site's content from a local folder: each file an object with its content type and Cache-Control;
   * files removed from the folder are deleted from the bucket; CloudFront's cache is flushed after a deploy
   * that changed the content, and only then. See `WebsiteContent`.
   * @default - no content is managed (upload it by other means)
   */
  readonly content?: WebsiteContentOptions;
  /**
   * A single-page app: CloudFront answers requests for unknown paths (the bucket's 403 and 404) with the index
   * document and status 200, so the app's router handles them. Conflicts with `errorDocument`.
   * @default false
   */
  readonly singlePageApp?: boolean;
  /**
   * Security headers on every response, by a CloudFront response headers policy (`<domain-with-dashes>-SecurityHeaders`):
   * HSTS (two years, includeSubDomains, no preload), `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
   * `Referrer-Policy: strict-origin-when-cross-origin` and `Content-Security-Policy: default-src 'self'`.
   * Override single fields, or `false` for no policy (earns a synth warning).
   * @default - the headers above
   */
  readonly securityHeaders?: SecurityHeaders | false;
  /** CloudFront standard logging of the distribution. @default - no distribution logs */
  readonly distributionLogs?: DistributionLogsProps;
}

/** The managed cache policy "CachingOptimized". */
const CACHING_OPTIMIZED_POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/** CloudFront only accepts certificates from this region. */
const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

/**
 * A static website: an `AdminBucket` named after the domain with website configuration, a CloudFront
 * distribution with TLS 1.2+ and security headers, Route53 A and AAAA aliases, and the website admin policy
 * `<domain>-WebAdmPlc` attached to the group `<domain>-WebAdmGrp`: the declarative form of the replaced
 * `POST /websites`. With `content`, the files of a local folder are its objects.
 *
 * @example
 * const site = new StaticWebsite(stack, 'Site', {
 *   domainName: 'www.example.com',
 *   hostedZoneName: 'example.com',
 *   content: { directory: 'web/dist' },
 *   singlePageApp: true,
 * });
 * const deployer = new BucketUser(stack, 'Deployer', { userName: 'www-deployer' });
 * site.bucket.grantAdmin(deployer);
 * site.grantWebAdmin(deployer);
 */
export class StaticWebsite extends Construct {
  readonly domainName: string;
  readonly bucket: AdminBucket;
  private readonly serviceTags?: Tags;
  readonly distribution: CloudfrontDistribution;
  readonly webAdminPolicy: IamPolicy;
  readonly webAdminGroup: IamGroup;
  /** The response headers policy; undefined with `securityHeaders: false`. */
  readonly securityHeadersPolicy?: CloudfrontResponseHeadersPolicy;
  /** The managed content; undefined without `content`. */
  readonly content?: WebsiteContent;
  /** @attribute */
  readonly certificateArn: string;
  private readonly zoneId: string;
  private readonly websiteConfiguration: S3BucketWebsiteConfiguration;
  private readonly aliasRecords = new Map<string, Route53Record>();
  private readonly webAdminPolicyAttachment: IamGroupPolicyAttachment;
  private originAccessControl?: CloudfrontOriginAccessControl;
  private readonly webAdminRights: AdminRights;

  constructor(scope: Construct, id: string, props: StaticWebsiteProps) {
    super(scope, id);
    this.validate(props);
    const domain = props.domainName;
    this.domainName = domain;
    const origin = props.origin ?? 'origin-access-control';
    const indexDocument = props.indexDocument ?? 'index.html';

    // the bucket keeps every tag; IAM, ACM and CloudFront get the ones they accept (one warning for the rest)
    this.serviceTags = serviceTags(this, props.tags);
    this.bucket = new AdminBucket(this, 'Site', {
      bucketName: domain,
      tags: props.tags,
      accessLogs: props.accessLogs,
      publicRead: origin === 'website-endpoint',
    });
    const website = (this.websiteConfiguration = new S3BucketWebsiteConfiguration(this, 'WebsiteConfiguration', {
      bucket: this.bucket.bucket.id,
      indexDocument: { suffix: indexDocument },
      errorDocument: props.errorDocument ? { key: props.errorDocument } : undefined,
    }));

    const zoneId = (this.zoneId = this.resolveZoneId(props));
    this.certificateArn = props.certificateArn ?? this.requestCertificate(domain, zoneId, this.serviceTags);
    this.securityHeadersPolicy = this.renderSecurityHeadersPolicy(domain, props.securityHeaders);
    const logs = this.renderLogging(domain, props.distributionLogs);

    this.distribution = new CloudfrontDistribution(this, 'Distribution', {
      enabled: true,
      comment: domain,
      aliases: [domain],
      defaultRootObject: indexDocument,
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: props.priceClass ?? 'PriceClass_100',
      origin: [this.renderOrigin(origin, website)],
      defaultCacheBehavior: {
        targetOriginId: domain,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
        responseHeadersPolicyId: this.securityHeadersPolicy?.id,
      },
      customErrorResponse: this.renderErrorResponses(props, indexDocument),
      loggingConfig: logs?.config,
      dependsOn: logs?.dependsOn,
      restrictions: {
        geoRestriction: props.geoRestriction
          ? { restrictionType: props.geoRestriction.type, locations: props.geoRestriction.locations }
          : { restrictionType: 'none', locations: [] },
      },
      viewerCertificate: {
        acmCertificateArn: this.certificateArn,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: 'TLSv1.2_2021',
      },
      tags: this.serviceTags,
    });
    if (origin === 'origin-access-control') {
      this.bucket.addToResourcePolicy(allowCloudFrontRead(domain, this.distribution.arn));
    }

    for (const type of ['A', 'AAAA']) {
      this.aliasRecords.set(type, new Route53Record(this, `AliasRecord${type}`, {
        zoneId,
        name: domain,
        type,
        alias: {
          name: this.distribution.domainName,
          zoneId: this.distribution.hostedZoneId,
          evaluateTargetHealth: false,
        },
      }));
    }

    this.webAdminPolicy = new IamPolicy(this, 'WebAdminPolicy', {
      name: websiteAdminPolicyName(domain),
      description: `Cache invalidation and read access for the CloudFront distribution of ${domain}`,
      policy: websiteAdminPolicy(this.distribution.arn),
      tags: this.serviceTags,
    });
    this.webAdminGroup = new IamGroup(this, 'WebAdminGroup', { name: websiteAdminGroupName(domain) });
    this.webAdminPolicyAttachment = new IamGroupPolicyAttachment(this, 'WebAdminPolicyAttachment', {
      group: this.webAdminGroup.name,
      policyArn: this.webAdminPolicy.arn,
    });
    this.webAdminRights = { kind: 'websiteAdmin', group: this.webAdminGroup, policy: this.webAdminPolicy, grants: new Map() };

    if (props.content) {
      this.content = new WebsiteContent(this, 'Content', { ...props.content, bucket: this.bucket, distributionId: this.distribution.id });
      this.checkContentHolds('indexDocument', indexDocument);
      if (props.errorDocument) this.checkContentHolds('errorDocument', props.errorDocument);
    }
  }

  /** @attribute */
  get distributionId(): string {
    return this.distribution.id;
  }

  /**
   * Adopts what already exists of the website (made by hand or by the replaced service): the next
   * `cdktf deploy` imports it (`importFrom`) instead of creating duplicates. Needs a literal `hostedZoneId`
   * when records are adopted.
   */
  importExisting(existing: ExistingWebsite): void {
    const domain = literal(this, 'domainName', this.domainName);
    this.bucket.importExisting(existing.bucket);
    if (existing.websiteConfiguration) this.websiteConfiguration.importFrom(domain);
    if (existing.distributionId) this.distribution.importFrom(existing.distributionId);
    if (existing.originAccessControlId) {
      if (!this.originAccessControl) {
        throw new ValidationError(this, `'originAccessControlId' of importExisting is given, but the website's origin is 'website-endpoint', which uses none`);
      }
      this.originAccessControl.importFrom(existing.originAccessControlId);
    }
    for (const type of existing.records ?? []) {
      this.aliasRecords.get(type)!.importFrom(route53RecordId(literal(this, 'hostedZoneId', this.zoneId), domain, type));
    }
    importAdminPair(this, 'webAdmin', { policy: this.webAdminPolicy, group: this.webAdminGroup, attachment: this.webAdminPolicyAttachment }, websiteAdminGroupName(domain), {
      policyArn: existing.webAdminPolicyArn,
      group: existing.webAdminGroup,
      attached: existing.webAdminPolicyAttached,
    });
  }

  /**
   * Makes `grantee` a website admin (cache invalidation and reads of this distribution): a user (a
   * `BucketUser`, an `IamUser`, or an IAM user's name) joins `<domain>-WebAdmGrp`; an `IamGroup` gets
   * `<domain>-WebAdmPlc` attached. For the content, grant `site.bucket.grantAdmin(grantee)` too. Granting the
   * same grantee twice returns the first grant.
   *
   * @example
   * const deployer = new BucketUser(stack, 'Deployer', { userName: 'site-deployer' });
   * site.bucket.grantAdmin(deployer);
   * site.grantWebAdmin(deployer);
   */
  grantWebAdmin(grantee: Grantee): Grant {
    return grantRights(this, this.webAdminRights, grantee);
  }

  /**
   * Creates a website user with an access key and makes it an admin of both the bucket and the website
   * (`site.bucket.grantAdmin(user)` and `site.grantWebAdmin(user)`).
   * @param options.groups **Deprecated**: a subset of `['BktAdmGrp', 'WebAdmGrp']`; create a `BucketUser` and
   * grant what it needs instead. Still honoured in this release, with a synth warning. @default both
   */
  addUser(
    userName: string,
    options: Omit<BucketUserOptions, 'groups'> & { /** @deprecated grant instead */ groups?: WebsiteGroup[] } = {},
  ): BucketUser {
    const { groups, ...userOptions } = options;
    const wanted = groups ?? ['BktAdmGrp', 'WebAdmGrp'];
    if (groups !== undefined) {
      const unknown = wanted.filter((g) => g !== 'BktAdmGrp' && g !== 'WebAdmGrp');
      if (unknown.length > 0 || wanted.length === 0) {
        throw new ValidationError(
          this,
          `'groups' of website user '${userName}' must be a non-empty subset of ['BktAdmGrp', 'WebAdmGrp'], got ${JSON.stringify(wanted)}`,
        );
      }
      Annotations.of(this).addWarning(
        `'groups' of addUser('${userName}') is deprecated and will be removed in the next release: create a BucketUser and call site.bucket.grantAdmin(user) and/or site.grantWebAdmin(user)`,
      );
    }
    const user = new BucketUser(this, `User-${userName}`, { ...userOptions, userName });
    if (wanted.includes('BktAdmGrp')) this.bucket.grantAdmin(user);
    if (wanted.includes('WebAdmGrp')) this.grantWebAdmin(user);
    return user;
  }

  private validate(props: StaticWebsiteProps): void {
    if (!Token.isUnresolved(props.domainName)) {
      throwIfBroken(this, 'domainName', props.domainName, domainNameViolations(props.domainName));
    }
    const zone = props.hostedZoneName?.replace(/\.$/, '').toLowerCase();
    if (zone !== undefined && !Token.isUnresolved(zone) && !Token.isUnresolved(props.domainName)) {
      const domain = props.domainName.toLowerCase();
      if (domain !== zone && !domain.endsWith(`.${zone}`)) {
        throwIfBroken(this, 'domainName', props.domainName, [`must be in the hosted zone '${zone}' (hostedZoneName): the alias records and the certificate's validation records go there; use the zone that holds the domain`]);
      }
    }
    if ((props.hostedZoneId === undefined) === (props.hostedZoneName === undefined)) {
      throw new ValidationError(
        this,
        `exactly one of 'hostedZoneId' and 'hostedZoneName' must be given, got ${JSON.stringify({
          hostedZoneId: props.hostedZoneId,
          hostedZoneName: props.hostedZoneName,
        })}`,
      );
    }
    if (props.geoRestriction) {
      throwIfBroken(this, 'geoRestriction', props.geoRestriction, geoRestrictionViolations(props.geoRestriction));
    }
    if (props.priceClass !== undefined && !PRICE_CLASSES.includes(props.priceClass)) {
      throwIfBroken(this, 'priceClass', props.priceClass, [`must be one of ${PRICE_CLASSES.join(', ')}`]);
    }
    if (props.singlePageApp && props.errorDocument !== undefined) {
      throw new ValidationError(
        this,
        `'singlePageApp' conflicts with 'errorDocument', got errorDocument ${JSON.stringify(props.errorDocument)}: a single-page app answers unknown paths with the index document; drop one of them`,
      );
    }
    if (props.securityHeaders) throwIfBroken(this, 'securityHeaders', props.securityHeaders, securityHeadersViolations(props.securityHeaders));
    const logBucket = props.distributionLogs?.bucket;
    if (typeof logBucket === 'string' && !Token.isUnresolved(logBucket)) {
      const broken = bucketNameViolations(logBucket);
      if (logBucket === props.domainName) broken.push("must not be the site's own bucket, whose ACLs are off (CloudFront logging needs them on)");
      throwIfBroken(this, 'distributionLogs.bucket', logBucket, broken);
    } else if (logBucket instanceof AdminBucket && logBucket.objectOwnership === 'BucketOwnerEnforced') {
      throwIfBroken(this, 'distributionLogs.bucket', logBucket.node.path, [
        `its objectOwnership is 'BucketOwnerEnforced' (ACLs off), but CloudFront standard logging delivers through an ACL grant: give that AdminBucket objectOwnership: 'BucketOwnerPreferred'`,
      ]);
    }
  }

  /** A warning when the content folder lacks a document the site serves (a typo, or the wrong folder). */
  private checkContentHolds(field: string, key: string): void {
    if (this.content && !Token.isUnresolved(key) && !this.content.listing.files.some((f) => f.key === key)) {
      Annotations.of(this).addWarning(`'${field}' is '${key}', but 'content.directory' holds no such file: the site answers it with an error`);
    }
  }

  /**
   * Error responses: a single-page app's router gets every unknown path (S3 answers 403 for a missing key when
   * the bucket is private, 404 otherwise); else the error document, if any, with status 404.
   */
  private renderErrorResponses(props: StaticWebsiteProps, indexDocument: string) {
    if (props.singlePageApp) {
      return [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: `/${indexDocument}` }));
    }
    return props.errorDocument
      ? [404, 403].map((errorCode) => ({ errorCode, responseCode: 404, responsePagePath: `/${props.errorDocument}` }))
      : undefined;
  }

  private renderSecurityHeadersPolicy(domain: string, headers: SecurityHeaders | false | undefined): CloudfrontResponseHeadersPolicy | undefined {
    if (headers === false) {
      Annotations.of(this).addWarning(`'securityHeaders' is false: responses of ${domain} carry no HSTS, CSP, X-Frame-Options, X-Content-Type-Options or Referrer-Policy`);
      return undefined;
    }
    return new CloudfrontResponseHeadersPolicy(this, 'SecurityHeaders', {
      name: Token.isUnresolved(domain) ? `${Fn.replace(domain, '.', '-')}${WEBSITE_HEADERS_POLICY_SUFFIX}` : websiteHeadersPolicyName(domain),
      comment: `Security headers of ${domain}`,
      securityHeadersConfig: renderSecurityHeaders(headers ?? {}),
    });
  }

  private renderLogging(domain: string, logs: DistributionLogsProps | undefined) {
    if (!logs) return undefined;
    const bucket = logs.bucket;
    const config = {
      bucket: typeof bucket === 'string' ? `${bucket}.s3.amazonaws.com` : bucket.bucketDomainName,
      prefix: logs.prefix ?? `cloudfront/${domain}/`,
      includeCookies: logs.includeCookies ?? false,
    };
    // CloudFront refuses a log bucket whose ACLs are still off: wait for its ownership setting
    const dependsOn: ITerraformDependable[] | undefined = typeof bucket === 'string' ? undefined : [bucket.ownershipControls];
    return { config, dependsOn };
  }

  private resolveZoneId(props: StaticWebsiteProps): string {
    if (props.hostedZoneId !== undefined) return props.hostedZoneId;
    return new DataAwsRoute53Zone(this, 'HostedZone', { name: props.hostedZoneName, privateZone: false }).zoneId;
  }

  private requestCertificate(domain: string, zoneId: string, tags: Tags | undefined): string {
    const certificate = new AcmCertificate(this, 'Certificate', {
      domainName: domain,
      validationMethod: 'DNS',
      region: CLOUDFRONT_CERTIFICATE_REGION,
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, 'domain_name');
    const records = new Route53Record(this, 'CertificateValidationRecord', {
      forEach: options,
      allowOverwrite: true,
      zoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 60,
    });
    const validation = new AcmCertificateValidation(this, 'CertificateValidation', {
      certificateArn: certificate.arn,
      region: CLOUDFRONT_CERTIFICATE_REGION,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn')),
    });
    return validation.certificateArn;
  }

  private renderOrigin(origin: WebsiteOrigin, website: S3BucketWebsiteConfiguration): CloudfrontDistributionOrigin {
    if (origin === 'website-endpoint') {
      return {
        originId: this.domainName,
        domainName: website.websiteEndpoint,
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          // S3 website endpoints do not speak HTTPS
          originProtocolPolicy: 'http-only',
          originSslProtocols: ['TLSv1.2'],
        },
      };
    }
    const accessControl = (this.originAccessControl = new CloudfrontOriginAccessControl(this, 'OriginAccessControl', {
      name: this.domainName,
      description: `CloudFront access to the bucket ${this.domainName}`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    }));
    return {
      originId: this.domainName,
      domainName: this.bucket.bucket.bucketRegionalDomainName,
      originAccessControlId: accessControl.id,
    };
  }
}
