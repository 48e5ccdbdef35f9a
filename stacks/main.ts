import { App } from 'cdktf';
import { AwsEstateStack } from './aws-estate';
import { OstorExampleStack } from './ostor-example';
import { RgwExampleStack } from './rgw-example';
import { StorjExampleStack } from './storj-example';
import { printSynthSummary } from './synth-summary';
import { VersityExampleStack } from './versity-example';

/**
 * The cdktf app (`cdktf.json` runs it): synthesizes every example stack into `cdktf.out/`. Each non-AWS
 * stack reads its endpoint from RGW_ENDPOINT, OSTOR_ENDPOINT, VERSITY_ADMIN_ENDPOINT or STORJ_ADMIN_ENDPOINT
 * (loopback defaults).
 */
const app = new App();
new AwsEstateStack(app, 'aws-estate');
new RgwExampleStack(app, 'rgw-example');
new OstorExampleStack(app, 'ostor-example');
new VersityExampleStack(app, 'versity-example');
new StorjExampleStack(app, 'storj-example', { euBucket: 'foobar-eu' });
app.synth();
printSynthSummary(app.outdir);
