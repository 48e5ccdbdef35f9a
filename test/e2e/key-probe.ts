/** A key as the probe tries it; `label` names it in reports (never the secret). */
export interface ProbeKey {
  readonly label: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface ProbeRound {
  readonly at: number;
  readonly working: string[];
  readonly refused: string[];
}

/**
 * Tries keys in a loop while a deploy runs, to show that a rotation never leaves a moment without a
 * working key. Each round takes the keys the server holds at that moment (with the key the test held
 * before the rotation) and makes one real call with each. A round in which none worked is looked at once
 * more at once: a key listed a moment before may have been replaced in between (an in-place secret
 * change), and the server's current key is then tried too. A round with no working key after that is a
 * moment without one.
 */
export class KeyProbe {
  readonly rounds: ProbeRound[] = [];
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly candidates: () => Promise<ProbeKey[]>,
    private readonly works: (key: ProbeKey) => Promise<boolean>,
    private readonly pauseMs = 25,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.spin();
  }

  async stop(): Promise<ProbeRound[]> {
    this.running = false;
    await this.loop;
    return this.rounds;
  }

  /** Rounds in which no key worked. */
  get gaps(): ProbeRound[] {
    return this.rounds.filter((r) => r.working.length === 0);
  }

  /** The working keys of each round, with repeats folded: "old → old+new → new". */
  get story(): string {
    const steps = this.rounds.map((r) => r.working.sort().join('+') || '(none)');
    return steps.filter((s, i) => i === 0 || s !== steps[i - 1]).join(' → ');
  }

  private async spin(): Promise<void> {
    while (this.running) {
      this.rounds.push(await this.round());
      await new Promise((r) => setTimeout(r, this.pauseMs));
    }
  }

  private async round(): Promise<ProbeRound> {
    const at = Date.now();
    const tried = new Map<string, boolean>();
    const tryAll = async (keys: ProbeKey[]) => {
      const fresh = keys.filter((k) => !tried.has(`${k.accessKeyId}\n${k.secretAccessKey}`));
      const results = await Promise.all(fresh.map(async (k) => [k, await this.works(k).catch(() => false)] as const));
      for (const [k, ok] of results) tried.set(`${k.accessKeyId}\n${k.secretAccessKey}`, ok);
      return results;
    };
    const results = [...(await tryAll(await this.candidates()))];
    if (!results.some(([, ok]) => ok)) results.push(...(await tryAll(await this.candidates())));
    return { at, working: unique(results.filter(([, ok]) => ok).map(([k]) => k.label)), refused: unique(results.filter(([, ok]) => !ok).map(([k]) => k.label)) };
  }
}

function unique(labels: string[]): string[] {
  return [...new Set(labels)];
}
