-- A call learns its dialed leg later: the leg's unique index skips calls without one, so placing a call
-- writes no entry in it. The unsettled-calls index serves the stale-call sweeper, which reads the unsettled
-- calls of every account by age (the limits on calls in progress read call_activity since 0011).
DROP INDEX "calls_child_call_sid_key";--> statement-breakpoint
DROP INDEX "calls_unsettled_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "calls_child_call_sid_key" ON "calls" USING btree ("child_call_sid") WHERE "calls"."child_call_sid" is not null;--> statement-breakpoint
CREATE INDEX "calls_unsettled_idx" ON "calls" USING btree ("started_at") WHERE "calls"."settled_at" is null;