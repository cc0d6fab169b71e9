CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"call_sid" text NOT NULL,
	"child_call_sid" text,
	"to_e164" text NOT NULL,
	"country" text,
	"destination" text NOT NULL,
	"caller_id" text NOT NULL,
	"status" text DEFAULT 'initiated' NOT NULL,
	"rate_micros" integer NOT NULL,
	"hold_id" uuid,
	"hold_cents" bigint NOT NULL,
	"time_limit_seconds" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"duration_seconds" integer,
	"billed_minutes" integer,
	"cost_cents" bigint,
	"written_off_cents" bigint,
	"settled_at" timestamp (3) with time zone,
	"checked_at" timestamp (3) with time zone,
	CONSTRAINT "calls_status_known" CHECK ("calls"."status" in ('initiated', 'ringing', 'in_progress', 'completed', 'busy', 'no_answer', 'failed', 'canceled')),
	CONSTRAINT "calls_amounts_non_negative" CHECK ("calls"."hold_cents" >= 0 and "calls"."rate_micros" >= 0),
	CONSTRAINT "calls_cost_within_hold" CHECK ("calls"."cost_cents" is null or ("calls"."cost_cents" >= 0 and "calls"."cost_cents" <= "calls"."hold_cents"))
);
--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_call_sid_key" ON "calls" USING btree ("call_sid");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_child_call_sid_key" ON "calls" USING btree ("child_call_sid");--> statement-breakpoint
CREATE INDEX "calls_account_started_idx" ON "calls" USING btree ("account_id","started_at","id");--> statement-breakpoint
CREATE INDEX "calls_membership_started_idx" ON "calls" USING btree ("membership_id","started_at");--> statement-breakpoint
CREATE INDEX "calls_unsettled_idx" ON "calls" USING btree ("account_id","started_at") WHERE "calls"."settled_at" is null;