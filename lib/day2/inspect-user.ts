import {
  GetUserCommand,
  paginateListAccessKeys,
  paginateListAttachedGroupPolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupsForUser,
} from '@aws-sdk/client-iam';
import { AwsClients, Calls } from './aws-clients';

export interface UserReport {
  readonly user: string;
  readonly arn?: string;
  readonly created?: string;
  /** Key ids with their status and age; secrets are never read. */
  readonly accessKeys: Array<{ id: string; status: string; ageDays: number }>;
  readonly groups: string[];
  /** Managed policies attached to the user or to one of its groups (`via` says which). */
  readonly policies: Array<{ name: string; arn: string; via: string }>;
  readonly denied: string[];
  readonly calls: number;
}

/** The replaced service's `GET .../users/{user}` view: the user, its key ids and their age, groups, policies. */
export async function inspectUser(clients: AwsClients, userName: string, now: Date = new Date()): Promise<UserReport> {
  const calls = new Calls();
  const client = clients.iam;
  const user = await calls.run('iam:GetUser', () => client.send(new GetUserCommand({ UserName: userName })), ['NoSuchEntity', 'NoSuchEntityException']);
  if (!user && !calls.denied.length) {
    return { user: userName, accessKeys: [], groups: [], policies: [], denied: [], calls: calls.count };
  }
  const [keys, groups, userPolicies] = await Promise.all([
    calls.all('iam:ListAccessKeys', paginateListAccessKeys({ client }, { UserName: userName }), (p) => p.AccessKeyMetadata),
    calls.all('iam:ListGroupsForUser', paginateListGroupsForUser({ client }, { UserName: userName }), (p) => p.Groups),
    calls.all('iam:ListAttachedUserPolicies', paginateListAttachedUserPolicies({ client }, { UserName: userName }), (p) => p.AttachedPolicies),
  ]);
  const groupPolicies = await Promise.all(
    groups.map(async (g) =>
      (await calls.all('iam:ListAttachedGroupPolicies', paginateListAttachedGroupPolicies({ client }, { GroupName: g.GroupName! }), (p) => p.AttachedPolicies)).map(
        (p) => ({ name: p.PolicyName!, arn: p.PolicyArn!, via: `group ${g.GroupName}` }),
      ),
    ),
  );
  return {
    user: userName,
    arn: user?.User?.Arn,
    created: user?.User?.CreateDate?.toISOString(),
    accessKeys: keys.map((k) => ({
      id: k.AccessKeyId!,
      status: k.Status ?? 'Unknown',
      ageDays: Math.floor((now.getTime() - (k.CreateDate?.getTime() ?? now.getTime())) / 86_400_000),
    })),
    groups: groups.map((g) => g.GroupName!),
    policies: [...userPolicies.map((p) => ({ name: p.PolicyName!, arn: p.PolicyArn!, via: 'user' })), ...groupPolicies.flat()],
    denied: calls.denied,
    calls: calls.count,
  };
}
