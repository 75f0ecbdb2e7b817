/**
 * How a run hands its parsed rules to its worker threads. The pool starts before the rules are
 * parsed (the threads load their models meanwhile), so they cannot go in `workerData`; a
 * BroadcastChannel carries them instead. The main thread posts them once they are ready, and
 * again to any thread that asks: one that subscribed after that first message missed it.
 */
import { BroadcastChannel } from 'node:worker_threads';
import type { LoadedRules } from './rules/loaded.js';

const WANTED = 'rules wanted';

/** A channel name for one run. */
export const rulesChannelName = (run: string) => `news-pipeline-rules:${run}`;

/** The main thread's end: `publish` once, `close` when the run's workers are gone. */
export class RulesPublisher {
  private readonly channel: BroadcastChannel;
  private loaded: LoadedRules | null = null;

  constructor(name: string) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event) => {
      if ((event as MessageEvent).data === WANTED && this.loaded) this.channel.postMessage(this.loaded);
    };
  }

  publish(loaded: LoadedRules): void {
    this.loaded = loaded;
    this.channel.postMessage(loaded);
  }

  close(): void {
    this.channel.close();
  }
}

/** A worker thread's end: the rules, when the main thread has them. */
export function receiveRules(name: string): Promise<LoadedRules> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(name);
    channel.onmessage = (event) => {
      const data = (event as MessageEvent).data as unknown;
      if (data === WANTED) return; // another worker asking
      channel.close();
      resolve(data as LoadedRules);
    };
    channel.postMessage(WANTED);
  });
}
