import { DistributionSummary, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { ListResourceRecordSetsCommand, paginateListHostedZones } from '@aws-sdk/client-route-53';
import { AwsClients, Calls } from './aws-clients';
import { BucketReport, inspectBucket } from './inspect-bucket';

export interface WebsiteReport extends BucketReport {
  readonly distribution?: {
    id: string;
    status: string;
    domainName: string;
    aliases: string[];
    certificateArn?: string;
    minimumProtocolVersion?: string;
    geoRestriction: { type: string; locations: string[] };
    origins: string[];
  };
  /** A and AAAA records of the domain, with their alias targets. */
  readonly records: Array<{ type: string; target: string }>;
}

export async function findDistribution(clients: AwsClients, calls: Calls, domain: string): Promise<DistributionSummary | undefined> {
  return calls.run(
    'cloudfront:ListDistributions',
    async () => {
      for await (const page of paginateListDistributions({ client: clients.cloudfront }, {})) {
        calls.count++;
        const hit = page.DistributionList?.Items?.find((d) => d.Aliases?.Items?.includes(domain));
        if (hit) return hit;
      }
      return undefined;
    },
    [],
    true,
  );
}

async function findRecords(clients: AwsClients, calls: Calls, domain: string) {
  const zone = await calls.run(
    'route53:ListHostedZones',
    async () => {
      let best: { id: string; name: string } | undefined;
      for await (const page of paginateListHostedZones({ client: clients.route53 }, {})) {
        calls.count++;
        for (const z of page.HostedZones ?? []) {
          const name = z.Name!.replace(/\.$/, '');
          if ((domain === name || domain.endsWith(`.${name}`)) && (!best || name.length > best.name.length)) best = { id: z.Id!, name };
        }
      }
      return best;
    },
    [],
    true,
  );
  if (!zone) return [];
  const sets = await calls.run('route53:ListResourceRecordSets', () =>
    clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.id, StartRecordName: domain, MaxItems: 10 })),
  );
  return (sets?.ResourceRecordSets ?? [])
    .filter((r) => r.Name?.replace(/\.$/, '') === domain && (r.Type === 'A' || r.Type === 'AAAA'))
    .map((r) => ({ type: r.Type!, target: r.AliasTarget?.DNSName?.replace(/\.$/, '') ?? (r.ResourceRecords ?? []).map((v) => v.Value).join(',') }));
}

/** The replaced service's `GET /websites/{website}` view: the bucket, its distribution and its DNS records. */
export async function inspectWebsite(clients: AwsClients, domain: string): Promise<WebsiteReport> {
  const calls = new Calls();
  const [bucket, distribution, records] = await Promise.all([inspectBucket(clients, domain), findDistribution(clients, calls, domain), findRecords(clients, calls, domain)]);
  const geo = distribution?.Restrictions?.GeoRestriction;
  return {
    ...bucket,
    distribution: distribution && {
      id: distribution.Id!,
      status: distribution.Status!,
      domainName: distribution.DomainName!,
      aliases: distribution.Aliases?.Items ?? [],
      certificateArn: distribution.ViewerCertificate?.ACMCertificateArn,
      minimumProtocolVersion: distribution.ViewerCertificate?.MinimumProtocolVersion,
      geoRestriction: { type: geo?.RestrictionType ?? 'none', locations: geo?.Items ?? [] },
      origins: (distribution.Origins?.Items ?? []).map((o) => o.DomainName!),
    },
    records,
    denied: [...bucket.denied, ...calls.denied],
    calls: bucket.calls + calls.count,
  };
}
