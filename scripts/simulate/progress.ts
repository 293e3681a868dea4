/**
 * Progress of a run on stderr: a bar with rate and ETA on a terminal (cli-progress), plain lines
 * every few seconds otherwise (CI logs, files), so a long run is never silent.
 */
import { performance } from "node:perf_hooks";
import cliProgress from "cli-progress";
import type { Progress } from "./run.ts";

/** "1h 02m", "3m 05s", "12s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

/** The figures both outputs show. */
export function describe(progress: Progress, tradingSeconds: number, blocksPerDay: number) {
  // The first second's rate says nothing yet.
  const rate = tradingSeconds >= 1 ? progress.paymentsAccepted / tradingSeconds : 0;
  const left = progress.totalBlocks - progress.blocksDone;
  const eta = progress.blocksDone > 0 && tradingSeconds >= 1 ? (tradingSeconds / progress.blocksDone) * left : Number.NaN;
  return {
    day: Math.floor(progress.blocksDone / blocksPerDay),
    days: Math.ceil(progress.totalBlocks / blocksPerDay),
    rate: rate.toFixed(1),
    eta: formatDuration(eta),
  };
}

export interface ProgressOutput {
  update(progress: Progress): void;
  stop(): void;
}

/** A bar on a terminal, lines elsewhere; `quiet` prints nothing. */
export function progressOutput(blocksPerDay: number, options: { tty: boolean; quiet: boolean; intervalMs?: number; write?: (line: string) => void }): ProgressOutput {
  if (options.quiet) return { update() {}, stop() {} };
  let tradingSince: number | undefined;
  const seconds = () => (tradingSince === undefined ? 0 : (performance.now() - tradingSince) / 1000);
  if (options.tty) {
    const bar = new cliProgress.SingleBar(
      { format: "{phase} [{bar}] {percentage}% | day {day}/{days} | {payments} payments, {refusals} refused | {rate} payments/s | ETA {etaText}", hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (p.phase === "trading") tradingSince ??= performance.now();
        const d = describe(p, seconds(), blocksPerDay);
        const payload = { phase: p.phase.padEnd(11), day: d.day, days: d.days, payments: p.paymentsAccepted, refusals: p.refusals, rate: d.rate, etaText: p.phase === "trading" ? d.eta : "-" };
        if (!started) bar.start(p.totalBlocks, p.blocksDone, payload);
        else bar.update(p.blocksDone, payload);
        started = true;
      },
      stop: () => bar.stop(),
    };
  }
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  let last = Number.NEGATIVE_INFINITY;
  let phase = "";
  return {
    update(p) {
      if (p.phase === "trading") tradingSince ??= performance.now();
      const now = performance.now();
      if (p.phase === phase && now - last < (options.intervalMs ?? 10_000)) return;
      last = now;
      phase = p.phase;
      const d = describe(p, seconds(), blocksPerDay);
      const where = p.phase === "trading" ? `day ${d.day}/${d.days} (${Math.floor((100 * p.blocksDone) / p.totalBlocks)}%), ${p.paymentsAccepted} payments, ${p.refusals} refused, ${d.rate} payments/s, ETA ${d.eta}` : `${p.transactionsSubmitted} transactions submitted so far`;
      write(`simulate: ${p.phase}: ${where}`);
    },
    stop() {},
  };
}
