/**
 * Runs a batch of inputs and answers one output per input, in order. It must be safe to run again on any of
 * its inputs (idempotent): a batch that fails is run again one input at a time.
 */
export type IdempotentBatchRun<In, Out> = (inputs: In[]) => Promise<Out[]>;

/**
 * Coalesces concurrent calls into batches. With nothing running, a call runs at once, alone, so batching adds
 * no latency. Calls made while batches run wait in a queue, and on the next turn of the event loop (once the
 * callers of a batch that just ended have sent their next calls) the queue is shared out evenly among the free
 * slots: up to `maxInFlight` batches at a time, each of at most `maxBatch` calls. Sharing it out keeps every
 * slot busy with a fair part of the work; taking the whole queue into one batch would leave the other slots
 * with the stragglers, and the database with one busy connection instead of several.
 *
 * A batch that fails is run again one call at a time, so that one bad call cannot fail the others: `run` must
 * be safe to repeat (e.g. idempotent).
 */
export function createBatcher<In, Out>(options: {
  run: IdempotentBatchRun<In, Out>;
  maxInFlight: number;
  maxBatch: number;
}) {
  type Waiting = { input: In; resolve: (output: Out) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;
  let pumpScheduled = false;

  async function runOne(waiting: Waiting) {
    try {
      const [output] = await options.run([waiting.input]);
      waiting.resolve(output as Out);
    } catch (error) {
      waiting.reject(error);
    }
  }

  async function runBatch(batch: Waiting[]) {
    if (batch.length === 1) return runOne(batch[0] as Waiting);
    let outputs: Out[];
    try {
      outputs = await options.run(batch.map((waiting) => waiting.input));
    } catch {
      // Each input is run again alone: it fails on its own error, or succeeds without the others.
      for (const waiting of batch) await runOne(waiting);
      return;
    }
    for (const [index, waiting] of batch.entries()) waiting.resolve(outputs[index] as Out);
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const freeSlots = options.maxInFlight - inFlight;
      const size = Math.min(options.maxBatch, Math.ceil(queue.length / freeSlots));
      const batch = queue.slice(0, size);
      queue = queue.slice(size);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        schedulePump();
      });
    }
  }

  function schedulePump() {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  return {
    submit(input: In): Promise<Out> {
      return new Promise<Out>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (inFlight === 0 && queue.length === 1) pump();
        else schedulePump();
      });
    },
  };
}
