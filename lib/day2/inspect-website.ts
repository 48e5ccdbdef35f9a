import { DistributionSummary, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { HostedZone, ListResourceRecordSetsCommand, paginateListHostedZones, ResourceRecordSet } from '@aws-sdk/client-route-53';
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

/** Every distribution by each of its aliases, from one paged listing (for lookups of many domains). */
export async function distributionsByAlias(clients: AwsClients, calls: Calls): Promise<Map<string, DistributionSummary>> {
  const distributions = await calls.all('cloudfront:ListDistributions', paginateListDistributions({ client: clients.cloudfront }, {}), (p) => p.DistributionList?.Items);
  return new Map(distributions.flatMap((d) => (d.Aliases?.Items ?? []).map((alias): [string, DistributionSummary] => [alias, d])));
}

/** The distribution serving `domain`, paging only until it is found. */
async function findDistribution(clients: AwsClients, calls: Calls, domain: string): Promise<DistributionSummary | undefined> {
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

/** The hosted zone that holds `domain`: the one with the longest name that is the domain or a parent of it. */
export function mostSpecificZone(zones: HostedZone[], domain: string): { id: string; name: string } | undefined {
  return zones
    .map((z) => ({ id: z.Id!.replace(/^\/hostedzone\//, ''), name: z.Name!.replace(/\.$/, '') }))
    .filter((z) => domain === z.name || domain.endsWith(`.${z.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

/** The A and AAAA records of `domain` in its zone (one call: they sort first from the domain's name on). */
export async function aliasRecordSets(clients: AwsClients, calls: Calls, zoneId: string, domain: string): Promise<ResourceRecordSet[]> {
  const sets = await calls.run('route53:ListResourceRecordSets', () =>
    clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: domain, MaxItems: 10 })),
  );
  return (sets?.ResourceRecordSets ?? []).filter((r) => r.Name?.replace(/\.$/, '') === domain && (r.Type === 'A' || r.Type === 'AAAA'));
}

async function findRecords(clients: AwsClients, calls: Calls, domain: string) {
  const zones = await calls.all('route53:ListHostedZones', paginateListHostedZones({ client: clients.route53 }, {}), (p) => p.HostedZones);
  const zone = mostSpecificZone(zones, domain);
  if (!zone) return [];
  return (await aliasRecordSets(clients, calls, zone.id, domain)).map((r) => ({
    type: r.Type!,
    target: r.AliasTarget?.DNSName?.replace(/\.$/, '') ?? (r.ResourceRecords ?? []).map((v) => v.Value).join(','),
  }));
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
