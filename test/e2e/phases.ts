/** Wall time of each phase of an end-to-end run, printed when the run ends. */
export class PhaseClock {
  private readonly phases: Array<[string, number]> = [];

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.phases.push([phase, (Date.now() - started) / 1000]);
    }
  }

  report(title: string): string {
    const total = this.phases.reduce((sum, [, s]) => sum + s, 0);
    return [`${title}: ${total.toFixed(1)} s`, ...this.phases.map(([p, s]) => `  ${p.padEnd(44)} ${s.toFixed(1)} s`)].join('\n');
  }
}
