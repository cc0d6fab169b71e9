import { z } from 'zod';

export const devMailItemSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
});
export const devMailResponseSchema = z.object({ items: z.array(devMailItemSchema) });
export type DevMailResponse = z.infer<typeof devMailResponseSchema>;
