CREATE TABLE "auto_topup_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"threshold_cents" bigint NOT NULL,
	"amount_cents" bigint NOT NULL,
	"daily_cap_cents" bigint NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"paused_reason" text,
	"paused_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "auto_topup_settings_paused_reason_known" CHECK ("auto_topup_settings"."paused_reason" in ('failures', 'dispute', 'card_removed')),
	CONSTRAINT "auto_topup_settings_cap_covers_amount" CHECK ("auto_topup_settings"."daily_cap_cents" >= "auto_topup_settings"."amount_cents")
);
--> statement-breakpoint
CREATE TABLE "payment_customers" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"provider_customer_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_customers_provider_customer_id_unique" UNIQUE("provider_customer_id")
);
--> statement-breakpoint
CREATE TABLE "payment_methods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"provider_payment_method_id" text NOT NULL,
	"brand" text NOT NULL,
	"last4" text NOT NULL,
	"exp_month" smallint NOT NULL,
	"exp_year" smallint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_recoveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"topup_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"requested_cents" bigint NOT NULL,
	"taken_cents" bigint NOT NULL,
	"owed_cents" bigint NOT NULL,
	"ledger_key" text NOT NULL,
	"hold_id" uuid,
	"applied_at" timestamp (3) with time zone,
	"resolution" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_recoveries_kind_known" CHECK ("payment_recoveries"."kind" in ('refund', 'dispute')),
	CONSTRAINT "payment_recoveries_amounts" CHECK ("payment_recoveries"."taken_cents" >= 0 and "payment_recoveries"."owed_cents" >= 0 and "payment_recoveries"."taken_cents" + "payment_recoveries"."owed_cents" = "payment_recoveries"."requested_cents")
);
--> statement-breakpoint
CREATE TABLE "topups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"amount_cents" bigint NOT NULL,
	"credited_cents" bigint,
	"refunded_cents" bigint DEFAULT 0 NOT NULL,
	"disputed_cents" bigint DEFAULT 0 NOT NULL,
	"save_card" boolean DEFAULT false NOT NULL,
	"checkout_session_id" text,
	"payment_intent_id" text,
	"card_brand" text,
	"card_last4" text,
	"failure_code" text,
	"failure_message" text,
	"created_by" uuid,
	"notify_email" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "topups_kind_known" CHECK ("topups"."kind" in ('checkout', 'auto', 'recovery')),
	CONSTRAINT "topups_status_known" CHECK ("topups"."status" in ('pending', 'succeeded', 'failed', 'refunded')),
	CONSTRAINT "topups_amount_positive" CHECK ("topups"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "auto_topup_settings" ADD CONSTRAINT "auto_topup_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_customers" ADD CONSTRAINT "payment_customers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_recoveries" ADD CONSTRAINT "payment_recoveries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_recoveries" ADD CONSTRAINT "payment_recoveries_topup_id_topups_id_fk" FOREIGN KEY ("topup_id") REFERENCES "public"."topups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topups" ADD CONSTRAINT "topups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_methods_one_active_per_account" ON "payment_methods" USING btree ("account_id") WHERE "payment_methods"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_recoveries_source_key" ON "payment_recoveries" USING btree ("kind","source_key");--> statement-breakpoint
CREATE INDEX "payment_recoveries_owed_idx" ON "payment_recoveries" USING btree ("created_at") WHERE "payment_recoveries"."owed_cents" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "topups_checkout_session_id_key" ON "topups" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topups_payment_intent_id_key" ON "topups" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "topups_account_created_idx" ON "topups" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "topups_one_pending_auto_per_account" ON "topups" USING btree ("account_id") WHERE "topups"."kind" = 'auto' and "topups"."status" = 'pending';