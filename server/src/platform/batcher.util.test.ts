import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.util';

/** A `run` that records each batch it is given and answers when the test says so. */
function controlledRun() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  return {
    batches,
    release: () => pending.shift()?.(),
    run: (inputs: number[]) => {
      batches.push(inputs);
      return new Promise<string[]>((resolve, reject) =>
        pending.push(() =>
          inputs.includes(13) && inputs.length > 1
            ? reject(new Error('unlucky batch'))
            : inputs.includes(13)
              ? reject(new Error('unlucky item'))
              : resolve(inputs.map((input) => `done ${input}`)),
        ),
      );
    },
  };
}

/**
 * Lets the batcher share out its queue, which it does on the next turn of the event loop: a batch that ends
 * schedules that turn in its own callbacks, after this one is queued, so wait for the turn after.
 */
const immediate = () => new Promise((resolve) => setImmediate(resolve));
const tick = async () => {
  await immediate();
  await immediate();
};

describe('batcher', () => {
  it('runs a lone call at once, and batches the calls that arrive while it runs', async () => {
    const control = controlledRun();
    const batcher = createBatcher({ run: control.run, maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((input) => batcher.submit(input));
    expect(control.batches).toEqual([[1]]);
    control.release();
    await expect(first).resolves.toBe('done 1');
    await tick();
    expect(control.batches).toEqual([[1], [2, 3, 4]]);
    control.release();
    await expect(Promise.all(rest)).resolves.toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('keeps at most maxInFlight batches running and at most maxBatch calls in one', async () => {
    const control = controlledRun();
    const batcher = createBatcher({ run: control.run, maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((input) => batcher.submit(input));
    expect(control.batches).toEqual([[1]]);
    await tick();
    expect(control.batches).toEqual([[1], [2, 3]]);
    control.release();
    await tick();
    expect(control.batches).toEqual([[1], [2, 3], [4, 5]]);
    control.release();
    await tick();
    expect(control.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
    control.release();
    control.release();
    await expect(Promise.all(all)).resolves.toHaveLength(6);
  });

  it('shares the waiting calls out evenly among the free slots', async () => {
    const control = controlledRun();
    const batcher = createBatcher({ run: control.run, maxInFlight: 3, maxBatch: 10 });
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((input) => batcher.submit(input));
    await tick();
    expect(control.batches).toEqual([[1], [2, 3, 4, 5], [6, 7, 8, 9]]);
    control.release();
    const next = [10, 11, 12].map((input) => batcher.submit(input));
    await tick();
    expect(control.batches.at(-1)).toEqual([10, 11, 12]);
    for (let i = 0; i < 3; i += 1) control.release();
    await expect(Promise.all([...all, ...next])).resolves.toHaveLength(12);
  });

  it('runs a failed batch again call by call, so that only the bad call fails', async () => {
    const control = controlledRun();
    const batcher = createBatcher({ run: control.run, maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    const outcomes = Promise.allSettled([12, 13, 14].map((input) => batcher.submit(input)));
    control.release();
    await first;
    await tick();
    control.release(); // the batch [12, 13, 14] fails
    for (let i = 0; i < 3; i += 1) {
      await tick();
      control.release();
    }
    const [good, bad, alsoGood] = await outcomes;
    expect(good).toEqual({ status: 'fulfilled', value: 'done 12' });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('unlucky item') });
    expect(alsoGood).toEqual({ status: 'fulfilled', value: 'done 14' });
    expect(control.batches).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });
});
