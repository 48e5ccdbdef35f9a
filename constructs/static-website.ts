import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { CloudfrontDistribution, CloudfrontDistributionOrigin } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3BucketWebsiteConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-website-configuration';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { importAdminPair, literal, route53RecordId } from '../lib/adopt/import-ids';
import { throwIfBroken, ValidationError } from '../lib/errors';
import { domainNameViolations } from '../lib/naming/domain-name';
import { allowCloudFrontRead } from '../lib/policies/bucket-resource-policy';
import { websiteAdminPolicy } from '../lib/policies/website-admin-policy';
import { Tags } from '../lib/tags';
import { geoRestrictionViolations, GeoRestriction, PRICE_CLASSES, PriceClass } from '../lib/website-rules';
import { AccessLogsProps, AdminBucket, ExistingBucket } from './admin-bucket';
import { BucketUser, BucketUserOptions } from './bucket-user';

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

/** The groups a website user may join, by the replaced service's suffixes. */
export type WebsiteGroup = 'BktAdmGrp' | 'WebAdmGrp';

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
}

/** The managed cache policy "CachingOptimized". */
const CACHING_OPTIMIZED_POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/** CloudFront only accepts certificates from this region. */
const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

/**
 * A static website: an `AdminBucket` named after the domain with website configuration, a CloudFront
 * distribution with TLS 1.2+, Route53 A and AAAA aliases, and the website admin policy `<domain>-WebAdmPlc`
 * attached to the group `<domain>-WebAdmGrp`: the declarative form of the replaced `POST /websites`.
 *
 * @example
 * new StaticWebsite(stack, 'Site', { domainName: 'www.example.com', hostedZoneName: 'example.com' });
 */
export class StaticWebsite extends Construct {
  readonly domainName: string;
  readonly bucket: AdminBucket;
  readonly distribution: CloudfrontDistribution;
  readonly webAdminPolicy: IamPolicy;
  readonly webAdminGroup: IamGroup;
  /** @attribute */
  readonly certificateArn: string;
  private readonly zoneId: string;
  private readonly websiteConfiguration: S3BucketWebsiteConfiguration;
  private readonly aliasRecords = new Map<string, Route53Record>();
  private readonly webAdminPolicyAttachment: IamGroupPolicyAttachment;
  private originAccessControl?: CloudfrontOriginAccessControl;

  constructor(scope: Construct, id: string, props: StaticWebsiteProps) {
    super(scope, id);
    this.validate(props);
    const domain = props.domainName;
    this.domainName = domain;
    const origin = props.origin ?? 'origin-access-control';
    const indexDocument = props.indexDocument ?? 'index.html';

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
    this.certificateArn = props.certificateArn ?? this.requestCertificate(domain, zoneId, props.tags);

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
      },
      customErrorResponse: props.errorDocument
        ? [404, 403].map((errorCode) => ({ errorCode, responseCode: 404, responsePagePath: `/${props.errorDocument}` }))
        : undefined,
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
      tags: props.tags,
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
      name: `${domain}-WebAdmPlc`,
      description: `Cache invalidation and read access for the CloudFront distribution of ${domain}`,
      policy: websiteAdminPolicy(this.distribution.arn),
      tags: props.tags,
    });
    this.webAdminGroup = new IamGroup(this, 'WebAdminGroup', { name: `${domain}-WebAdmGrp` });
    this.webAdminPolicyAttachment = new IamGroupPolicyAttachment(this, 'WebAdminPolicyAttachment', {
      group: this.webAdminGroup.name,
      policyArn: this.webAdminPolicy.arn,
    });
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
    importAdminPair(this, 'webAdmin', { policy: this.webAdminPolicy, group: this.webAdminGroup, attachment: this.webAdminPolicyAttachment }, `${domain}-WebAdmGrp`, {
      policyArn: existing.webAdminPolicyArn,
      group: existing.webAdminGroup,
      attached: existing.webAdminPolicyAttached,
    });
  }

  /**
   * Creates a website user with an access key in the bucket admin group, the website admin group, or both.
   * @param options.groups a subset of `['BktAdmGrp', 'WebAdmGrp']` @default both
   */
  addUser(
    userName: string,
    options: Omit<BucketUserOptions, 'groups'> & { groups?: WebsiteGroup[] } = {},
  ): BucketUser {
    const wanted = options.groups ?? ['BktAdmGrp', 'WebAdmGrp'];
    const groupNames: Record<WebsiteGroup, string> = {
      BktAdmGrp: this.bucket.adminGroupName,
      WebAdmGrp: this.webAdminGroup.name,
    };
    const unknown = wanted.filter((g) => !(g in groupNames));
    if (unknown.length > 0 || wanted.length === 0) {
      throw new ValidationError(
        this,
        `'groups' of website user '${userName}' must be a non-empty subset of ['BktAdmGrp', 'WebAdmGrp'], got ${JSON.stringify(wanted)}`,
      );
    }
    return new BucketUser(this, `User-${userName}`, {
      ...options,
      userName,
      groups: [...new Set(wanted)].map((g) => groupNames[g]),
    });
  }

  private validate(props: StaticWebsiteProps): void {
    if (!Token.isUnresolved(props.domainName)) {
      throwIfBroken(this, 'domainName', props.domainName, domainNameViolations(props.domainName));
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
