import { Fn, Op, Token } from 'cdktf';

/** Calendar periods after which `BucketUser.keyRotationPeriod` replaces a key. */
export type KeyRotationPeriod = 'month' | 'quarter' | 'year';

export const KEY_ROTATION_PERIODS: readonly KeyRotationPeriod[] = ['month', 'quarter', 'year'];

/**
 * A Terraform expression naming the period `time` falls in: `2026-11`, `2026-Q4` or `2026`. Evaluated at
 * plan time (`plantimestamp()`), it changes on the first plan of a new period and at no other time, so a
 * key generation that includes it rotates on schedule without the `time` provider.
 */
export function rotationPeriodLabel(period: KeyRotationPeriod, time: string = Fn.plantimestamp()): string {
  switch (period) {
    case 'month':
      return Fn.formatdate('YYYY-MM', time);
    case 'year':
      return Fn.formatdate('YYYY', time);
    case 'quarter': {
      const month = Fn.tonumber(Fn.formatdate('M', time));
      return `${Fn.formatdate('YYYY', time)}-Q${Token.asString(Fn.floor(Op.div(Op.add(month, 2), 3)))}`;
    }
  }
}
