import { FaultProxy } from '../support/fault-proxy';
import { CdktfProject, nonSensitiveStrings, RunResult } from './cdktf-project';
import { PhaseClock } from './phases';

/**
 * One end-to-end run of an example stack: its cdktf project, the admin endpoint behind a counting proxy
 * that can play an outage, the props of the last deploy, every deploy log, and the wall time of each phase.
 */
export class E2eRun {
  /** While true, every admin call answers 503. */
  outage = false;
  readonly proxy: FaultProxy;
  readonly clock = new PhaseClock();
  readonly logs: string[] = [];
  project!: CdktfProject;
  private props: Record<string, unknown> = {};

  constructor(adminEndpoint: string, private readonly stackModule: string, private readonly stackClass: string) {
    this.proxy = new FaultProxy(adminEndpoint, () => (this.outage ? '503' : 'pass'));
  }

  /** Starts the proxy; `props` are the stack's first props, with `url` set to the proxy. */
  async start(props: Record<string, unknown>): Promise<void> {
    this.props = { ...props, url: await this.proxy.start() };
    this.project = new CdktfProject(this.stackModule, this.stackClass, this.stackModule, process.env);
  }

  async stop(title: string): Promise<void> {
    await this.proxy.stop();
    console.log(this.clock.report(title));
  }

  /** `cdktf deploy` with the props changed by `change`. */
  async deploy(phase: string, change: Record<string, unknown> = {}): Promise<RunResult> {
    this.props = { ...this.props, ...change };
    const result = await this.clock.time(phase, () => this.project.deploy(this.props));
    this.logs.push(result.log);
    return result;
  }

  /** Secrets that must appear nowhere: not in cdk.tf.json, not in a deploy log, not as a non-sensitive value of show -json. */
  async leakedSecrets(secrets: string[]): Promise<string[]> {
    const visible = nonSensitiveStrings(await this.project.showJson());
    const synthesized = this.project.tfJsonText();
    return secrets.filter((s) => synthesized.includes(s) || this.logs.some((log) => log.includes(s)) || visible.some((v) => v.includes(s)));
  }

  /** The secrets drawn by the stack, read from the state (where they are marked sensitive). */
  async drawnSecrets(): Promise<string[]> {
    const show = await this.project.showJson();
    return show.values.root_module.resources.filter((r: any) => /SecretKey_[0-9A-F]+$/.test(r.address)).map((r: any) => r.values.triggers_replace.value as string);
  }
}
