import { eq, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { knownDevices } from './tables';

export type KnownDevice = typeof knownDevices.$inferSelect;

export const knownDevicesRepository = {
  async find(db: Executor, tokenHash: string): Promise<KnownDevice | undefined> {
    const [row] = await db.select().from(knownDevices).where(eq(knownDevices.tokenHash, tokenHash));
    return row;
  },

  async insert(db: Executor, values: { tokenHash: string; userId: string; at: Date }) {
    await db.insert(knownDevices).values({
      tokenHash: values.tokenHash,
      userId: values.userId,
      createdAt: values.at,
      lastUsedAt: values.at,
    });
  },

  async touch(db: Executor, tokenHash: string, at: Date) {
    await db.update(knownDevices).set({ lastUsedAt: at }).where(eq(knownDevices.tokenHash, tokenHash));
  },

  async deleteAllOf(db: Executor, userId: string) {
    await db.delete(knownDevices).where(eq(knownDevices.userId, userId));
  },

  async deleteUnusedSince(db: Executor, before: Date): Promise<number> {
    const deleted = await db
      .delete(knownDevices)
      .where(lt(knownDevices.lastUsedAt, before))
      .returning({ tokenHash: knownDevices.tokenHash });
    return deleted.length;
  },
};
