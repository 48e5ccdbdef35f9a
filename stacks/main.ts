import { App } from 'cdktf';
import { AwsEstateStack } from './aws-estate';
import { printSynthSummary } from './synth-summary';

/** The cdktf app (`cdktf.json` runs it): synthesizes every example stack into `cdktf.out/`. */
const app = new App();
new AwsEstateStack(app, 'aws-estate');
app.synth();
printSynthSummary(app.outdir);
