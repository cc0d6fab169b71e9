/**
 * Coalesces concurrent calls into batches. While `maxInFlight` batches run, new calls wait in a queue, and the
 * next batch takes all of them (up to `maxBatch`). With no load a call runs at once, alone, so batching adds
 * no latency; under load one round trip serves many calls. A batch that fails is run again one call at a
 * time, so that one bad call cannot fail the others: `run` must be safe to repeat (e.g. idempotent).
 */
export function createBatcher<In, Out>(options: {
  run: (inputs: In[]) => Promise<Out[]>;
  maxInFlight: number;
  maxBatch: number;
}) {
  type Waiting = { input: In; resolve: (output: Out) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;

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
      for (const waiting of batch) await runOne(waiting);
      return;
    }
    for (const [index, waiting] of batch.entries()) waiting.resolve(outputs[index] as Out);
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        // Refill the slot a moment later, once the callers of the batch that just ended have sent their next
        // calls: they join the next batch instead of trickling into batches of one.
        setImmediate(pump);
      });
    }
  }

  return {
    submit(input: In): Promise<Out> {
      return new Promise<Out>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        pump();
      });
    },
  };
}
