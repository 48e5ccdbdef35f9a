import { DataResource } from 'cdktf';
import { TerraformData } from '../lib/synth/terraform-data';
import { newStack, synthJson } from './support/synth';

describe('TerraformData', () => {
  test('synthesizes the same terraform_data block as cdktf DataResource', () => {
    const config = {
      input: { uid: 'alice', nested: { quota: 5 } },
      triggersReplace: { uid: 'alice' },
      provisioners: [{ type: 'local-exec' as const, command: 'true', environment: { A: 'b' } }],
    };
    const { json } = synthJson((s) => {
      new TerraformData(s, 'Ours', config);
      new DataResource(s, 'Cdktf', config);
    });
    const strip = ({ '//': _metadata, ...body }: Record<string, unknown>) => body;
    const bodies = json.resource!.terraform_data;
    expect(strip(bodies.Ours)).toEqual(strip(bodies.Cdktf));
    expect(strip(bodies.Ours)).toMatchObject({ input: config.input, triggers_replace: config.triggersReplace });
  });

  test('registers no validation, so synth never runs a terraform binary', () => {
    const data = new TerraformData(newStack(), 'D', {});
    expect(data.node.validate()).toEqual([]);
  });
});
